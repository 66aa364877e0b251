import Accounts
import Desk
import Foundation
import GRDB
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import OfficeTools
@testable import Store
import Testing
@testable import Web

/// The desk's PDFs (issue 13, item 5 in part): a complaint's 交办单 and the meeting list of a queue,
/// read back with pdftotext. The caller is printed only on the reasoned POST of someone who may
/// reveal them, and every download is audited as an export.
@Suite struct ComplaintPrintRouteTests {
    static let caller = ComplaintListRouteTests.caller, phone = ComplaintListRouteTests.phone

    /// The text of a PDF response, as pdftotext reads it, with its line breaks and spaces removed (a
    /// table cell may wrap anywhere).
    static func text(_ response: TestResponse) async throws -> String {
        #expect(response.headers[.contentType] == "application/pdf")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("print-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(response.body.readableBytesView).write(to: file)
        let result = try await ExternalTool.run("/usr/bin/pdftotext", [file.path, "-"])
        #expect(result.status == 0)
        return String(decoding: result.data, as: UTF8.self).filter { !$0.isWhitespace }
    }

    @Test func theJiaobandanHasEveryFieldTheDeadlineAndTheHistoryButNoCallerByDefault() async throws {
        let (bed, ids) = try ComplaintListRouteTests.bed()
        let a = try #require(ids["A"])
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let complaint = String(buffer: try await browser.get(client, "/complaints/\(a)").body)
            #expect(complaint.contains("href=\"/complaints/\(a)/print\""))
            let page = String(buffer: try await browser.get(client, "/complaints/\(a)/print").body)
            #expect(page.contains("href=\"/complaints/\(a)/jiaobandan.pdf\"") && page.contains("action=\"/complaints/\(a)/jiaobandan.pdf\""))
            let pdf = try await browser.get(client, "/complaints/\(a)/jiaobandan.pdf")
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentDisposition] == "attachment; filename=\"jiaobandan-\(a).pdf\"")
            let text = try await Self.text(pdf)
            for expected in ["投诉举报交办单", a, "收到时间", "2026-10-0810:00", "监督电话", "错保", "三营镇", "摘要2026-10-0810:00",
                             "办结期限2026-12-07", "办结期限2026-12-07当前灯号红灯（超期）", "匿名否来电人不显示", "办理经过", "登记"] {
                #expect(text.contains(expected), "\(expected) in \(text)")
            }
            #expect(!text.contains(Self.caller) && !text.contains(Self.phone))
        }
        let exports = try bed.environment.audit.entries(AuditQuery(action: .export))
        #expect(exports.count == 1 && exports.first?.object == "GET /complaints/\(a)/jiaobandan.pdf" && exports.first?.detail == "交办单")
        #expect(try bed.store.complaintEvents(id: a).allSatisfy { $0.action != "reveal" })
    }

    @Test func theCallerIsPrintedOnlyOnAReasonedPostAndIsAudited() async throws {
        let (bed, ids) = try ComplaintListRouteTests.bed()
        let a = try #require(ids["A"]), c = try #require(ids["C"]), g = try #require(ids["G"])
        try await bed.application().test(.router) { client in
            var supervisor = Browser()
            _ = try await supervisor.logIn(client, WebTestBed.login(for: .supervisor))
            _ = try await supervisor.get(client, "/complaints/\(a)/print")
            let unexplained = try await supervisor.post(client, "/complaints/\(a)/jiaobandan.pdf", [("reason", "  ")])
            #expect(unexplained.status == .badRequest && !String(buffer: unexplained.body).contains(Self.caller))
            let forged = try await supervisor.post(client, "/complaints/\(a)/jiaobandan.pdf", [("reason", "会议核实")], token: "forged")
            #expect(forged.status == .forbidden)
            let shown = try await supervisor.post(client, "/complaints/\(a)/jiaobandan.pdf", [("reason", "会议核实")])
            #expect(shown.status == .ok)
            let text = try await Self.text(shown)
            #expect(text.contains("来电人\(Self.caller)") && text.contains("联系电话\(Self.phone)") && text.contains("原因：会议核实"), "\(text)")

            // The 领导 may print the 交办单 but never the caller: no form, and the POST is refused.
            var leader = Browser()
            _ = try await leader.logIn(client, WebTestBed.login(for: .leader))
            let page = String(buffer: try await leader.get(client, "/complaints/\(a)/print").body)
            #expect(page.contains("jiaobandan.pdf\"") && !page.contains("method=\"post\" action=\"/complaints/\(a)/jiaobandan.pdf\""))
            #expect(try await !Self.text(try await leader.get(client, "/complaints/\(a)/jiaobandan.pdf")).contains(Self.caller))
            #expect(try await leader.post(client, "/complaints/\(a)/jiaobandan.pdf", [("reason", "想看")]).status == .forbidden)

            // A 承办人: the caller of a complaint assigned to them, not of another in their unit, and
            // no 交办单 at all of another unit's complaint.
            var handler = Browser()
            _ = try await handler.logIn(client, WebTestBed.login(for: .handler))
            _ = try await handler.get(client, "/complaints/\(g)/print")
            let own = try await handler.post(client, "/complaints/\(g)/jiaobandan.pdf", [("reason", "上门核实")])
            #expect(own.status == .ok)
            #expect(try await Self.text(own).contains(Self.caller))
            let notAssigned = try await handler.post(client, "/complaints/\(c)/jiaobandan.pdf", [("reason", "看看")])
            #expect(notAssigned.status == .forbidden && !String(buffer: notAssigned.body).contains(Self.caller))
            #expect(try await handler.get(client, "/complaints/\(a)/jiaobandan.pdf").status == .notFound, "another township's: as if missing")
        }
        let exports = try bed.environment.audit.entries(AuditQuery(action: .export))
        let withCaller = exports.filter { $0.object.hasPrefix("POST") && $0.outcome == "success" }
        #expect(Set(withCaller.map(\.detail)) == ["交办单 with caller identity: 会议核实", "交办单 with caller identity: 上门核实"])
        #expect(exports.contains { $0.object == "POST /complaints/\(c)/jiaobandan.pdf" && $0.outcome == "refused" && $0.detail.hasSuffix("看看") })
        let events = try bed.store.complaintEvents(id: a)
        #expect(events.last?.action == "reveal" && events.last?.note?.contains("会议核实") == true)
    }

    /// A 交办单 that cannot be drawn (a summary holding a character no font has, U+E000 of the
    /// private use area) is refused with the reason; when the caller was opened for it, the audit log
    /// records the failed export beside the reveal in the history.
    @Test func aReasonedJiaobandanThatCannotBePrintedIsAuditedAsAFailedExport() async throws {
        let (bed, ids) = try ComplaintListRouteTests.bed()
        let a = try #require(ids["A"])
        try bed.store.write { db in try db.execute(sql: "UPDATE complaint SET summary = ? WHERE complaint_id = ?", arguments: ["摘要\u{E000}", a]) }
        try await bed.application().test(.router) { client in
            var supervisor = Browser()
            _ = try await supervisor.logIn(client, WebTestBed.login(for: .supervisor))
            _ = try await supervisor.get(client, "/complaints/\(a)/print")
            let refused = try await supervisor.post(client, "/complaints/\(a)/jiaobandan.pdf", [("reason", "会议核实")])
            #expect(refused.status == .unprocessableContent && String(buffer: refused.body).contains("无法生成 PDF"))
            #expect(!String(buffer: refused.body).contains(Self.caller))
        }
        let exports = try bed.environment.audit.entries(AuditQuery(action: .export))
        #expect(exports.count == 1 && exports.first?.outcome == "failure"
                && exports.first?.detail.hasPrefix("交办单 with caller identity: 会议核实 (not printed: ") == true, "\(exports)")
        #expect(try bed.store.complaintEvents(id: a).last?.action == "reveal")
    }

    @Test func theMeetingListPrintsTheFilteredQueueWithoutCallersForTheSupervisorOnly() async throws {
        let (bed, ids) = try ComplaintListRouteTests.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let page = String(buffer: try await browser.get(client, "/complaints?queue=overdue").body)
            #expect(page.contains("href=\"/complaints?queue=overdue&amp;format=pdf\""))
            let pdf = try await browser.get(client, "/complaints?queue=overdue&format=pdf")
            #expect(pdf.status == .ok)
            let text = try await Self.text(pdf)
            for expected in ["投诉办理情况会议清单", "超期：共1件，其中超期（红灯）1件", try #require(ids["A"]), "2026-12-07", "三营镇"] {
                #expect(text.contains(expected), "\(expected) in \(text)")
            }
            #expect(!text.contains(try #require(ids["B"])) && !text.contains(Self.caller) && !text.contains(Self.phone) && !text.contains("摘要"))
            let township = "南关街道".addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
            let all = try await Self.text(try await browser.get(client, "/complaints?township=\(township)&format=pdf"))
            #expect(all.contains("全部投诉，乡镇（街道）南关街道：共4件"), "\(all)")
            #expect(try await browser.get(client, "/complaints?sort=x&format=pdf").status == .badRequest)
            // More complaints than a meeting list prints: refused with what to do, nothing exported.
            let template = try #require(ids["A"])
            try bed.store.write { db in
                // Copies of one complaint under new numbers: every column as it is but the number.
                let columns = try db.columns(in: "complaint").map(\.name)
                let values = columns.map { $0 == "complaint_id" ? "printf('TS-202601-%04d', i)" : $0 }
                try db.execute(sql: """
                    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
                    INSERT INTO complaint (\(columns.joined(separator: ", "))) SELECT \(values.joined(separator: ", "))
                    FROM complaint, n WHERE complaint_id = ?
                    """, arguments: [ComplaintPrintRoutes.meetingListLimit, template])
            }
            let tooMany = try await browser.get(client, "/complaints?format=pdf")
            #expect(tooMany.status == .badRequest && String(buffer: tooMany.body).contains("超过打印上限 1000 件"), "\(String(buffer: tooMany.body).prefix(300))")
            for role in [Role.leader, .handler, .intake] {
                var other = Browser()
                _ = try await other.logIn(client, WebTestBed.login(for: role))
                #expect(try await other.get(client, "/complaints?format=pdf").status == .forbidden, "\(role)")
            }
        }
        let exports = try bed.environment.audit.entries(AuditQuery(action: .export))
        #expect(exports.map(\.object).sorted() == ["/complaints?queue=overdue&format=pdf",
                                                   "/complaints?township=%E5%8D%97%E5%85%B3%E8%A1%97%E9%81%93&format=pdf"])
    }
}
