import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// The leaders' dashboard (issue 13, item 6 in part): the month's desk figures, the lights now, the
/// township comparison and the sparkline, for the 领导 and the 督办 only, never a caller.
@Suite struct DashboardRouteTests {
    @Test func theLeaderSeesTheMonthsFiguresLightsAndTownships() async throws {
        let (bed, _) = try ComplaintListRouteTests.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            let page = try await browser.get(client, "/dashboard?month=2026-11")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            for text in ["2026年11月 投诉办理指标", "收到投诉</th><td>4</td>", "红灯（超期）：1 件", "黄灯（即将到期）：1 件",
                         "href=\"/complaints?queue=overdue\"", "<th scope=\"row\">三营镇</th><td>0</td><td>2</td><td>1</td><td>1</td>",
                         "<polyline points=", "2025年11月至2026年11月每月收到：", "href=\"/dashboard?month=2026-12\""] {
                #expect(html.contains(text), "\(text)")
            }
            #expect(!html.contains(ComplaintListRouteTests.caller) && !html.contains(ComplaintListRouteTests.phone))
            #expect(try await browser.get(client, "/dashboard?month=2027-01").status == .badRequest)
            #expect(try await browser.get(client, "/dashboard?month=x").status == .badRequest)
        }
    }

    @Test func theSparklineSpansTheBoxWithTheHighestMonthAtTheTop() {
        #expect(Sparkline(values: [0, 2, 1]).points == "0.0,28.0 65.0,2.0 130.0,15.0")
        #expect(Sparkline(values: [0, 0]).points == "0.0,28.0 130.0,28.0")
    }
}
