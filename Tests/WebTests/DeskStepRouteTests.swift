import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// The later desk steps in the browser (issue 13): each POST /complaints/{number}/{action} taken by
/// its role, refused (403, nothing changed) for the wrong role or another township's 承办人, and
/// refused without the CSRF token; the page and the queues show pauses, requests, merges, the
/// sign-for deadline and the reply templates; the automatic 督办 sweep audits what it does.
@Suite struct DeskStepRouteTests {
    typealias Prepare = @Sendable (ComplaintDesk, String, StoreDatabase) throws -> Void

    static func desk(_ bed: WebTestBed) -> ComplaintDesk {
        ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock)
    }

    static let accepted: Prepare = { desk, id, _ in try desk.perform(.accept, on: id, by: .system) }

    /// `action` posted by `role` is taken; by each of `refused` (and, for a 承办人's step, by the
    /// 承办人 of another township) it is refused and audited; without the token it is refused.
    func check(_ action: String, _ fields: [(String, String)], by role: Role, refused: [Role],
               prepare: Prepare, fields extra: (@Sendable (String, StoreDatabase) throws -> [(String, String)])? = nil,
               expect: @escaping @Sendable (ComplaintRecord) -> Bool) async throws {
        let (bed, id) = try ComplaintRouteTests.bed()
        try prepare(Self.desk(bed), id, bed.store)
        let fields = fields + (try extra?(id, bed.store) ?? [])
        let before = try ComplaintRouteTests.steps(bed, id).count
        try await bed.application().test(.router) { client in
            for other in refused {
                var browser = Browser()
                _ = try await browser.logIn(client, WebTestBed.login(for: other))
                _ = try await browser.get(client, "/complaints/\(id)")
                let response = try await browser.post(client, "/complaints/\(id)/\(action)", fields)
                #expect(response.status == .forbidden, "\(action) by \(other)")
            }
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: role))
            _ = try await browser.get(client, "/complaints/\(id)")
            let bare = try await browser.post(client, "/complaints/\(id)/\(action)", fields, token: .some(nil))
            #expect(bare.status == .forbidden, "\(action) without the CSRF token")
            #expect(try ComplaintRouteTests.steps(bed, id).count == before, "refused: nothing changed")
            let taken = try await browser.post(client, "/complaints/\(id)/\(action)", fields)
            #expect(taken.status == .seeOther, "\(action) by \(role): \(String(buffer: taken.body))")
        }
        let record = try #require(try bed.store.complaint(id: id))
        #expect(expect(record), "\(action) took effect")
        #expect(try ComplaintRouteTests.steps(bed, id).last?.action == action)
        #expect(try bed.environment.audit.entries(AuditQuery(action: .complaintStep, outcome: .success)).map(\.detail) == [action])
        // Each refusal is audited: by the route's guard (no such permission) or by the step's (not this role's step).
        let refusals = try bed.environment.audit.entries(AuditQuery(action: .complaintStep, outcome: .refused)).count
            + bed.environment.audit.entries(AuditQuery(action: .accessDenied)).count
        #expect(refusals == refused.count)
        if role == .handler {
            let (elsewhere, other) = try ComplaintRouteTests.bed(township: "三营镇")
            try prepare(Self.desk(elsewhere), other, elsewhere.store)
            let count = try ComplaintRouteTests.steps(elsewhere, other).count
            try await elsewhere.application().test(.router) { client in
                var browser = Browser()
                _ = try await browser.logIn(client, WebTestBed.login(for: .handler))
                _ = try await browser.get(client, "/")
                let response = try await browser.post(client, "/complaints/\(other)/\(action)", fields)
                // Another township's complaint answers as a missing one (issue 22): 404, not 403.
                #expect(response.status == .notFound, "\(action) on another township's complaint")
            }
            #expect(try ComplaintRouteTests.steps(elsewhere, other).count == count)
        }
    }

    @Test func aHandlerClosesAfterTheCallback() async throws {
        try await check("close", [], by: .handler, refused: [.leader, .intake], prepare: { desk, id, _ in
            try desk.perform(.accept, on: id, by: .system)
            try desk.perform(.reply, on: id, by: .system)
            try desk.perform(.callback, on: id, by: .system, details: .init(rating: "满意"))
        }, expect: { $0.status == "办结" })
    }

    @Test func aHandlerPausesAndResumes() async throws {
        try await check("pause", [("reason", "等待来电人提供材料")], by: .handler, refused: [.leader],
                        prepare: Self.accepted, expect: { $0.pausedDay != nil && $0.pauseReason == "等待来电人提供材料" })
        try await check("resume", [], by: .handler, refused: [.leader], prepare: { desk, id, store in
            try Self.accepted(desk, id, store)
            try desk.perform(.pause, on: id, by: .system, details: .init(reason: "等待"))
        }, expect: { $0.pausedDay == nil })
    }

    @Test func theSupervisorPausesToo() async throws {
        try await check("pause", [("reason", "等待来电人回电")], by: .supervisor, refused: [.intake],
                        prepare: Self.accepted, expect: { $0.pausedDay != nil })
    }

    @Test func aHandlerRequestsAnExtensionTheSupervisorDecides() async throws {
        try await check("extend_request", [("days", "10"), ("reason", "需入户核查")], by: .handler, refused: [.supervisor, .leader],
                        prepare: Self.accepted, expect: { $0.extensionRequestDays == 10 && $0.extensionRequestedBy == "测试承办人" })
        let requested: Prepare = { desk, id, store in
            try Self.accepted(desk, id, store)
            try desk.perform(.extendRequest, on: id, by: .system, details: .init(days: 10, reason: "需入户核查"))
        }
        try await check("extend_approve", [], by: .supervisor, refused: [.handler, .leader], prepare: requested,
                        expect: { $0.extensionDays == 10 && $0.extensionRequestDays == nil && $0.dueOn == "2026-12-17" })
        try await check("extend_reject", [("reason", "可在期限内办结")], by: .supervisor, refused: [.handler],
                        prepare: requested, expect: { $0.extensionDays == 0 && $0.extensionRequestDays == nil })
    }

    @Test func theSupervisorMergesADuplicate() async throws {
        try await check("merge", [], by: .supervisor, refused: [.handler, .leader], prepare: Self.accepted, fields: { _, store in
            let desk = ComplaintDesk(store: store, schedule: try ComplaintSchedule.load(templates: WebTestBed.templates),
                                     clock: .fixed(ChinaTime.parseMinute(ComplaintRouteTests.received)!))
            var random = SystemRandomNumberGenerator()
            let kept = try desk.add(ComplaintIntake(receivedAt: ComplaintRouteTests.received, channel: "监督电话", type: "投诉",
                                                    category: "发放时限", township: "南关街道", summary: "同一事项", anonymous: true),
                                    by: .system, issuePIN: false, source: "test", random: &random).id
            return [("into", kept)]
        }, expect: { $0.status == "合并" && $0.mergedInto != nil })
    }

    @Test func aMergeTheDeskRefusesIsExplainedInChineseAndChangesNothing() async throws {
        let (bed, id) = try ComplaintRouteTests.bed()
        try Self.desk(bed).perform(.accept, on: id, by: .system)
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            _ = try await browser.get(client, "/complaints/\(id)")
            for (into, message) in [(id, "不能合并到投诉本身"), ("TS-209901-0001", "没有编号为 TS-209901-0001 的投诉"),
                                    ("", "请填写要合并到的投诉编号")] {
                let response = try await browser.post(client, "/complaints/\(id)/merge", [("into", into)])
                #expect(response.status == .conflict && String(buffer: response.body).contains(message), "\(into)")
            }
        }
        #expect(try ComplaintRouteTests.steps(bed, id).count == 2 && bed.store.complaint(id: id)?.status == "受理")
        #expect(try bed.environment.audit.entries(AuditQuery(action: .complaintStep, outcome: .failure)).count == 3)
    }

    @Test func thePageShowsPausesRequestsMergesAndTheSignForDeadline() async throws {
        let (bed, id) = try ComplaintRouteTests.bed()
        let desk = Self.desk(bed)
        var random = SystemRandomNumberGenerator()
        let duplicate = try desk.add(ComplaintIntake(receivedAt: ComplaintRouteTests.received, channel: "监督电话", type: "投诉",
                                                     category: "发放时限", township: "南关街道", summary: "重复来电", anonymous: true),
                                     by: .system, issuePIN: false, source: "test", random: &random).id
        try desk.perform(.accept, on: id, by: .system)
        try desk.perform(.transfer, on: id, by: .system, details: .init(unit: "南关街道民政办"))
        try desk.perform(.merge, on: duplicate, by: .system, details: .init(into: id))
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            // Transferred Thursday 10-08: to be signed for by Friday 10-09.
            let page = String(buffer: try await browser.get(client, "/complaints/\(id)").body)
            #expect(page.contains("签收期限") && page.contains("2026-10-09"))
            #expect(page.contains("合并到本件的重复件") && page.contains("href=\"/complaints/\(duplicate)\""))
            let merged = String(buffer: try await browser.get(client, "/complaints/\(duplicate)").body)
            #expect(merged.contains("已合并至 <a href=\"/complaints/\(id)\">") && merged.contains("作为重复件合并至 \(id)"))
            let unsignedToday = String(buffer: try await browser.get(client, "/complaints?queue=unsigned").body)
            #expect(unsignedToday.contains(id) && !unsignedToday.contains("签收超期"), "the unit's inbox lists it at once")
            bed.time.advance(2 * 86_400)
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let unsigned = String(buffer: try await browser.get(client, "/complaints?queue=unsigned").body)
            #expect(unsigned.contains(id) && unsigned.contains("签收超期"), "not signed for by 10-09: 签收超期 on 10-10")
        }
        try desk.perform(.assign, on: id, by: .system, details: .init(assignee: "测试承办人"))
        let handler = try #require(try bed.environment.accounts.user(login: WebTestBed.login(for: .handler)))
        try desk.perform(.extendRequest, on: id, by: .account(handler), details: .init(days: 10, reason: "需入户核查"))
        try desk.perform(.pause, on: id, by: .system, details: .init(reason: "等待来电人提供材料"))
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let page = String(buffer: try await browser.get(client, "/complaints/\(id)").body)
            #expect(page.contains("已暂停（自 2026-10-10 起）") && !page.contains("绿灯"))
            #expect(page.contains("测试承办人 申请延期 10日：需入户核查（待督办审批）"))
            #expect(page.contains("/complaints/\(id)/resume\"") && !page.contains("/complaints/\(id)/extend_approve\""),
                    "paused: resume first")
            let list = String(buffer: try await browser.get(client, "/complaints").body)
            #expect(list.contains("已暂停（自 2026-10-10 起）"))
            _ = try await browser.get(client, "/complaints/\(id)")
            let resume = try await browser.post(client, "/complaints/\(id)/resume")
            #expect(resume.status == .seeOther)
            let resumed = String(buffer: try await browser.get(client, "/complaints/\(id)").body)
            #expect(resumed.contains("批准延期 10日") && resumed.contains("/complaints/\(id)/extend_reject\""))
        }
    }

    @Test func theReplyFormOffersTheCategorysTemplatesWithoutScript() async throws {
        let (bed, id) = try ComplaintRouteTests.bed()
        let desk = Self.desk(bed)
        try desk.perform(.accept, on: id, by: .system)
        try desk.perform(.assign, on: id, by: .system, details: .init(assignee: "测试承办人"))
        let template = try #require(bed.environment.schedule.settings.replyTemplates(category: "发放时限", programme: nil).first)
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .handler))
            let page = String(buffer: try await browser.get(client, "/complaints/\(id)").body)
            #expect(page.contains("href=\"?template=1#reply\"") && page.contains(template.title))
            #expect(!page.contains(template.text), "the note starts empty")
            let filled = String(buffer: try await browser.get(client, "/complaints/\(id)?template=1").body)
            #expect(filled.contains("name=\"note\" rows=\"2\" maxlength=\"2000\">\(template.text)</textarea>"))
            let wrong = try await browser.get(client, "/complaints/\(id)?template=99")
            #expect(wrong.status == .ok && !String(buffer: wrong.body).contains(template.text))
            let edited = try await browser.post(client, "/complaints/\(id)/reply", [("note", template.text + "（已电话告知）")])
            #expect(edited.status == .seeOther)
        }
        #expect(try ComplaintRouteTests.steps(bed, id).last?.note == template.text + "（已电话告知）")
    }

    @Test func theSweepSupervisesRedComplaintsOnceAndAuditsEach() throws {
        let (bed, id) = try ComplaintRouteTests.bed(now: "2026-12-08 09:00")
        try Self.desk(bed).perform(.accept, on: id, by: .system)
        #expect(try ComplaintSweepService.sweep(bed.environment) == [id], "due 2026-12-07: red on 12-08")
        #expect(try ComplaintSweepService.sweep(bed.environment) == [])
        let audited = try bed.environment.audit.entries(AuditQuery(action: .complaintAutoSupervise))
        #expect(audited.count == 1 && audited.first?.object == id && audited.first?.actor == "system")
        #expect(try ComplaintRouteTests.steps(bed, id).last?.handler == "系统")
    }
}
