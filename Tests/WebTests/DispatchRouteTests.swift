import Accounts
import Desk
import Foundation
import GongkaiCore
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// 退单, 催办 and the centre's 回访 through the browser, per role (`DeskStepRouteTests.check`: taken by
/// the role, refused with 403 and audited for the others, 404 for another township's 承办人), and the
/// 督办's audited search by a caller's phone.
@Suite struct DispatchRouteTests {
    /// Dispatched to the complaint's own township's unit: the unit's inbox.
    static let transferred: DeskStepRouteTests.Prepare = { desk, id, store in
        let township = try #require(try store.complaint(id: id)?.township)
        try desk.perform(.accept, on: id, by: .system)
        try desk.perform(.transfer, on: id, by: .system, details: .init(unit: township + "民政办"))
    }

    @Test func theUnitSendsAMisroutedComplaintBack() async throws {
        try await DeskStepRouteTests().check("send_back", [("reason", "户籍不在本街道")], by: .handler,
                                             refused: [.supervisor, .intake, .leader], prepare: Self.transferred,
                                             expect: { $0.status == "受理" && $0.assignedUnit == nil })
    }

    @Test func theSupervisorUrgesTheUnit() async throws {
        try await DeskStepRouteTests().check("urge", [("reason", "签收已超时")], by: .supervisor,
                                             refused: [.handler, .intake, .leader], prepare: Self.transferred,
                                             expect: { $0.urgedDay != nil })
    }

    @Test func theCentreCallsBack() async throws {
        try await DeskStepRouteTests().check("callback", [("rating", "基本满意")], by: .intake,
                                             refused: [.handler, .leader], prepare: { desk, id, _ in
            try desk.perform(.accept, on: id, by: .system)
            try desk.perform(.reply, on: id, by: .system)
        }, expect: { $0.status == "回访" && $0.satisfaction == "基本满意" })
    }

