import Desk
import Foundation
import GongkaiCore
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// The dashboard keeps a month's figures (indicators not published, desk statistics) while the data stays the same
/// (issue 28), and computes them again once it changed.
@Suite struct MonthFiguresCacheTests {
    @Test func aMonthIsComputedOncePerKeyAndAgainWhenTheKeyChanges() throws {
        let cache = MonthFiguresCache<String>()
        let october = try #require(YearMonth(parsing: "2026-10")), november = try #require(YearMonth(parsing: "2026-11"))
        var computed: [String] = []
        func entry(_ month: YearMonth, _ key: String) -> String {
            cache.value(month, key: key) {
                computed.append("\(month) \(key)")
                return "\(month) under \(key)"
            }
        }
        #expect(entry(october, "a") == "2026-10 under a")
        #expect(entry(october, "a") == "2026-10 under a")
        #expect(entry(november, "a") == "2026-11 under a")
        #expect(entry(october, "b") == "2026-10 under b", "the data changed: computed again")
        #expect(entry(november, "b") == "2026-11 under b")
        #expect(entry(october, "b") == "2026-10 under b")
        #expect(computed == ["2026-10 a", "2026-11 a", "2026-10 b", "2026-11 b"])
    }

    /// The dashboard's kept figures give way at once to a desk step: a complaint added between two
    /// loads is counted by the second.
    @Test func aDeskStepBetweenTwoLoadsShowsOnTheSecond() async throws {
        let (bed, _) = try ComplaintListRouteTests.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            let before = String(buffer: try await browser.get(client, "/dashboard?month=2026-12").body)
            #expect(before.contains("收到投诉</th><td>0</td>") && before.contains("红灯（超期）：1 件"))
            let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: .fixed(ChinaTime.parseMinute("2026-12-08 08:00")!),
                                     identity: try CallerIdentityCipher(secret: Data(repeating: 9, count: 32)))
            var random = SystemRandomNumberGenerator()
            _ = try desk.add(ComplaintIntake(receivedAt: "2026-12-08 08:00", channel: "来信", type: "投诉", category: "其他", programme: nil,
                                             township: "三营镇", summary: "新来信", callerName: nil, callerPhone: nil, anonymous: true),
                             by: .system, issuePIN: false, source: "test", random: &random)
            let after = String(buffer: try await browser.get(client, "/dashboard?month=2026-12").body)
            #expect(after.contains("收到投诉</th><td>1</td>"))
            #expect(after.contains("<th scope=\"row\">三营镇</th><td data-label=\"本月收到\">1</td>"))
        }
    }
}
