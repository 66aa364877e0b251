import Foundation
import GRDB
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
        try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM user_account ORDER BY login").map { try account($0, db) }
        }
    }

    /// The user with this login (normalized), or nil.
    public func user(login: String) throws -> Account? {
        try store.read { db in try Self.stored(login: Login.normalized(login), db)?.account }
    }

    /// The user with this id (what a session stores), or nil.
    public func user(id: Int64) throws -> Account? {
        try store.read { db in
            // Cached statements: every request of a signed-in user runs this.
            try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM user_account WHERE id = ?"), arguments: [id])
                .map { try Self.account($0, db) }
        }
    }

    // MARK: Stored rows

    struct StoredUser {
        let account: Account
        let hash: String
    }

    static func stored(login: String, _ db: Database) throws -> StoredUser? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM user_account WHERE login = ?", arguments: [login]) else {
            return nil
        }
        let hash: String? = try row.checked("password_hash") { AccountError.damagedRecord(login: login, field: $0, value: $1) }
        return StoredUser(account: try account(row, db), hash: hash ?? "")
    }

    /// Decodes a row, refusing (with the field) what gongkai never writes: an unknown role, a time
    /// that is not UTC ISO 8601, a value of the wrong type.
    static func account(_ row: Row, _ db: Database) throws -> Account {
        let name: String? = try row.checked("login") { AccountError.damagedRecord(login: "?", field: $0, value: $1) }
        let login = name ?? ""
        func value<T: DatabaseValueConvertible>(_ field: String) throws -> T? {
            try row.checked(field) { AccountError.damagedRecord(login: login, field: $0, value: $1) }
        }
        func time(_ field: String) throws -> Date? {
            guard let text: String = try value(field) else { return nil }
            guard let date = UTCTimestamp.date(text) else {
                throw AccountError.damagedRecord(login: login, field: field, value: Login.printable(text))
            }
            return date
        }
        func requiredTime(_ field: String) throws -> Date {
            guard let date = try time(field) else { throw AccountError.damagedRecord(login: login, field: field, value: "NULL") }
            return date
        }
        let id: Int64 = try value("id") ?? 0
        var roles: Set<Role> = []
        for name in try String.fetchAll(db.cachedStatement(sql: "SELECT role FROM user_role WHERE user_id = ?"), arguments: [id]) {
            guard let role = Role(rawValue: name) else {
                throw AccountError.damagedRecord(login: login, field: "role", value: Login.printable(name))
            }
            roles.insert(role)
        }
        let mustChange: Int64 = try value("must_change") ?? 1
        let failed: Int64 = try value("failed_count") ?? 0
        let lockedByAdmin: Int64 = try value("locked_by_admin") ?? 0
        let generation: Int64 = try value("session_generation") ?? 0
        return Account(
            id: id, login: login, displayName: try value("display_name") ?? login, unit: try value("unit"),
            roles: roles, mustChangePassword: mustChange != 0,
            passwordChangedAt: try requiredTime("password_changed_at"), failedCount: Int(clamping: failed),
            lockedUntil: try time("locked_until"), lockedByAdministrator: lockedByAdmin != 0,
            createdAt: try requiredTime("created_at"), sessionGeneration: generation)
    }

    static func require(login: String, _ db: Database) throws -> StoredUser {
        guard let user = try stored(login: login, db) else { throw AccountError.unknownUser(Login.printable(login)) }
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