    /// A 督办 who answered on the spot (接诉即办) may not call back on it: 403, audited.
    @Test func theSupervisorWhoRepliedCannotCallBack() async throws {
        let (bed, id) = try ComplaintRouteTests.bed()
        try DeskStepRouteTests.desk(bed).perform(.accept, on: id, by: .system)
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            _ = try await browser.get(client, "/complaints/\(id)")
            #expect(try await browser.post(client, "/complaints/\(id)/reply", [("note", "已当场解答")]).status == .seeOther)
            let page = String(buffer: try await browser.get(client, "/complaints/\(id)").body)
            #expect(!page.contains("action=\"/complaints/\(id)/callback\""), "no callback form for the account that replied")
            #expect(try await browser.post(client, "/complaints/\(id)/callback", [("rating", "满意")]).status == .forbidden)
        }
        #expect(try bed.store.complaint(id: id)?.status == "答复")
        let refused = try bed.environment.audit.entries(AuditQuery(action: .complaintStep, outcome: .refused))
        #expect(refused.count == 1 && refused.first?.detail.hasPrefix("callback") == true)
    }

    /// The 交办 form offers the township's 承办人 accounts; the flash and history say 签收 when the
    /// 承办人 takes it.
    @Test func assigningOffersTheTownshipsHandlersAndSigningSaysSo() async throws {
        let (bed, id) = try ComplaintRouteTests.bed()
        try DeskStepRouteTests.desk(bed).perform(.accept, on: id, by: .system)
        try await bed.application().test(.router) { client in
            var supervisor = Browser()
            _ = try await supervisor.logIn(client, WebTestBed.login(for: .supervisor))
            let accepted = String(buffer: try await supervisor.get(client, "/complaints/\(id)").body)
            #expect(accepted.contains("<option value=\"南关街道民政办\" selected>"), "the complaint's own township's unit is preselected")
            #expect(accepted.contains("<option value=\"原州区\"") == false && accepted.contains("<option value=\"彭堡镇民政办\">"))
            #expect(accepted.contains("<option value=\"\(WebTestBed.login(for: .handler))\">测试承办人（\(WebTestBed.login(for: .handler))）</option>"))
            #expect(try await supervisor.post(client, "/complaints/\(id)/transfer", [("unit", "南关街道民政办")]).status == .seeOther)
            var handler = Browser()
            _ = try await handler.logIn(client, WebTestBed.login(for: .handler))
            _ = try await handler.get(client, "/complaints/\(id)")
            let signed = try await handler.post(client, "/complaints/\(id)/assign")
            #expect(signed.status == .seeOther && signed.headers[.location]?.hasSuffix("done=sign") == true)
            let after = String(buffer: try await handler.get(client, "/complaints/\(id)?done=sign").body)
            #expect(after.contains("已签收。") && !after.contains("已交办。"))
        }
        #expect(try bed.store.complaintEvents(id: id).last?.action == "sign")
    }

    @Test func theSupervisorFindsACallersComplaintsByPhoneWithAReasonAudited() async throws {
        let identity = try CallerIdentityCipher(secret: Data(repeating: 9, count: 32))
        let bed = try WebTestBed(time: ManualClock(try #require(ChinaTime.parseMinute("2026-10-08 10:30"))), identity: identity)
        try bed.addUsers()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock, identity: identity)
        var random = SystemRandomNumberGenerator()
        let ids = try [("13912345678", "低保金未到账"), ("１３９１２３４５６７８", "医疗救助报销慢"), ("13800000000", "别人的事")].map { phone, summary in
            try desk.add(ComplaintIntake(receivedAt: "2026-10-08 09:00", channel: "监督电话", type: "投诉", category: "发放时限",
                                         summary: summary, callerName: "王五", callerPhone: phone),
                         by: .system, issuePIN: false, source: "test", random: &random).id
        }
        try await bed.application().test(.router) { client in
            var supervisor = Browser()
            _ = try await supervisor.logIn(client, WebTestBed.login(for: .supervisor))
            #expect(String(buffer: try await supervisor.get(client, "/complaints").body).contains("/complaints/by-phone"))
            _ = try await supervisor.get(client, "/complaints/by-phone")
            let found = try await supervisor.post(client, "/complaints/by-phone", [("phone", "139 1234 5678"), ("reason", "来电人询问历次投诉")])
            let html = String(buffer: found.body)
            #expect(found.status == .ok && html.contains(ids[0]) && html.contains(ids[1]) && !html.contains(ids[2]))
            #expect(!html.contains("13912345678") && !html.contains("1234 5678") && !html.contains("王五"), "never echoed")
            let noReason = try await supervisor.post(client, "/complaints/by-phone", [("phone", "13912345678"), ("reason", "")])
            #expect(noReason.status == .badRequest)
            let typo = try await supervisor.post(client, "/complaints/by-phone", [("phone", "1391234567"), ("reason", "核实")])
            #expect(typo.status == .badRequest && String(buffer: typo.body).contains("这不是一个电话号码"))
            for role in [Role.handler, .intake, .leader] {
                var other = Browser()
                _ = try await other.logIn(client, WebTestBed.login(for: role))
                _ = try await other.get(client, "/")
                let refused = try await other.post(client, "/complaints/by-phone", [("phone", "13912345678"), ("reason", "看看")])
                #expect(refused.status == .forbidden, "\(role.rawValue)")
                #expect(!String(buffer: try await other.get(client, "/complaints").body).contains("/complaints/by-phone"))
            }
        }
        let audited = try bed.environment.audit.entries(AuditQuery(action: .callerPhoneSearch, outcome: .success))
        #expect(audited.count == 1 && audited.first?.detail == "来电人询问历次投诉" && audited.first?.object == "2")
        let everything = try bed.environment.audit.entries(AuditQuery())
        #expect(everything.allSatisfy { !$0.detail.contains("13912345678") && !$0.object.contains("13912345678") })
    }
}
