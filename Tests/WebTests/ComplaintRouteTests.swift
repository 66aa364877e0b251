import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// A complaint's page and its steps in the browser (issue 13, item 3): the CLI's desk rules, the
/// role's steps only, a 承办人 on their own township's complaints only, every step audited.
@Suite struct ComplaintRouteTests {
    static let received = "2026-10-08 10:00"

    /// A store with one complaint received at `received`, in `township`; the clock at `now`.
    static func bed(township: String = "南关街道", anonymous: Bool = false, now: String = received) throws -> (WebTestBed, String) {
        let time = ManualClock(try #require(ChinaTime.parseMinute(now)))
        let bed = try WebTestBed(time: time)
        try bed.addUsers()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: time.clock)
        var random = SystemRandomNumberGenerator()
        let clerk = try #require(try bed.environment.accounts.user(login: WebTestBed.login(for: .intake)))
        let id = try desk.add(ComplaintIntake(receivedAt: received, channel: "监督电话", type: "投诉", category: "发放时限",
                                              programme: "低保", township: township, summary: "9月低保金未到账", anonymous: anonymous),
                              by: .account(clerk), issuePIN: false, source: "test", random: &random).id
        return (bed, id)
    }

    static func steps(_ bed: WebTestBed, _ id: String) throws -> [ComplaintEventRecord] { try bed.store.complaintEvents(id: id) }

