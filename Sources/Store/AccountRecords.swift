import GRDB

/// The account tables — users and their roles, password history, failed logins, role proposals and
/// the audit log — inside one transaction of the store (`StoreDatabase.readAccounts` /
/// `writeAccounts`): what Accounts reads and changes, as values, never as SQL. Accounts keeps the
/// rules (password policy, lockout, separation of duties); this type keeps the statements, so a
/// second database needs only a second home for them here. Times are UTC ISO 8601 text, which
/// compares in time order.
public struct AccountRecords {
    let db: Database

    // MARK: Users

    /// A `user_account` row with its roles, as stored: role names and times are text for Accounts to
    /// check. A value of the wrong type (a row edited outside gongkai) throws `StoredRecordDamage`.
    public struct UserRow: Sendable {
        public let id: Int64
        public let login: String
        public let displayName: String?
        public let unit: String?
        public let passwordHash: String?
        public let mustChange: Bool
        public let passwordChangedAt: String?
        public let failedCount: Int64
        public let lockedUntil: String?
        public let lockedByAdministrator: Bool
        public let createdAt: String?
        public let sessionGeneration: Int64
        public let roles: [String]
    }

    /// Every user, by login.
    public func users() throws -> [UserRow] {
        try Row.fetchAll(db, sql: "SELECT * FROM user_account ORDER BY login").map(user)
    }

    /// The user with this (normalized) login, or nil.
    public func user(login: String) throws -> UserRow? {
        try Row.fetchOne(db, sql: "SELECT * FROM user_account WHERE login = ?", arguments: [login]).map(user)
    }

    /// The user with this id (what a session stores), or nil.
    public func user(id: Int64) throws -> UserRow? {
        // Cached statements: every request of a signed-in user runs this.
        try Row.fetchOne(db.cachedStatement(sql: "SELECT * FROM user_account WHERE id = ?"), arguments: [id]).map(user)
    }

    private func user(_ row: Row) throws -> UserRow {
        let login: String = try row.checked("login", key: "?") ?? ""
        func value<T: DatabaseValueConvertible>(_ field: String) throws -> T? { try row.checked(field, key: login) }
        let id: Int64 = try value("id") ?? 0
        let roles = try String.fetchAll(db.cachedStatement(sql: "SELECT role FROM user_role WHERE user_id = ? ORDER BY role"),
                                        arguments: [id])
        let mustChange: Int64 = try value("must_change") ?? 1
        let lockedByAdministrator: Int64 = try value("locked_by_admin") ?? 0
        return UserRow(id: id, login: login, displayName: try value("display_name"), unit: try value("unit"),
                       passwordHash: try value("password_hash"), mustChange: mustChange != 0,
                       passwordChangedAt: try value("password_changed_at"), failedCount: try value("failed_count") ?? 0,
                       lockedUntil: try value("locked_until"), lockedByAdministrator: lockedByAdministrator != 0,
                       createdAt: try value("created_at"), sessionGeneration: try value("session_generation") ?? 0,
                       roles: roles)
    }

