
/// The account tables — users and their roles, password history, failed logins, role proposals and
/// the audit log — inside one transaction of the store (`StoreDatabase.readAccounts` /
/// `writeAccounts`): what Accounts reads and changes, as values, never as SQL. Accounts keeps the
/// rules (password policy, lockout, separation of duties); this type keeps the statements, so a
/// second database needs only a second home for them here. Times are UTC ISO 8601 text, which
/// compares in time order.
public struct AccountRecords {
    let session: any SQLSession

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
        try session.rows("SELECT * FROM user_account ORDER BY login").map(user)
    }

    /// The user with this (normalized) login, or nil.
    public func user(login: String) throws -> UserRow? {
        try session.row("SELECT * FROM user_account WHERE login = ?", login).map(user)
    }

    /// The user with this id (what a session stores), or nil.
    public func user(id: Int64) throws -> UserRow? {
        try session.row("SELECT * FROM user_account WHERE id = ?", id).map(user)
    }

    private func user(_ row: SQLRow) throws -> UserRow {
        let login: String = try row.checked("login", key: "?") ?? ""
        func value<T: SQLColumnValue>(_ field: String) throws -> T? { try row.checked(field, key: login) }
        let id: Int64 = try value("id") ?? 0
        let roles: [String] = try session.column("SELECT role FROM user_role WHERE user_id = ? ORDER BY role", id)
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
        let id: Int64 = try session.value("""
            INSERT INTO user_account (login, display_name, unit, password_hash, must_change, password_changed_at, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id
            """, login, displayName, unit, passwordHash, mustChange, time, time) ?? 0
        try insertRoles(roles, userID: id)
        try session.execute("INSERT INTO password_history (user_id, password_hash, changed_at) VALUES (?, ?, ?)", id, passwordHash, time)
    }

    /// Replaces the account's roles and unit.
    public func setRoles(_ roles: [String], unit: String?, userID: Int64) throws {
        try session.execute("DELETE FROM user_role WHERE user_id = ?", userID)
        try insertRoles(roles, userID: userID)
        try session.execute("UPDATE user_account SET unit = ? WHERE id = ?", unit, userID)
    }

    private func insertRoles(_ roles: [String], userID: Int64) throws {
        for role in roles {
            try session.execute("INSERT INTO user_role (user_id, role) VALUES (?, ?)", userID, role)
        }
    }

    /// Stores a new password hash and its history entry, and clears the failure count.
    public func setPassword(hash: String, userID: Int64, mustChange: Bool, at time: String) throws {
        try session.execute("""
            UPDATE user_account SET password_hash = ?, must_change = ?, password_changed_at = ?, failed_count = 0 WHERE id = ?
            """, hash, mustChange, time, userID)
        try session.execute("INSERT INTO password_history (user_id, password_hash, changed_at) VALUES (?, ?, ?)", userID, hash, time)
    }

    /// The account's last `limit` password hashes, newest first.
    public func passwordHistory(userID: Int64, limit: Int) throws -> [String] {
        try session.column("SELECT password_hash FROM password_history WHERE user_id = ? ORDER BY id DESC LIMIT ?", userID, limit)
    }

    /// Counts one more failed login against the account.
    public func countFailedLogin(userID: Int64) throws {
        try session.execute("UPDATE user_account SET failed_count = failed_count + 1 WHERE id = ?", userID)
    }

    /// Locks the account for everyone until `until` (after failed logins), clearing its count, or
    /// with `until` nil ends such a lock (a successful login).
    public func setFailureLock(until: String?, userID: Int64) throws {
        try session.execute("UPDATE user_account SET failed_count = 0, locked_until = ? WHERE id = ?", until, userID)
    }

    /// Sets or ends the administrator's lock; ending it ends a lock after failed logins too.
    public func setAdministratorLock(_ locked: Bool, userID: Int64) throws {
        if locked {
            try session.execute("UPDATE user_account SET locked_by_admin = 1 WHERE id = ?", userID)
        } else {
            try session.execute("UPDATE user_account SET locked_by_admin = 0, locked_until = NULL, failed_count = 0 WHERE id = ?", userID)
        }
    }

    // MARK: Sessions

    /// Ends every session of the account: sessions opened under an older generation are refused.
    public func advanceSessionGeneration(userID: Int64) throws {
        try session.execute("UPDATE user_account SET session_generation = session_generation + 1 WHERE id = ?", userID)
    }

    // MARK: Failed logins

    /// Records a failed login and forgets those older than `forgetBefore`.
    public func recordFailure(userID: Int64?, source: String, at time: String, forgetBefore: String) throws {
        try session.execute("DELETE FROM login_failure WHERE at < ?", forgetBefore)
        try session.execute("INSERT INTO login_failure (user_id, source, at) VALUES (?, ?, ?)", userID, source, time)
    }

    /// Failures from `source` later than `after`, whatever the account, and the oldest of them.
    public func failures(from source: String, after: String) throws -> (count: Int, oldest: String?) {
        let row = try session.row("SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failure WHERE source = ? AND at > ?", source, after)
        return (row?.value("n", or: 0) ?? 0, row?.optional("oldest"))
    }

    /// The times of the account's failures from `source` later than `after`, newest first.
    public func failureTimes(userID: Int64, from source: String, after: String) throws -> [String] {
        try session.column("SELECT at FROM login_failure WHERE user_id = ? AND source = ? AND at > ? ORDER BY at DESC, id DESC", userID, source, after)
    }

    /// How many addresses have failed at least `threshold` times for the account later than `after`.
    public func addressesAtThreshold(userID: Int64, after: String, threshold: Int) throws -> Int {
        try session.value("""
            SELECT COUNT(*) FROM (SELECT source FROM login_failure WHERE user_id = ? AND at > ?
                                  GROUP BY source HAVING COUNT(*) >= ?) AS sources
            """, userID, after, threshold) ?? 0
    }

    /// The (account login, address) pairs with at least `threshold` failures later than `after`.
    public func addressesAtThreshold(after: String, threshold: Int) throws -> [(userID: Int64, login: String, source: String)] {
        try session.rows("""
            SELECT f.user_id, u.login, f.source FROM login_failure f JOIN user_account u ON u.id = f.user_id
            WHERE f.at > ? GROUP BY f.user_id, u.login, f.source HAVING COUNT(*) >= ? ORDER BY u.login, f.source
            """, after, threshold).map { ($0.value("user_id", or: 0), $0.value("login", or: ""), $0.value("source", or: "")) }
    }

    /// Forgets the account's failures: from one address (a success from there), or all (an unlock).
    public func forgetFailures(userID: Int64, from source: String?) throws {
        if let source {
            try session.execute("DELETE FROM login_failure WHERE user_id = ? AND source = ?", userID, source)
        } else {
            try session.execute("DELETE FROM login_failure WHERE user_id = ?", userID)
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
    public func propose(userID: Int64, roles: [String], unit: String?, by proposer: String, at time: String) throws {
        try withdrawPending(userID: userID, by: proposer, at: time)
        try session.execute("""
            INSERT INTO role_proposal (user_id, roles, unit, proposed_by, proposed_at, state) VALUES (?, ?, ?, ?, ?, 'pending')
            """, userID, roles.joined(separator: ","), unit, proposer, time)
    }

    /// Withdraws the account's pending proposal, if any (its roles were set otherwise meanwhile).
    public func withdrawPending(userID: Int64, by actor: String, at time: String) throws {
        try session.execute("""
            UPDATE role_proposal SET state = 'withdrawn', decided_by = ?, decided_at = ? WHERE user_id = ? AND state = 'pending'
            """, actor, time, userID)
    }

    /// Records the decision on a pending proposal; false when it was no longer pending.
    public func decide(id: Int64, approved: Bool, by decider: String, at time: String, reason: String?) throws -> Bool {
        try session.execute("""
            UPDATE role_proposal SET state = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ? AND state = 'pending'
            """, approved ? "approved" : "rejected", decider, time, reason, id) == 1
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

    private func proposals(where condition: String, _ arguments: [any SQLArgument], limit: Int,
                           newestFirst: Bool = false) throws -> [Proposal] {
        try session.rows("""
            SELECT p.*, u.login FROM role_proposal p JOIN user_account u ON u.id = p.user_id
            WHERE \(condition) ORDER BY p.id \(newestFirst ? "DESC" : "ASC") LIMIT ?
            """, (arguments + [limit]).map(\.sqlValue)).map { row in
            Proposal(id: row.value("id", or: 0), userID: row.value("user_id", or: 0), login: row.value("login", or: ""),
                     roles: row.value("roles", or: "").split(separator: ",").map(String.init), unit: row.optional("unit"),
                     proposedBy: row.value("proposed_by", or: ""), proposedAt: row.value("proposed_at", or: ""),
                     state: row.value("state", or: ""), decidedBy: row.optional("decided_by"), decidedAt: row.optional("decided_at"),
                     reason: row.optional("reason"))
        }
    }
}

extension AccountRecords {
    // MARK: Audit log

    /// Appends one audit record (the table refuses UPDATE and DELETE).
    public func appendAudit(at time: String, actor: String, source: String, action: String, object: String,
                            outcome: String, detail: String) throws {
        try session.execute("""
            INSERT INTO audit_log (at, actor, source, action, object, outcome, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, time, actor, source, action, object, outcome, detail)
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
        return try session.rows("""
            SELECT id, at, actor, source, action, object, outcome, detail FROM audit_log
            \(clause) ORDER BY id \(oldestFirst ? "ASC" : "DESC") LIMIT ? OFFSET ?
            """, arguments.map(\.sqlValue) + [limit.sqlValue, offset.sqlValue]).map { row in
            func text(_ column: String) throws -> String { try row.checked(column, key: "audit_log") ?? "" }
            return AuditRow(id: try row.checked("id", key: "audit_log") ?? 0, time: try text("at"), actor: try text("actor"),
                            source: try text("source"), action: try text("action"), object: try text("object"),
                            outcome: try text("outcome"), detail: try text("detail"))
        }
    }

    /// How many records `filter` selects.
    public func auditCount(_ filter: AuditFilter) throws -> Int {
        let (clause, arguments) = filter.clause
        let count: Int? = try session.rows("SELECT COUNT(*) AS n FROM audit_log \(clause)", arguments.map(\.sqlValue)).first?.optional("n")
        return count ?? 0
    }
}

/// A value in an account or audit table that gongkai never writes (a row edited outside gongkai): its
/// record (the login, or the table), field and value as SQLite shows it, for the owner's own error.
public struct StoredRecordDamage: Error, Sendable, Equatable {
    public let key: String
    public let field: String
    public let value: String
}

extension StoreDatabase {
    /// Reads the account tables in one snapshot.
    public func readAccounts<T>(_ body: (AccountRecords) throws -> T) throws -> T {
        try session(readOnly: true) { try body(AccountRecords(session: $0)) }
    }

    /// Changes the account tables in one transaction: all of `body`'s changes or none.
    public func writeAccounts<T>(_ body: (AccountRecords) throws -> T) throws -> T {
        try session(readOnly: false) { try body(AccountRecords(session: $0)) }
    }
}
