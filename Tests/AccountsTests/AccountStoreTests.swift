import Foundation
import GRDB
@testable import Store
import StoreTestSupport
import Testing
@testable import Accounts

@Suite struct AccountStoreTests {
    let time = TestClock()

    func accounts(_ backend: TestBackend, cost: Int = 4) async throws -> AccountStore {
        try Fixture.accounts(clock: time, cost: cost, store: try await backend.store())
    }

    @discardableResult
    func addHandler(_ accounts: AccountStore, _ login: String = "ma.li") throws -> Account {
        try accounts.addUser(login: login, displayName: "马丽", roles: [.handler], unit: "三营镇",
                             initialPassword: Fixture.password, by: Fixture.admin)
    }

    @Test(arguments: TestBackend.allCases) func newUserMustChangeThePasswordFirst(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        let user = try addHandler(a, "Ma.Li")
        #expect(user.login == "ma.li" && user.unit == "三营镇" && user.roles == [.handler] && user.mustChangePassword)
        guard case .mustChangePassword(let signedIn, .setByAdministrator) = try a.authenticate(login: "MA.LI", password: Fixture.password, source: "10.0.0.5") else {
            Issue.record("expected must-change"); return
        }
        #expect(signedIn.id == user.id)
        try a.changeOwnPassword(login: "ma.li", currentPassword: Fixture.password, newPassword: "Xin-mi-ma-2026", source: "10.0.0.5")
        #expect(try a.authenticate(login: "ma.li", password: "Xin-mi-ma-2026", source: "10.0.0.5") == .success(try #require(try a.user(login: "ma.li"))))
    }

    @Test(arguments: TestBackend.allCases) func unknownLoginAndWrongPasswordLookTheSame(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        try addHandler(a)
        let unknown = try a.authenticate(login: "nobody", password: Fixture.password, source: "10.0.0.9")
        let wrong = try a.authenticate(login: "ma.li", password: "Wrong-pass-1", source: "10.0.0.9")
        #expect(unknown == .refused && wrong == .refused)
        let log = try AuditLog(store: a.store).entries(AuditQuery(action: .login, oldestFirst: true))
        #expect(log.map(\.outcome) == ["failure", "failure"])
        #expect(log.map(\.actor) == ["", "ma.li"])
        #expect(log.allSatisfy { $0.source == "10.0.0.9" })
        // The typed name is not recorded for an unknown login (it may be a password in the wrong field),
        // and no password ever is.
        let everything = try AuditLog(store: a.store).entries(AuditQuery()).map { "\($0)" }.joined()
        #expect(!everything.contains("nobody") && !everything.contains("Wrong-pass-1") && !everything.contains(Fixture.password))
    }