    /// Adds a user with its roles and the first password history entry.
    public func insertUser(login: String, displayName: String, unit: String?, passwordHash: String, mustChange: Bool,
                           roles: [String], at time: String) throws {
        try db.execute(sql: """
            INSERT INTO user_account (login, display_name, unit, password_hash, must_change, password_changed_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [login, displayName, unit, passwordHash, mustChange, time, time])
        let id = db.lastInsertedRowID
        try insertRoles(roles, userID: id)
        try db.execute(sql: "INSERT INTO password_history (user_id, password_hash, changed_at) VALUES (?, ?, ?)",
                       arguments: [id, passwordHash, time])
    }

    /// Replaces the account's roles and unit.
    public func setRoles(_ roles: [String], unit: String?, userID: Int64) throws {
        try db.execute(sql: "DELETE FROM user_role WHERE user_id = ?", arguments: [userID])
        try insertRoles(roles, userID: userID)
        try db.execute(sql: "UPDATE user_account SET unit = ? WHERE id = ?", arguments: [unit, userID])
    }

    private func insertRoles(_ roles: [String], userID: Int64) throws {
        for role in roles {
            try db.execute(sql: "INSERT INTO user_role (user_id, role) VALUES (?, ?)", arguments: [userID, role])
        }
    }

    /// Stores a new password hash and its history entry, and clears the failure count.
    public func setPassword(hash: String, userID: Int64, mustChange: Bool, at time: String) throws {
        try db.execute(sql: """
            UPDATE user_account SET password_hash = ?, must_change = ?, password_changed_at = ?, failed_count = 0 WHERE id = ?
            """, arguments: [hash, mustChange, time, userID])
        try db.execute(sql: "INSERT INTO password_history (user_id, password_hash, changed_at) VALUES (?, ?, ?)",
                       arguments: [userID, hash, time])
    }

    /// The account's last `limit` password hashes, newest first.
    public func passwordHistory(userID: Int64, limit: Int) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?",
                            arguments: [userID, limit])
    }

    /// Counts one more failed login against the account.
    public func countFailedLogin(userID: Int64) throws {
        try db.execute(sql: "UPDATE user_account SET failed_count = failed_count + 1 WHERE id = ?", arguments: [userID])
    }

    /// Locks the account for everyone until `until` (after failed logins), clearing its count, or
    /// with `until` nil ends such a lock (a successful login).
    public func setFailureLock(until: String?, userID: Int64) throws {
        try db.execute(sql: "UPDATE user_account SET failed_count = 0, locked_until = ? WHERE id = ?", arguments: [until, userID])
    }

    /// Sets or ends the administrator's lock; ending it ends a lock after failed logins too.
    public func setAdministratorLock(_ locked: Bool, userID: Int64) throws {
        if locked {
            try db.execute(sql: "UPDATE user_account SET locked_by_admin = 1 WHERE id = ?", arguments: [userID])
        } else {
            try db.execute(sql: "UPDATE user_account SET locked_by_admin = 0, locked_until = NULL, failed_count = 0 WHERE id = ?",
                           arguments: [userID])
        }
    }

    // MARK: Sessions

    /// Ends every session of the account: sessions opened under an older generation are refused.
    public func advanceSessionGeneration(userID: Int64) throws {
        try db.execute(sql: "UPDATE user_account SET session_generation = session_generation + 1 WHERE id = ?", arguments: [userID])
    }

    // MARK: Failed logins

    /// Records a failed login and forgets those older than `forgetBefore`.
    public func recordFailure(userID: Int64?, source: String, at time: String, forgetBefore: String) throws {
        try db.execute(sql: "DELETE FROM login_failure WHERE at < ?", arguments: [forgetBefore])
        try db.execute(sql: "INSERT INTO login_failure (user_id, source, at) VALUES (?, ?, ?)", arguments: [userID, source, time])
    }

    /// Failures from `source` later than `after`, whatever the account, and the oldest of them.
    public func failures(from source: String, after: String) throws -> (count: Int, oldest: String?) {
        let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failure WHERE source = ? AND at > ?",
                                   arguments: [source, after])
        return (row?["n"] ?? 0, row?["oldest"])
    }

    /// The times of the account's failures from `source` later than `after`, newest first.
    public func failureTimes(userID: Int64, from source: String, after: String) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT at FROM login_failure WHERE user_id = ? AND source = ? AND at > ? ORDER BY at DESC, id DESC",
                            arguments: [userID, source, after])
    }

    /// How many addresses have failed at least `threshold` times for the account later than `after`.
    public func addressesAtThreshold(userID: Int64, after: String, threshold: Int) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM (SELECT source FROM login_failure WHERE user_id = ? AND at > ?
                                  GROUP BY source HAVING COUNT(*) >= ?)
            """, arguments: [userID, after, threshold]) ?? 0
    }