    @Test func theSupervisorSeesEveryFieldTheHistoryAndTakesAStepUnderTheirName() async throws {
        let (bed, id) = try Self.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let page = try await browser.get(client, "/complaints/\(id)")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            for text in ["9月低保金未到账", "南关街道", "发放时限", "2026-12-07", "绿灯", "登记", "测试登记员",
                         "action=\"/complaints/\(id)/accept\"", "action=\"/complaints/\(id)/return\"", "/complaints/\(id)/reveal"] {
                #expect(html.contains(text), "the page shows \(text)")
            }
            #expect(!html.contains("/complaints/\(id)/reply\""), "a reply is not allowed from 登记, nor the 督办's step")
            let accepted = try await browser.post(client, "/complaints/\(id)/accept", [("note", "已电话告知")])
            #expect(accepted.status == .seeOther)
            #expect(accepted.headers[.location] == "/complaints/\(id)?done=accept")
            let after = String(buffer: try await browser.get(client, "/complaints/\(id)?done=accept").body)
            #expect(after.contains("已受理") && after.contains("登记 → 受理") && after.contains("已电话告知"))
            let transferred = try await browser.post(client, "/complaints/\(id)/transfer", [("unit", "南关街道民政办")])
            #expect(transferred.status == .seeOther)
        }
        let events = try Self.steps(bed, id)
        #expect(events.map(\.action) == ["add", "accept", "transfer"])
        #expect(events.last?.handler == "测试督办" && events.last?.toState == "转办")
        let audited = try bed.environment.audit.entries(AuditQuery(action: .complaintStep))
        #expect(audited.count == 2 && audited.allSatisfy { $0.object == id && $0.outcome == "success" && $0.actor == WebTestBed.login(for: .supervisor) })
    }

    @Test func aStepTheStateDoesNotAllowIsRefusedInChineseAndAuditedAsAFailure() async throws {
        let (bed, id) = try Self.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            _ = try await browser.get(client, "/complaints/\(id)")
            let close = try await browser.post(client, "/complaints/\(id)/close")
            #expect(close.status == .conflict)
            #expect(String(buffer: close.body).contains("投诉当前为“登记”，不能办结"))
            let extend = try await browser.post(client, "/complaints/\(id)/return", [("reason", "  ")])
            #expect(extend.status == .conflict && String(buffer: extend.body).contains("退回须填写理由"))
            let unknown = try await browser.post(client, "/complaints/\(id)/delete")
            #expect(unknown.status == .notFound)
            let missing = try await browser.post(client, "/complaints/TS-209901-0001/accept")
            #expect(missing.status == .notFound)
        }
        #expect(try Self.steps(bed, id).count == 1, "nothing changed")
        let failed = try bed.environment.audit.entries(AuditQuery(action: .complaintStep, outcome: .failure))
        #expect(failed.count == 2)
    }

    @Test func aPostWithoutTheCSRFTokenIsRefusedAndChangesNothing() async throws {
        let (bed, id) = try Self.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            _ = try await browser.get(client, "/complaints/\(id)")
            let bare = try await browser.post(client, "/complaints/\(id)/accept", token: .some(nil))
            #expect(bare.status == .forbidden)
            let forged = try await browser.post(client, "/complaints/\(id)/accept", token: "forged")
            #expect(forged.status == .forbidden)
        }
        #expect(try Self.steps(bed, id).count == 1)
    }

    /// The 承办人 signs for, replies and closes; the callback between is the centre's (回访: a 登记员
    /// here), never the replier's — its attempt is refused (403) and audited.
    @Test func aHandlerSignsForAndRepliesTheCentreCallsBackTheHandlerCloses() async throws {
        let (bed, id) = try Self.bed()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock)
        try desk.perform(.accept, on: id, by: .system)
        try desk.perform(.transfer, on: id, by: .system, details: .init(unit: "南关街道民政办"))
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .handler))
            let page = String(buffer: try await browser.get(client, "/complaints/\(id)").body)
            #expect(page.contains("签收（由我承办）") && !page.contains("name=\"assignee\""))
            #expect(!page.contains("/complaints/\(id)/extend\""), "extending is the 督办's step")
            #expect(!page.contains("/reveal"), "the caller is for the 承办人 it is assigned to")
            let signed = try await browser.post(client, "/complaints/\(id)/assign", [("assignee", "别人")])
            #expect(signed.status == .seeOther)
            #expect(String(buffer: try await browser.get(client, "/complaints/\(id)").body).contains("/complaints/\(id)/reveal"))
            let replied = try await browser.post(client, "/complaints/\(id)/reply", [("note", "已补发9月低保金")])
            #expect(replied.status == .seeOther)
            let selfRated = try await browser.post(client, "/complaints/\(id)/callback", [("rating", "满意")])
            #expect(selfRated.status == .forbidden, "the handler who replied may not rate its own work")
            var centre = Browser()
            _ = try await centre.logIn(client, WebTestBed.login(for: .intake))
            let called = try await centre.post(client, "/complaints/\(id)/callback", [("rating", "满意")])
            #expect(called.status == .seeOther)
            let extend = try await browser.post(client, "/complaints/\(id)/extend", [("days", "5"), ("reason", "自行延期")])
            #expect(extend.status == .forbidden, "extending directly is the 督办's step")
            let close = try await browser.post(client, "/complaints/\(id)/close")
            #expect(close.status == .seeOther, "a 承办人 closes their own unit's complaint after the callback")
        }
        let record = try #require(try bed.store.complaint(id: id))
        #expect(record.assignedHandler == "测试承办人", "a 承办人 signs for a complaint themselves")
        #expect(record.status == "办结" && record.satisfaction == "满意" && !record.ratingByReplier)
        #expect(try bed.environment.audit.entries(AuditQuery(action: .complaintStep, outcome: .refused)).count == 2)
    }

    @Test func aHandlerOfAnotherTownshipNeitherSeesNorActs() async throws {
        let (bed, id) = try Self.bed(township: "三营镇")
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock)
        try desk.perform(.accept, on: id, by: .system)
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .handler))
            let page = try await browser.get(client, "/complaints/\(id)")
            // The same answer as for a number that does not exist (issue 22): 404, audited as a refusal.
            #expect(page.status == .notFound && !String(buffer: page.body).contains("9月低保金未到账"))
            #expect(try await browser.get(client, "/complaints/TS-209901-0001").status == page.status)
            let reply = try await browser.post(client, "/complaints/\(id)/reply", [("note", "越权答复")])
            #expect(reply.status == .notFound)
        }
        #expect(try Self.steps(bed, id).count == 2)
        #expect(try bed.environment.audit.entries(AuditQuery(action: .accessDenied)).count == 2)
    }

    @Test func theLightTurnsRedWhenTheClockPassesTheDeadline() async throws {
        let (bed, id) = try Self.bed(now: "2026-12-07 09:00")
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let due = String(buffer: try await browser.get(client, "/complaints/\(id)").body)
            #expect(due.contains("黄灯") && !due.contains("红灯"))
            bed.time.advance(86_400)
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let over = String(buffer: try await browser.get(client, "/complaints/\(id)").body)
            #expect(over.contains("红灯（超期）") && !over.contains("黄灯"))
        }
    }

    @Test func readersSeeThePageButNoStepAndCannotPost() async throws {
        let (bed, id) = try Self.bed()
        try await bed.application().test(.router) { client in
            for role in [Role.leader, .intake] {
                var browser = Browser()
                _ = try await browser.logIn(client, WebTestBed.login(for: role))
                let page = String(buffer: try await browser.get(client, "/complaints/\(id)").body)
                #expect(page.contains("9月低保金未到账") && page.contains("您当前不能对此投诉执行操作"), "\(role)")
                #expect(!page.contains("/reveal"), "\(role) has no reveal link")
                let accept = try await browser.post(client, "/complaints/\(id)/accept")
                #expect(accept.status == .forbidden, "\(role)")
            }
        }
        #expect(try Self.steps(bed, id).count == 1)
    }
}
