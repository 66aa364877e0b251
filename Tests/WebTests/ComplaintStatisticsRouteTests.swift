import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// `GET /complaints/statistics` (issue 13, item 5 in part): the month's desk figures as in
/// `gongkai complaint stats`, as a page and as CSV (BOM, neutralised cells, audited), for the 领导 and
/// the 督办 only, never a caller.
@Suite struct ComplaintStatisticsRouteTests {
    @Test func thePageAndTheCSVShowTheSameRowsAsTheCLI() async throws {
        let (bed, _) = try ComplaintListRouteTests.bed()
        let month = try #require(YearMonth(parsing: "2026-11"))
        let expected = try ComplaintRoutes.desk(bed.environment).statistics(month: month).rows
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            let page = try await browser.get(client, "/complaints/statistics?month=2026-11")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("<caption>2026年11月 投诉举报统计</caption>"))
            #expect(html.contains("<th scope=\"row\">受理量</th><td data-label=\"数值\">4</td>"))
            #expect(html.contains("href=\"/complaints/statistics?month=2026-11&amp;format=csv\""))
            #expect(html.contains("href=\"/complaints/statistics?month=2026-10\"") && html.contains("href=\"/complaints/statistics?month=2026-12\""))
            let csv = try await browser.get(client, "/complaints/statistics?month=2026-11&format=csv")
            #expect(csv.status == .ok && csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"complaint-statistics-2026-11.csv\"")
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            var writer = CSVWriter(header: ComplaintStatistics.header)
            for row in expected { writer.append([row.section, row.item, row.value]) }
            #expect(bytes == writer.utf8WithBOM, "the same rows as `complaint stats --format csv`")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix("分组,项目,数值") && text.contains("比率,按期办结率,"))
            #expect(!text.contains(ComplaintListRouteTests.caller) && !text.contains(ComplaintListRouteTests.phone) && !text.contains("摘要"))
            for bad in ["?month=2027-01", "?month=x", "?month=2026-11&format=xlsx"] {
                #expect(try await browser.get(client, "/complaints/statistics" + bad).status == .badRequest, "\(bad)")
            }
            for role in [Role.intake, .handler, .systemAdministrator] {
                var other = Browser()
                _ = try await other.logIn(client, WebTestBed.login(for: role))
                let refused = try await other.get(client, "/complaints/statistics?month=2026-11&format=csv")
                #expect(refused.status != .ok && !String(buffer: refused.body).contains("分组,项目,数值"), "\(role)")
            }
        }
        let exports = try bed.environment.audit.entries(AuditQuery(action: .export))
        #expect(exports.count == 1 && exports.first?.object == "/complaints/statistics?month=2026-11&format=csv"
                    && exports.first?.outcome == "success" && exports.first?.detail == "complaint statistics")
    }
}