    /// The (account login, address) pairs with at least `threshold` failures later than `after`.
    public func addressesAtThreshold(after: String, threshold: Int) throws -> [(userID: Int64, login: String, source: String)] {
        try Row.fetchAll(db, sql: """
            SELECT f.user_id, u.login, f.source FROM login_failure f JOIN user_account u ON u.id = f.user_id
            WHERE f.at > ? GROUP BY f.user_id, u.login, f.source HAVING COUNT(*) >= ? ORDER BY u.login, f.source
            """, arguments: [after, threshold]).map { ($0["user_id"] ?? 0, $0["login"] ?? "", $0["source"] ?? "") }
    }

    /// Forgets the account's failures: from one address (a success from there), or all (an unlock).
    public func forgetFailures(userID: Int64, from source: String?) throws {
        if let source {
            try db.execute(sql: "DELETE FROM login_failure WHERE user_id = ? AND source = ?", arguments: [userID, source])
        } else {
            try db.execute(sql: "DELETE FROM login_failure WHERE user_id = ?", arguments: [userID])
        }
    }

    // MARK: Role proposals

    /// One proposal, with the account's login.
    public struct Proposal: Sendable, Equatable {
        public let id: Int64
        public let userID: Int64
        public let login: String
        /// Chinese role names.
        public let roles: [String]
        public let unit: String?
        public let proposedBy: String
        public let proposedAt: String
        /// pending, approved, rejected or withdrawn.
        public let state: String
        public let decidedBy: String?
        public let decidedAt: String?
        public let reason: String?
    }

    /// Files a proposal, withdrawing the account's earlier pending one (the newest request stands).
    public func propose(userID: Int64, roles: [String], unit: String?, by proposer: String, at time: String) throws -> Int64 {
        try db.execute(sql: "UPDATE role_proposal SET state = 'withdrawn', decided_by = ?, decided_at = ? WHERE user_id = ? AND state = 'pending'",
                       arguments: [proposer, time, userID])
        try db.execute(sql: """
            INSERT INTO role_proposal (user_id, roles, unit, proposed_by, proposed_at, state) VALUES (?, ?, ?, ?, ?, 'pending')
            """, arguments: [userID, roles.joined(separator: ","), unit, proposer, time])
        return db.lastInsertedRowID
    }

    /// Withdraws the account's pending proposal, if any (its roles were set otherwise meanwhile).
    public func withdrawPending(userID: Int64, by actor: String, at time: String) throws {
        try db.execute(sql: "UPDATE role_proposal SET state = 'withdrawn', decided_by = ?, decided_at = ? WHERE user_id = ? AND state = 'pending'",
                       arguments: [actor, time, userID])
    }

    /// Records the decision on a pending proposal; false when it was no longer pending.
    public func decide(id: Int64, approved: Bool, by decider: String, at time: String, reason: String?) throws -> Bool {
        try db.execute(sql: """
            UPDATE role_proposal SET state = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ? AND state = 'pending'
            """, arguments: [approved ? "approved" : "rejected", decider, time, reason, id])
        return db.changesCount == 1
    }

    /// The proposal `id`, or nil.
    public func proposal(id: Int64) throws -> Proposal? {
        try proposals(where: "p.id = ?", [id], limit: 1).first
    }

    /// Pending proposals first (oldest first), then the latest `decided` decisions.
    public func proposals(decided: Int) throws -> [Proposal] {
        try proposals(where: "p.state = 'pending'", [], limit: 1000)
            + proposals(where: "p.state <> 'pending'", [], limit: decided, newestFirst: true)
    }

    private func proposals(where condition: String, _ arguments: [any DatabaseValueConvertible], limit: Int,
                                  newestFirst: Bool = false) throws -> [Proposal] {
        try Row.fetchAll(db, sql: """
            SELECT p.*, u.login FROM role_proposal p JOIN user_account u ON u.id = p.user_id
            WHERE \(condition) ORDER BY p.id \(newestFirst ? "DESC" : "ASC") LIMIT ?
            """, arguments: StatementArguments(arguments + [limit])).map { row in
            let roles: String = row["roles"] ?? ""
            return Proposal(id: row["id"] ?? 0, userID: row["user_id"] ?? 0, login: row["login"] ?? "",
                            roles: roles.split(separator: ",").map(String.init), unit: row["unit"],
                            proposedBy: row["proposed_by"] ?? "", proposedAt: row["proposed_at"] ?? "", state: row["state"] ?? "",
                            decidedBy: row["decided_by"], decidedAt: row["decided_at"], reason: row["reason"])
        }
    }

