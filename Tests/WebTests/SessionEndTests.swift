import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Sessions end when they should (issue 22, item 3; OWASP ASVS 3.3): a password change gives this
/// browser a new session id and ends the account's other sessions; a role change, a lock and a reset
/// end them all.
@Suite struct SessionEndTests {
    static let cookie = WebConfiguration.sessionCookieName

    @Test func aPasswordChangeRenewsTheSessionAndEndsTheOthers() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        let login = WebTestBed.login(for: .leader)
        try await bed.application().test(.router) { client in
            var mine = Browser(), stolen = Browser()
            _ = try await mine.logIn(client, login)
            _ = try await stolen.logIn(client, login)
            let before = mine.cookies[Self.cookie]
            _ = try await mine.get(client, "/password")
            let changed = try await mine.post(client, "/password", [("current_password", WebTestBed.password), ("new_password", "Another-2026-pw")])
            #expect(changed.status == .seeOther)
            #expect(mine.cookies[Self.cookie] != nil && mine.cookies[Self.cookie] != before, "a new session id")
            #expect(try await mine.get(client, "/").status == .ok, "this browser goes on")
            #expect(try await stolen.get(client, "/").status == .unauthorized, "the other session ended")
            var replay = Browser()
            replay.cookies[Self.cookie] = before
            #expect(try await replay.get(client, "/").status == .unauthorized, "the old id is worth nothing")
        }
    }

    @Test func aRoleChangeALockAndAResetEndEverySessionOfTheAccount() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        let accounts = bed.environment.accounts
        let cli = AuditActor.commandLine(user: "test")
        let changes: [(String, @Sendable () throws -> Void)] = [
            ("role change", { _ = try accounts.setRoles(login: WebTestBed.login(for: .intake), roles: [.intake, .leader], by: cli) }),
            ("lock", { try accounts.lock(login: WebTestBed.login(for: .intake), by: cli) }),
            ("reset", { try accounts.resetPassword(login: WebTestBed.login(for: .leader), newPassword: "Reset-2026-pw", by: cli) }),
        ]
        try await bed.application().test(.router) { client in
            for (name, change) in changes {
                let login = name == "reset" ? WebTestBed.login(for: .leader) : WebTestBed.login(for: .intake)
                if name == "lock" { try accounts.unlock(login: login, by: cli) }
                var browser = Browser()
                #expect(try await browser.logIn(client, login).status == .seeOther, "\(name)")
                #expect(try await browser.get(client, "/").status == .ok, "\(name)")
                try change()
                #expect(try await browser.get(client, "/").status == .unauthorized, "\(name) ends the session")
            }
        }
    }
}
