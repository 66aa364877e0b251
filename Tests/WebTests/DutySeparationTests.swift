import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// 三员分立 over HTTP (issue 22, item 1): the ten probes a hostile 系统管理员 tried, each refused and
/// audited, and the approval of a reveal-capable role by the 安全管理员, which the 审计管理员 reads.
@Suite struct DutySeparationTests {
    static let identity = try! CallerIdentityCipher(secret: Data(repeating: 7, count: 32))
    static let number = "TS-202610-0001"

    /// Users for every role and one complaint from a named caller.
    static func bed() throws -> WebTestBed {
        let bed = try WebTestBed(identity: identity)
        try bed.addUsers()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: .fixed(ChinaTime.parseMinute("2026-10-08 10:00")!),
                                 identity: identity)
        var random = SystemRandomNumberGenerator()
        _ = try desk.add(ComplaintIntake(receivedAt: "2026-10-08 10:00", channel: "来访", type: "举报", category: "错保",
                                         summary: "邻居有车仍享受低保", callerName: "欧阳春燕", callerPhone: "13812345678"),
                         by: .system, issuePIN: false, source: "test", random: &random)
        return bed
    }

    static let admin = WebTestBed.login(for: .systemAdministrator)
    static let security = WebTestBed.login(for: .securityAdministrator)
    static let auditor = WebTestBed.login(for: .auditAdministrator)
    static let supervisor = WebTestBed.login(for: .supervisor)

    /// Whether `login`, signed in with `password`, sees the caller; a password that must be changed
    /// first (a one-time password) is changed to a new one.
    static func reveals(_ client: some TestClientProtocol, _ login: String, _ password: String = WebTestBed.password) async throws -> Bool {
        var browser = Browser()
        if try await browser.logIn(client, login, password).headers[.location] == "/password" {
            let changed = try await browser.post(client, "/password", [("current_password", password), ("new_password", "Handed-over-2026")])
            #expect(changed.status == .seeOther)
        }
        _ = try await browser.get(client, "/complaints/\(number)/reveal")
        let answer = try await browser.post(client, "/complaints/\(number)/reveal", [("reason", "核实情况")])
        return answer.status == .ok && String(buffer: answer.body).contains("欧阳春燕")
    }

    @Test func theSystemAdministratorGrantsNothingThatReachesCallersOrTheAuditLog() async throws {
        let bed = try Self.bed()
        try await bed.application().test(.router) { client in
            var admin = Browser()
            _ = try await admin.logIn(client, Self.admin)
            _ = try await admin.get(client, "/users")
            let probes: [(String, [(String, String)])] = [
                ("/users/roles", [("login", Self.admin), ("role", "审计管理员")]),            // 1 itself → auditor
                ("/users/roles", [("login", Self.admin), ("role", "督办")]),                  // 2 itself → 督办
                ("/users", [("login", "new.auditor"), ("role", "审计管理员"), ("password", "Initial-2026-pw")]),  // 3
                ("/users", [("login", "new.security"), ("role", "安全管理员"), ("password", "Initial-2026-pw")]), // 4
                ("/users/reset-password", [("login", Self.auditor), ("password", "Chosen-2026-pw")]),            // 6
                ("/users/reset-password", [("login", Self.supervisor), ("password", "Chosen-2026-pw")]),         // 7
                ("/users/roles", [("login", Self.auditor), ("role", "领导")]),               // 8 demote the auditor
            ]
            for (path, fields) in probes {
                let answer = try await admin.post(client, path, fields)
                #expect(answer.status == .badRequest, "\(path) \(fields): \(answer.status)")
            }
            // 5: a new 督办 is only proposed: the account exists without the role.
            let proposed = try await admin.post(client, "/users", [("login", "new.supervisor"), ("role", "督办"), ("password", "Initial-2026-pw")])
            #expect(proposed.status == .ok && String(buffer: proposed.body).contains("须经安全管理员批准"))
            #expect(try bed.environment.accounts.user(login: "new.supervisor")?.roles == [])
            // 9: making the 领导 a 督办 is only proposed too.
            let leader = WebTestBed.login(for: .leader)
            #expect(try await admin.post(client, "/users/roles", [("login", leader), ("role", "督办")]).status == .ok)
            #expect(try bed.environment.accounts.user(login: leader)?.roles == [.leader])
            // 10: the audit log and the approvals stay closed.
            #expect(try await admin.get(client, "/audit").status == .forbidden)
            #expect(try await admin.get(client, "/audit.csv").status == .forbidden)
            #expect(try await admin.post(client, "/complaints/\(Self.number)/reveal", [("reason", "看看")]).status == .forbidden)
            #expect(try await admin.post(client, "/users/approvals/approve", [("id", "1")]).status == .forbidden)
            #expect(try await Self.reveals(client, leader) == false)
        }
        let accounts = bed.environment.accounts
        #expect(try accounts.user(login: Self.admin)?.roles == [.systemAdministrator])
        #expect(try accounts.user(login: Self.auditor)?.roles == [.auditAdministrator])
        #expect(try accounts.user(login: "new.auditor") == nil && accounts.user(login: "new.security") == nil)
        let refused = try bed.environment.audit.entries(AuditQuery(actor: Self.admin, outcome: .failure))
        #expect(refused.count == 7, "every refused change is audited: \(refused.map(\.action))")
        #expect(try bed.environment.audit.count(AuditQuery(action: .userRolesPropose)) == 2)
    }

    @Test func aProposedSupervisorRevealsOnlyAfterTheSecurityAdministratorApproves() async throws {
        let bed = try Self.bed()
        try await bed.application().test(.router) { client in
            var admin = Browser()
            _ = try await admin.logIn(client, Self.admin)
            _ = try await admin.get(client, "/users")
            _ = try await admin.post(client, "/users", [("login", "zhou.qing"), ("display_name", "周青"), ("role", "督办"),
                                                        ("password", WebTestBed.initialPassword)])
            var newcomer = Browser()
            _ = try await newcomer.logIn(client, "zhou.qing", WebTestBed.initialPassword)
            _ = try await newcomer.post(client, "/password", [("current_password", WebTestBed.initialPassword), ("new_password", WebTestBed.password)])
            #expect(try await Self.reveals(client, "zhou.qing") == false, "not before the approval")

            var security = Browser()
            _ = try await security.logIn(client, Self.security)
            let list = String(buffer: try await security.get(client, "/users/approvals").body)
            #expect(list.contains("zhou.qing") && list.contains("督办"))
            let id = try #require(bed.environment.accounts.proposals().first?.id)
            #expect(try await security.post(client, "/users/approvals/reject", [("id", String(id)), ("reason", " ")]).status == .badRequest,
                    "a rejection needs its reason")
            let approved = try await security.post(client, "/users/approvals/approve", [("id", String(id))])
            #expect(approved.status == .ok && approved.headers[.cacheControl] == "no-store")
            let page = String(buffer: approved.body)
            let start = try #require(page.range(of: "<code class=\"one-time-password\">"))
            let oneTime = String(page[start.upperBound...].prefix { $0 != "<" })
            #expect(try await newcomer.get(client, "/").status == .unauthorized, "the approval ended the account's sessions")
            #expect(try await Self.reveals(client, "zhou.qing", WebTestBed.password) == false,
                    "the password the 系统管理员 knew is void after the approval")
            #expect(try await Self.reveals(client, "zhou.qing", oneTime), "after the approval, with the one-time password")
            #expect(String(buffer: try await admin.get(client, "/users").body).contains("已批准"), "the 系统管理员 sees the state")

            var auditor = Browser()
            _ = try await auditor.logIn(client, Self.auditor)
            for action in ["user.add", "user.roles.propose", "user.roles.approve"] {
                let log = String(buffer: try await auditor.get(client, "/audit?action=\(action)").body)
                #expect(log.contains("zhou.qing"), "the 审计管理员 sees \(action)")
            }
            let reveals = String(buffer: try await auditor.get(client, "/audit?action=complaint.reveal").body)
            #expect(reveals.contains("zhou.qing") && reveals.contains(Self.number))
        }
    }

    @Test func aRejectedProposalChangesNothingAndTheReasonIsKept() async throws {
        let bed = try Self.bed()
        let leader = WebTestBed.login(for: .leader)
        try await bed.application().test(.router) { client in
            var admin = Browser()
            _ = try await admin.logIn(client, Self.admin)
            _ = try await admin.get(client, "/users")
            _ = try await admin.post(client, "/users/roles", [("login", leader), ("role", "承办人"), ("unit", bed.environment.schedule.townships.names[0])])
            var security = Browser()
            _ = try await security.logIn(client, Self.security)
            _ = try await security.get(client, "/users/approvals")
            let id = try #require(bed.environment.accounts.proposals().first?.id)
            #expect(try await security.post(client, "/users/approvals/reject", [("id", String(id)), ("reason", "未经局务会研究")]).status == .ok)
            #expect(try await security.post(client, "/users/approvals/approve", [("id", String(id))]).status == .badRequest, "decided already")
        }
        #expect(try bed.environment.accounts.user(login: leader)?.roles == [.leader])
        let rejected = try #require(try bed.environment.audit.entries(AuditQuery(action: .userRolesReject)).first)
        #expect(rejected.actor == Self.security && rejected.detail.contains("未经局务会研究"))
    }

    @Test func privilegedPasswordsAreResetByTheSecurityAdministratorToAOneTimePassword() async throws {
        let bed = try Self.bed()
        try await bed.application().test(.router) { client in
            var stolen = Browser()
            _ = try await stolen.logIn(client, Self.supervisor)
            var security = Browser()
            _ = try await security.logIn(client, Self.security)
            _ = try await security.get(client, "/policy")
            let answer = try await security.post(client, "/policy/reset-password", [("login", Self.supervisor)])
            #expect(answer.status == .ok && answer.headers[.cacheControl] == "no-store")
            let page = String(buffer: answer.body)
            let start = try #require(page.range(of: "<code class=\"one-time-password\">"))
            let password = String(page[start.upperBound...].prefix { $0 != "<" })
            #expect(password.count >= 8)
            #expect(try await stolen.get(client, "/").status == .unauthorized, "the reset ended the account's sessions")
            var owner = Browser()
            let login = try await owner.logIn(client, Self.supervisor, password)
            #expect(login.headers[.location] == "/password", "the one-time password must be changed at once")
            #expect(try await security.post(client, "/policy/reset-password", [("login", Self.security)]).status == .badRequest,
                    "not one's own")
        }
        #expect(!(try bed.environment.audit.entries(AuditQuery(limit: 1000)).contains { $0.detail.contains("GK-") }), "never logged")
    }
}
