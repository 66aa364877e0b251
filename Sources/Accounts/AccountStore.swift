import Foundation
import GongkaiCore
import Store

/// The users of the web application, over the store's database: add, list, set roles, lock, unlock,
/// reset and change passwords, and authenticate.
///
/// Every change and every login attempt is written to the audit log in the same transaction as the
/// change, with the actor and source address; a refused change is audited too (outcome failure).
/// Passwords are never stored, logged or put in an error: only bcrypt hashes.
///
/// Who may call what is the caller's business (the web server checks the route's `Permission`; the
/// CLI is trusted as whoever may write the database file): this type enforces the rules that hold
/// whoever calls — the password policy, history, lockout, disjoint administrator roles, known units.
///
/// BLOCKING: the methods that hash or verify a password take about a quarter of a second each at
/// bcrypt cost 12 (`authenticate`, `addUser`, `resetPassword`, `changeOwnPassword`, which checks the
/// history too). Run them off the event loop (`NIOThreadPool.singleton.runIfActive`).
public struct AccountStore: Sendable {
    public let store: StoreDatabase
    public let policy: SecurityPolicy
    /// The townships a unit must name (templates/townships.toml).
    public let townships: Townships
    public let clock: Clock

    public init(store: StoreDatabase, policy: SecurityPolicy, townships: Townships, clock: Clock) {
        self.store = store; self.policy = policy; self.townships = townships; self.clock = clock
    }

    var hasher: PasswordHasher { PasswordHasher(cost: policy.bcryptCost) }

    // MARK: Reading

    /// Every user, by login.
    public func users() throws -> [Account] { try Self.accounts(in: store) }

    /// Every user of `store`, by login: for readers that need no policy (the desk choosing a 承办人).
    public static func accounts(in store: StoreDatabase) throws -> [Account] {
        try reading(store) { records in try records.users().map(account) }
    }

    /// The user with this login (normalized), or nil.
    public func user(login: String) throws -> Account? {
        try Self.reading(store) { records in try Self.stored(login: Login.normalized(login), records)?.account }
    }

    /// The user with this id (what a session stores), or nil.
    public func user(id: Int64) throws -> Account? {
        try Self.reading(store) { records in try records.user(id: id).map(Self.account) }
    }

    // MARK: Stored rows

    /// Reads the account tables; a row gongkai never wrote is `AccountError.damagedRecord`.
    static func reading<T>(_ store: StoreDatabase, _ body: (AccountRecords) throws -> T) throws -> T {
        do { return try store.readAccounts(body) } catch let damage as StoredRecordDamage { throw damaged(damage) }
    }

    /// Changes the account tables in one transaction; a row gongkai never wrote is `AccountError.damagedRecord`.
    func writing<T>(_ body: (AccountRecords) throws -> T) throws -> T {
        do { return try store.writeAccounts(body) } catch let damage as StoredRecordDamage { throw Self.damaged(damage) }
    }

    static func damaged(_ damage: StoredRecordDamage) -> AccountError {
        .damagedRecord(login: Login.printable(damage.key), field: damage.field, value: Login.printable(damage.value))
    }

    struct StoredUser {
        let account: Account
        let hash: String
    }

    static func stored(login: String, _ records: AccountRecords) throws -> StoredUser? {
        guard let row = try records.user(login: login) else { return nil }
        return StoredUser(account: try account(row), hash: row.passwordHash ?? "")
    }

    /// Checks a stored row, refusing (with the field) what gongkai never writes: an unknown role, a
    /// time that is not UTC ISO 8601.
    static func account(_ row: AccountRecords.UserRow) throws -> Account {
        let login = row.login
        func time(_ field: String, _ text: String?) throws -> Date? {
            guard let text else { return nil }
            guard let date = UTCTimestamp.date(text) else {
                throw AccountError.damagedRecord(login: login, field: field, value: Login.printable(text))
            }
            return date
        }
        func requiredTime(_ field: String, _ text: String?) throws -> Date {
            guard let date = try time(field, text) else { throw AccountError.damagedRecord(login: login, field: field, value: "NULL") }
            return date
        }
        var roles: Set<Role> = []
        for name in row.roles {
            guard let role = Role(rawValue: name) else {
                throw AccountError.damagedRecord(login: login, field: "role", value: Login.printable(name))
            }
            roles.insert(role)
        }
        return Account(
            id: row.id, login: login, displayName: row.displayName ?? login, unit: row.unit,
            roles: roles, mustChangePassword: row.mustChange,
            passwordChangedAt: try requiredTime("password_changed_at", row.passwordChangedAt),
            failedCount: Int(clamping: row.failedCount), lockedUntil: try time("locked_until", row.lockedUntil),
            lockedByAdministrator: row.lockedByAdministrator, createdAt: try requiredTime("created_at", row.createdAt),
            sessionGeneration: row.sessionGeneration)
    }

    static func require(login: String, _ records: AccountRecords) throws -> StoredUser {
        guard let user = try stored(login: login, records) else { throw AccountError.unknownUser(Login.printable(login)) }
        return user
    }

    /// Runs `body`; when it throws, appends a failure record (in its own transaction, since the
    /// body's was rolled back) and rethrows. The error text never holds a password.
    func audited<T>(_ action: AuditAction, object: String, by actor: AuditActor, _ body: () throws -> T) throws -> T {
        do { return try body() } catch {
            try? AuditLog(store: store).record(AuditEvent(time: clock.now(), actor: actor, action: action, object: object,
                                                          outcome: .failure, detail: "\(error)"))
            throw error
        }
    }
}