    // MARK: Audit log

    /// Appends one audit record (the table refuses UPDATE and DELETE).
    public func appendAudit(at time: String, actor: String, source: String, action: String, object: String,
                            outcome: String, detail: String) throws {
        try db.execute(sql: """
            INSERT INTO audit_log (at, actor, source, action, object, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, arguments: [time, actor, source, action, object, outcome, detail])
    }

    /// Which audit records to read: each filter that is set must hold.
    public struct AuditFilter: Sendable {
        public var since: String?
        public var until: String?
        public var actor: String?
        public var action: String?
        public var outcome: String?

        public init(since: String? = nil, until: String? = nil, actor: String? = nil, action: String? = nil, outcome: String? = nil) {
            self.since = since; self.until = until; self.actor = actor; self.action = action; self.outcome = outcome
        }

        fileprivate var clause: (sql: String, arguments: [String]) {
            let parts: [(String, String?)] = [("at >= ?", since), ("at < ?", until), ("actor = ?", actor),
                                              ("action = ?", action), ("outcome = ?", outcome)]
            let set = parts.compactMap { part in part.1.map { (part.0, $0) } }
            return (set.isEmpty ? "" : "WHERE " + set.map(\.0).joined(separator: " AND "), set.map(\.1))
        }
    }

    /// An audit record as stored.
    public struct AuditRow: Sendable {
        public let id: Int64
        public let time: String
        public let actor: String
        public let source: String
        public let action: String
        public let object: String
        public let outcome: String
        public let detail: String
    }

    /// The records `filter` selects, by id, one page of them.
    public func auditRows(_ filter: AuditFilter, limit: Int, offset: Int, oldestFirst: Bool) throws -> [AuditRow] {
        let (clause, arguments) = filter.clause
        return try Row.fetchAll(db, sql: """
            SELECT id, at, actor, source, action, object, outcome, detail FROM audit_log
            \(clause) ORDER BY id \(oldestFirst ? "ASC" : "DESC") LIMIT ? OFFSET ?
            """, arguments: StatementArguments(arguments) + [limit, offset]).map { row in
            func text(_ column: String) throws -> String { try row.checked(column, key: "audit_log") ?? "" }
            return AuditRow(id: try row.checked("id", key: "audit_log") ?? 0, time: try text("at"), actor: try text("actor"),
                            source: try text("source"), action: try text("action"), object: try text("object"),
                            outcome: try text("outcome"), detail: try text("detail"))
        }
    }

    /// How many records `filter` selects.
    public func auditCount(_ filter: AuditFilter) throws -> Int {
        let (clause, arguments) = filter.clause
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM audit_log \(clause)", arguments: StatementArguments(arguments)) ?? 0
    }
}

/// A value in an account or audit table that gongkai never writes (a row edited outside gongkai): its
/// record (the login, or the table), field and value as SQLite shows it, for the owner's own error.
public struct StoredRecordDamage: Error, Sendable, Equatable {
    public let key: String
    public let field: String
    public let value: String
}

extension Row {
    /// The column's value, nil for NULL. GRDB's subscript (`row["x"] as Int64?`) traps on a value of
    /// another type; this throws `StoredRecordDamage` instead.
    func checked<T: DatabaseValueConvertible>(_ column: String, key: String) throws -> T? {
        do { return try decode(T?.self, forColumn: column) } catch {
            throw StoredRecordDamage(key: key, field: column, value: "\(self[column] as DatabaseValue)")
        }
    }
}

extension StoreDatabase {
    /// Reads the account tables in one snapshot.
    public func readAccounts<T>(_ body: (AccountRecords) throws -> T) throws -> T {
        try read { db in try body(AccountRecords(db: db)) }
    }

    /// Changes the account tables in one transaction: all of `body`'s changes or none.
    public func writeAccounts<T>(_ body: (AccountRecords) throws -> T) throws -> T {
        try write { db in try body(AccountRecords(db: db)) }
    }
}
