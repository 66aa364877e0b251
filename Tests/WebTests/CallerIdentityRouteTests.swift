import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
@testable import Store
import Testing
@testable import Web

/// A caller's identity in the browser (issue 12, item 9): the 督办 and the assigned 承办人 only, after
/// typing a reason, which the complaint's history and the audit log keep.
@Suite struct CallerIdentityRouteTests {
    let name = "欧阳春燕", phone = "13812345678"

    /// A store with one complaint from a named caller, assigned to the 承办人 test user when `assigned`.
    func bed(assigned: Bool) throws -> WebTestBed {
        let identity = try CallerIdentityCipher(secret: Data(repeating: 5, count: 32))
        let bed = try WebTestBed(identity: identity)
        try bed.addUsers()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: .fixed(ChinaTime.parseMinute("2026-10-08 10:00")!),
                                 identity: identity)
        var random = SystemRandomNumberGenerator()
        let id = try desk.add(ComplaintIntake(receivedAt: "2026-10-08 10:00", channel: "来访", type: "举报", category: "错保",
                                              summary: "邻居有车仍享受低保", callerName: name, callerPhone: phone),
                              by: .system, issuePIN: false, source: "test", random: &random).id
        if assigned {
            try bed.store.write { db in
                // Assigned to the 承办人, in the 承办人's township (a complaint is only ever given to its township's).
                try db.execute(sql: "UPDATE complaint SET assigned_handler = ?, township = ? WHERE complaint_id = ?",
                               arguments: ["测试\(Role.handler.rawValue)", bed.environment.accounts.townships.all.first?.name, id])
            }
        }
        return bed
    }

    @Test func theSupervisorSeesTheCallerAfterAReasonAndItIsAudited() async throws {
        let bed = try bed(assigned: false)
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let form = try await browser.get(client, "/complaints/TS-202610-0001/reveal")
            #expect(form.status == .ok && !String(buffer: form.body).contains(name))
            let unexplained = try await browser.post(client, "/complaints/TS-202610-0001/reveal", [("reason", "  ")])
            #expect(unexplained.status == .badRequest && !String(buffer: unexplained.body).contains(name))
            let shown = try await browser.post(client, "/complaints/TS-202610-0001/reveal", [("reason", "回访需联系来电人")])
            let html = String(buffer: shown.body)
            #expect(shown.status == .ok && html.contains(name) && html.contains(phone), "\(html)")
            #expect(shown.headers[.cacheControl]?.contains("no-store") == true)
            let forged = try await browser.post(client, "/complaints/TS-202610-0001/reveal", [("reason", "x")], token: "forged")
            #expect(forged.status == .forbidden && !String(buffer: forged.body).contains(name))
        }
        let audited = try bed.environment.audit.entries(AuditQuery(action: .revealCallerIdentity))
        #expect(audited.count == 1 && audited.first?.detail == "回访需联系来电人" && audited.first?.outcome == "success")
        let events = try bed.store.complaintEvents(id: "TS-202610-0001")
        #expect(events.last?.action == "reveal" && events.last?.note?.contains("回访需联系来电人") == true)
    }

    @Test func aHandlerSeesOnlyTheCallersOfTheirOwnComplaints() async throws {
        for assigned in [false, true] {
            let bed = try bed(assigned: assigned)
            try await bed.application().test(.router) { client in
                var browser = Browser()
                _ = try await browser.logIn(client, WebTestBed.login(for: .handler))
                _ = try await browser.get(client, "/complaints/TS-202610-0001/reveal")
                let answer = try await browser.post(client, "/complaints/TS-202610-0001/reveal", [("reason", "核实情况")])
                // Unassigned, the complaint (no township) is not the 承办人's unit's: 404, as for a missing number.
                #expect(answer.status == (assigned ? .ok : .notFound))
                #expect(String(buffer: answer.body).contains(name) == assigned)
            }
            let refused = try bed.environment.audit.entries(AuditQuery(action: .revealCallerIdentity, outcome: .refused))
            #expect(refused.count == (assigned ? 0 : 1))
        }
    }

    @Test func noOtherRoleReachesTheForm() async throws {
        let bed = try bed(assigned: true)
        try await bed.application().test(.router) { client in
            for role in Role.allCases where role != .supervisor && role != .handler {
                var browser = Browser()
                _ = try await browser.logIn(client, WebTestBed.login(for: role))
                let answer = try await browser.post(client, "/complaints/TS-202610-0001/reveal", [("reason", "看看")])
                #expect(answer.status == .forbidden, "\(role)")
                #expect(!String(buffer: answer.body).contains(name))
            }
        }
    }
}
