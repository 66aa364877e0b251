import Accounts
import Desk
import Foundation
import GongkaiCore
import HummingbirdTesting
import Testing
@testable import Web

/// Issue 23, item 5 (pending work first): home shows each role its own pending work as counts linked
/// to the queues — only the queues whose work the role does, a 承办人's counts from their own unit —
/// and an administrator, who sees no complaints, what the role allows.
@Suite struct HomeRouteTests {
    /// (label, count, link) of each pending-work entry of a home page, in order.
    static func work(_ html: String) -> [(String, Int, String)] {
        let pattern = #/<li><a href="([^"]+)"(?: class="some")?><span class="work-label">([^<]+)</span> <strong class="work-count">(\d+)</strong> 件</a></li>/#
        return html.matches(of: pattern).map { (String($0.output.2), Int($0.output.3) ?? -1, String($0.output.1)) }
    }

    /// On 2026-12-08 (`ComplaintListRouteTests.bed`): A (三营镇) is red, B (三营镇) yellow; in 南关街道,
    /// the 承办人's unit, C waits to be signed for, E for its callback, G is the 承办人's (测试承办人) own;
    /// D is closed; nothing is urged. Counted by hand from that story, not by the desk.
    @Test func eachRoleSeesItsOwnPendingWorkAsLinkedCounts() async throws {
        let (bed, _) = try ComplaintListRouteTests.bed()
        let expected: [Role: [(String, Int)]] = [
            // The 督办 gives out (交办) and calls back (the centre's 回访), and watches the lights; urged work
            // and replies are the units'.
            .supervisor: [("待签收", 1), ("即将到期", 1), ("超期", 1), ("待回访", 1)],
            // The 承办人: their own 南关街道 only — none of its complaints is yellow or red; the
            // callback is the centre's, not theirs.
            .handler: [("被催办", 0), ("我的待办", 1), ("待签收", 1), ("即将到期", 0), ("超期", 0)],
            .leader: [("即将到期", 1), ("超期", 1)],
            // The 登记员 calls back for the centre.
            .intake: [("即将到期", 1), ("超期", 1), ("待回访", 1)],
        ]
        let queues = ["被催办": "urged", "我的待办": "mine", "待签收": "unsigned", "即将到期": "due", "超期": "overdue", "待回访": "callback"]
        try await bed.application().test(.router) { client in
            for (role, entries) in expected {
                var browser = Browser()
                _ = try await browser.logIn(client, WebTestBed.login(for: role))
                let page = try await browser.get(client, "/")
                let html = String(buffer: page.body)
                #expect(page.status == .ok)
                let shown = Self.work(html)
                #expect(shown.map { "\($0.0) \($0.1)" } == entries.map { "\($0.0) \($0.1)" }, "\(role)")
                for (label, _, link) in shown { #expect(link == "/complaints?queue=\(queues[label] ?? "?")", "\(role) \(label)") }
                #expect(!html.contains("您的角色可以"), "\(role): pending work instead of permissions")
                #expect(html.contains("待办事项（本单位：南关街道）") == (role == .handler))
                // Each count is what its queue lists for the same account.
                for (label, count, link) in shown {
                    let queue = String(buffer: try await browser.get(client, link).body)
                    #expect(queue.contains("共 \(count) 件"), "\(role) \(label)")
                }
            }
            for role in [Role.systemAdministrator, .securityAdministrator, .auditAdministrator] {
                var browser = Browser()
                _ = try await browser.logIn(client, WebTestBed.login(for: role))
                let html = String(buffer: try await browser.get(client, "/").body)
                #expect(Self.work(html).isEmpty && html.contains("您的角色可以"), "\(role)")
            }
        }
    }

    /// A count moves with the work: the 承办人 replies to G, which stays theirs (open) and joins the
    /// centre's 待回访; the 督办 urges C (催办), which comes first on the 承办人's home.
    @Test func aStepMovesTheCounts() async throws {
        let (bed, ids) = try ComplaintListRouteTests.bed()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock)
        try desk.perform(.reply, on: try #require(ids["G"]), by: .system, details: .init(note: "已答复"))
        try desk.perform(.urge, on: try #require(ids["C"]), by: .system, details: .init(reason: "请尽快签收"))
        try await bed.application().test(.router) { client in
            var handler = Browser()
            _ = try await handler.logIn(client, WebTestBed.login(for: .handler))
            let shown = Self.work(String(buffer: try await handler.get(client, "/").body))
            #expect(shown.map { "\($0.0) \($0.1)" } == ["被催办 1", "我的待办 1", "待签收 1", "即将到期 0", "超期 0"])
            var clerk = Browser()
            _ = try await clerk.logIn(client, WebTestBed.login(for: .intake))
            let centre = Self.work(String(buffer: try await clerk.get(client, "/").body))
            #expect(centre.map { "\($0.0) \($0.1)" } == ["即将到期 1", "超期 1", "待回访 2"], "urged work is the unit's, not on the centre's home")
        }
    }

    /// Home's counts are kept while the desk stays as it was (issue 28), never past a change: a step
    /// between two loads shows on the second, and so does a new day: B, due on the fixture's day, is
    /// red the day after — each as a desk counting afresh says.
    @Test func keptCountsGiveWayToAStepAndToANewDay() async throws {
        let (bed, ids) = try ComplaintListRouteTests.bed()
        try await bed.application().test(.router) { client in
            func counts() async throws -> [String] {
                var clerk = Browser()
                _ = try await clerk.logIn(client, WebTestBed.login(for: .intake))
                return Self.work(String(buffer: try await clerk.get(client, "/").body)).map { "\($0.0) \($0.1)" }
            }
            func fresh() throws -> [String] {
                let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock)
                return try [ComplaintQueue.due, .overdue, .callback].map { queue in
                    var query = ComplaintQuery()
                    query.queue = queue
                    return "\(queue.chinese) \(try desk.count(query))"
                }
            }
            #expect(try await counts() == ["即将到期 1", "超期 1", "待回访 1"])
            #expect(try await counts() == ["即将到期 1", "超期 1", "待回访 1"])
            let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock)
            try desk.perform(.reply, on: try #require(ids["G"]), by: .system, details: .init(note: "已答复"))
            #expect(try await counts() == ["即将到期 1", "超期 1", "待回访 2"])
            let today = try await counts()
            bed.time.advance(86_400)
            let later = try await counts()
            #expect(later == (try fresh()))
            #expect(later != today, "B is red the day after its due day")
        }
    }
}