    /// Issue 22: five failures lock out the *address* they came from, not the account (one address
    /// cannot lock someone else out); the account itself is not locked.
    @Test(arguments: TestBackend.allCases) func fiveFailuresLockForThirtyMinutes(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        try addHandler(a)
        for _ in 1...4 { #expect(try a.authenticate(login: "ma.li", password: "Wrong-pass-1", source: "10.0.0.7") == .refused) }
        #expect(try a.user(login: "ma.li")?.failedCount == 4)
        #expect(try a.authenticate(login: "ma.li", password: "Wrong-pass-1", source: "10.0.0.7") == .refused)
        let locked = try #require(try a.user(login: "ma.li"))
        #expect(!locked.isLocked(at: time.clock.now()), "one address does not lock the account for everyone")
        // Locked out from that address: even the right password is refused, and the refusal is audited as such.
        #expect(try a.authenticate(login: "ma.li", password: Fixture.password, source: "10.0.0.7") == .refused)
        time.advance(minutes: 29)
        #expect(try a.authenticate(login: "ma.li", password: Fixture.password, source: "10.0.0.7") == .refused)
        time.advance(minutes: 1)
        guard case .mustChangePassword = try a.authenticate(login: "ma.li", password: Fixture.password, source: "10.0.0.7") else {
            Issue.record("still locked after 30 minutes"); return
        }
        let log = AuditLog(store: a.store)
        let lockouts = try log.entries(AuditQuery(action: .lockout))
        #expect(lockouts.count == 1 && lockouts.first?.source == "10.0.0.7" && lockouts.first?.detail.contains("2026-11-05T02:00:00Z") == true)
        #expect(try log.count(AuditQuery(action: .login, outcome: .refused)) == 2)
        #expect(try log.count(AuditQuery(action: .login, outcome: .failure)) == 5)
    }

    @Test(arguments: TestBackend.allCases) func anotherAddressLogsInWhileOneIsLockedOut(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        try addHandler(a)
        for _ in 1...20 { _ = try a.authenticate(login: "ma.li", password: "Wrong-pass-1", source: "10.0.0.66") }
        guard case .mustChangePassword = try a.authenticate(login: "ma.li", password: Fixture.password, source: "10.0.0.5") else {
            Issue.record("the owner was locked out by another address's failures"); return
        }
        if case .mustChangePassword = try a.authenticate(login: "ma.li", password: Fixture.password, source: "10.0.0.66") {
            Issue.record("the failing address got in")
        }
    }

    @Test(arguments: TestBackend.allCases) func theAddressIsThrottledAfterTenFailuresAMinuteWhateverTheAccount(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        try addHandler(a)
        for i in 1...10 { #expect(try a.authenticate(login: "nobody-\(i)", password: "Wrong-pass-1", source: "10.0.0.9") == .refused) }
        time.advance(minutes: 0.5)
        #expect(try a.authenticate(login: "ma.li", password: Fixture.password, source: "10.0.0.9") == .throttled(retryAfterSeconds: 30))
        #expect(try a.authenticate(login: "ma.li", password: Fixture.password, source: "10.0.0.10") != .refused, "other addresses go on")
        time.advance(minutes: 0.6)
        #expect(try a.authenticate(login: "ma.li", password: Fixture.password, source: "10.0.0.9") != .refused, "a minute later")
        let throttled = try AuditLog(store: a.store).entries(AuditQuery(action: .loginThrottled))
        #expect(throttled.count == 1 && throttled.first?.source == "10.0.0.9" && throttled.first?.outcome == "refused")
    }

    @Test(arguments: TestBackend.allCases) func theAccountLocksForEveryoneOnlyAfterFailuresFromSeveralAddresses(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        try addHandler(a)
        for address in ["10.0.1.1", "10.0.1.2"] {
            for _ in 1...5 { _ = try a.authenticate(login: "ma.li", password: "Wrong-pass-1", source: address) }
        }
        #expect(try a.user(login: "ma.li")?.isLocked(at: time.clock.now()) == false, "two addresses: not yet")
        for _ in 1...5 { _ = try a.authenticate(login: "ma.li", password: "Wrong-pass-1", source: "10.0.1.3") }
        #expect(try a.user(login: "ma.li")?.isLocked(at: time.clock.now()) == true, "three addresses: locked for everyone")
        #expect(try a.authenticate(login: "ma.li", password: Fixture.password, source: "10.0.0.5") == .refused)
        try a.unlock(login: "ma.li", by: Fixture.admin)
        #expect(try a.authenticate(login: "ma.li", password: Fixture.password, source: "10.0.1.1") != .refused, "an unlock forgets every address")
    }

    @Test(arguments: TestBackend.allCases) func administratorLockAndUnlock(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        try addHandler(a)
        try a.lock(login: "ma.li", by: Fixture.admin)
        time.advance(days: 10)
        #expect(try a.authenticate(login: "ma.li", password: Fixture.password, source: "x") == .refused)
        try a.unlock(login: "ma.li", by: Fixture.admin)
        #expect(try a.authenticate(login: "ma.li", password: Fixture.password, source: "x") != .refused)
        // An unlock also ends a lockout after failures.
        for _ in 1...5 { _ = try a.authenticate(login: "ma.li", password: "Wrong-pass-1", source: "x") }
        #expect(try a.authenticate(login: "ma.li", password: Fixture.password, source: "x") == .refused)
        try a.unlock(login: "ma.li", by: Fixture.admin)
        #expect(try a.authenticate(login: "ma.li", password: Fixture.password, source: "x") != .refused)
        #expect(throws: AccountError.unknownUser("nobody")) { try a.lock(login: "nobody", by: Fixture.admin) }
    }

    @Test(arguments: TestBackend.allCases) func lastFivePasswordsCannotBeReused(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        try addHandler(a)
        var current = Fixture.password
        for n in 1...5 {
            let next = "Mi-ma-\(n)-Abc"
            try a.changeOwnPassword(login: "ma.li", currentPassword: current, newPassword: next, source: "x")
            current = next
        }
        // History (newest first): 5, 4, 3, 2, 1; the initial password is the sixth back.
        for old in ["Mi-ma-5-Abc", "Mi-ma-3-Abc", "Mi-ma-1-Abc"] {
            #expect(throws: AccountError.weakPassword(.reused(history: 5))) {
                try a.changeOwnPassword(login: "ma.li", currentPassword: current, newPassword: old, source: "x")
            }
        }
        try a.changeOwnPassword(login: "ma.li", currentPassword: current, newPassword: Fixture.password, source: "x")
    }

    @Test(arguments: TestBackend.allCases) func changeChecksCurrentPasswordAndPolicy(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        try addHandler(a)
        #expect(throws: AccountError.wrongCurrentPassword) {
            try a.changeOwnPassword(login: "ma.li", currentPassword: "Wrong-pass-1", newPassword: "Xin-mi-ma-2026", source: "x")
        }
        #expect(try a.user(login: "ma.li")?.failedCount == 1)
        #expect(throws: AccountError.weakPassword(.tooFewClasses(required: 3, found: 1))) {
            try a.changeOwnPassword(login: "ma.li", currentPassword: Fixture.password, newPassword: "abcdefghij", source: "x")
        }
        let failures = try AuditLog(store: a.store).entries(AuditQuery(action: .passwordChange, oldestFirst: true))
        #expect(failures.map(\.outcome) == ["failure", "failure"])
        #expect(failures.last?.detail.contains("至少 3 类") == true)
    }

    @Test(arguments: TestBackend.allCases) func passwordExpiresAfterNinetyDays(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        try addHandler(a)
        try a.changeOwnPassword(login: "ma.li", currentPassword: Fixture.password, newPassword: "Xin-mi-ma-2026", source: "x")
        time.advance(days: 89)
        guard case .success = try a.authenticate(login: "ma.li", password: "Xin-mi-ma-2026", source: "x") else {
            Issue.record("expired too early"); return
        }
        time.advance(days: 1)
        #expect(try a.authenticate(login: "ma.li", password: "Xin-mi-ma-2026", source: "x")
                == .mustChangePassword(try #require(try a.user(login: "ma.li")), .expired))
    }

    @Test(arguments: TestBackend.allCases) func resetPasswordRequiresAChange(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        try addHandler(a)
        try a.changeOwnPassword(login: "ma.li", currentPassword: Fixture.password, newPassword: "Xin-mi-ma-2026", source: "x")
        try a.resetPassword(login: "ma.li", newPassword: "Chong-zhi-2026", by: Fixture.admin)
        #expect(try a.authenticate(login: "ma.li", password: "Xin-mi-ma-2026", source: "x") == .refused)
        guard case .mustChangePassword(_, .setByAdministrator) = try a.authenticate(login: "ma.li", password: "Chong-zhi-2026", source: "x") else {
            Issue.record("a reset password must be changed"); return
        }
        #expect(throws: AccountError.weakPassword(.tooShort(minimum: 8))) {
            try a.resetPassword(login: "ma.li", newPassword: "Ab1-", by: Fixture.admin)
        }
    }

    @Test(arguments: TestBackend.allCases) func rolesUnitsAndLogins(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        #expect(throws: AccountError.unitRequired) {
            try a.addUser(login: "h", roles: [.handler], initialPassword: Fixture.password, by: Fixture.admin)
        }
        #expect(throws: AccountError.self) {
            try a.addUser(login: "h", roles: [.handler], unit: "不存在镇", initialPassword: Fixture.password, by: Fixture.admin)
        }
        #expect(throws: AccountError.administratorRoleNotAlone([.supervisor, .systemAdministrator])) {
            try a.addUser(login: "boss", roles: [.systemAdministrator, .supervisor], initialPassword: Fixture.password, by: Fixture.admin)
        }
        for bad in ["", "-x", "a b", "王芳", "a/b", String(repeating: "a", count: 65), "x\u{0}y"] {
            #expect(throws: AccountError.self, "\(bad)") {
                try a.addUser(login: bad, roles: [.leader], initialPassword: Fixture.password, by: Fixture.admin)
            }
        }
        try a.addUser(login: "wang.fang", roles: [.intake], initialPassword: Fixture.password, by: Fixture.admin)
        #expect(throws: AccountError.duplicateLogin("wang.fang")) {
            try a.addUser(login: "Wang.Fang", roles: [.intake], initialPassword: Fixture.password, by: Fixture.admin)
        }
        let changed = try a.setRoles(login: "wang.fang", roles: [.intake, .handler], unit: "官厅镇", by: Fixture.admin)
        #expect(changed.roles == [.intake, .handler] && changed.unit == "官厅镇")
        #expect(changed.has(.handleComplaint) && changed.has(.recordComplaint) && !changed.has(.readAuditLog))
        #expect(throws: AccountError.self) { try a.setRoles(login: "wang.fang", roles: [.auditAdministrator, .intake], by: Fixture.admin) }
        #expect(try a.user(login: "wang.fang")?.roles == [.intake, .handler])
        // Every refusal above was audited as a failure, without the password.
        let failures = try AuditLog(store: a.store).entries(AuditQuery(outcome: .failure, limit: 1000))
        #expect(failures.count == 12)
        #expect(failures.allSatisfy { $0.actor == "cli:tester" && $0.source == "cli" && !$0.detail.contains(Fixture.password) })
    }

    /// The production cost: one real bcrypt-12 hash and check (a quarter of a second each).
    @Test func bcryptCostTwelve() throws {
        let a = try Fixture.accounts(clock: time, store: try StoreDatabase())
        let b = AccountStore(store: a.store, policy: .standard, townships: a.townships, clock: a.clock)
        try b.addUser(login: "real", roles: [.leader], initialPassword: Fixture.password, by: Fixture.admin)
        let hash = try b.store.read { db in try String.fetchOne(db, sql: "SELECT password_hash FROM user_account") }
        #expect(hash?.hasPrefix("$2b$12$") == true)
        #expect(try b.authenticate(login: "real", password: Fixture.password, source: "x") != .refused)
        #expect(PasswordHasher(cost: 12).dummyHash.hasPrefix("$2b$12$"))
        #expect(PasswordHasher(cost: 4).dummyHash.hasPrefix("$2b$04$"))
    }

    /// A record gongkai never wrote is refused with its field, not trapped on.
    @Test(arguments: TestBackend.allCases) func damagedRecordIsAClearError(_ backend: TestBackend) async throws {
        let a = try await accounts(backend)
        try addHandler(a)
        try a.store.session(readOnly: false) { try $0.execute("INSERT INTO user_role (user_id, role) SELECT id, 'root' FROM user_account") }
        #expect(throws: AccountError.damagedRecord(login: "ma.li", field: "role", value: "root")) { try a.users() }
        #expect(throws: AccountError.self) { try a.authenticate(login: "ma.li", password: Fixture.password, source: "x") }
    }

    /// A value of the wrong type (GRDB's subscript would trap on it) is refused with its field too.
    @Test func wrongTypeInARowIsAClearError() async throws {
        let a = try await accounts(.sqlite)
        try addHandler(a)
        try a.store.write { db in try db.execute(sql: "UPDATE user_account SET failed_count = 'many'") }
        #expect(throws: AccountError.damagedRecord(login: "ma.li", field: "failed_count", value: "\"many\"")) { try a.users() }
        #expect(throws: AccountError.self) { try a.authenticate(login: "ma.li", password: Fixture.password, source: "x") }
    }

    /// PostgreSQL refuses such a value itself: the column is typed.
    @Test func postgresRefusesAWrongTypeInAColumn() async throws {
        let a = try await accounts(.postgres)
        try addHandler(a)
        #expect(throws: StoreError.self) {
            try a.store.session(readOnly: false) { try $0.execute("UPDATE user_account SET failed_count = 'many'") }
        }
        #expect(try a.users().map(\.failedCount) == [0])
    }
}
