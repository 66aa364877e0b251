import GRDB

/// The SQL of separation of duties and address-aware lockout (tables of
/// `StoreDatabase.migrateAccountDuties`), for Accounts to compose inside its own transactions.
/// Times are UTC ISO 8601 text, which compares in time order.
public enum AccountDutyRecords {
    // MARK: Sessions

    /// Ends every session of the account: sessions opened under an older generation are refused.
    public static func advanceSessionGeneration(userID: Int64, _ db: Database) throws {
        try db.execute(sql: "UPDATE user_account SET session_generation = session_generation + 1 WHERE id = ?", arguments: [userID])
    }

    // MARK: Failed logins

    /// Records a failed login and forgets those older than `forgetBefore`.
    public static func recordFailure(userID: Int64?, source: String, at time: String, forgetBefore: String, _ db: Database) throws {
        try db.execute(sql: "DELETE FROM login_failure WHERE at < ?", arguments: [forgetBefore])
        try db.execute(sql: "INSERT INTO login_failure (user_id, source, at) VALUES (?, ?, ?)", arguments: [userID, source, time])
    }

    /// Failures from `source` later than `after`, whatever the account, and the oldest of them.
    public static func failures(from source: String, after: String, _ db: Database) throws -> (count: Int, oldest: String?) {
        let row = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, MIN(at) AS oldest FROM login_failure WHERE source = ? AND at > ?",
                                   arguments: [source, after])
        return (row?["n"] ?? 0, row?["oldest"])
    }

    /// The times of the account's failures from `source` later than `after`, newest first.
    public static func failureTimes(userID: Int64, from source: String, after: String, _ db: Database) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT at FROM login_failure WHERE user_id = ? AND source = ? AND at > ? ORDER BY at DESC, id DESC",
                            arguments: [userID, source, after])
    }

    /// How many addresses have failed at least `threshold` times for the account later than `after`.
    public static func addressesAtThreshold(userID: Int64, after: String, threshold: Int, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM (SELECT source FROM login_failure WHERE user_id = ? AND at > ?
                                  GROUP BY source HAVING COUNT(*) >= ?)
            """, arguments: [userID, after, threshold]) ?? 0
    }

    /// The (account login, address) pairs with at least `threshold` failures later than `after`.
    public static func addressesAtThreshold(after: String, threshold: Int, _ db: Database) throws -> [(userID: Int64, login: String, source: String)] {
        try Row.fetchAll(db, sql: """
            SELECT f.user_id, u.login, f.source FROM login_failure f JOIN user_account u ON u.id = f.user_id
            WHERE f.at > ? GROUP BY f.user_id, u.login, f.source HAVING COUNT(*) >= ? ORDER BY u.login, f.source
            """, arguments: [after, threshold]).map { ($0["user_id"] ?? 0, $0["login"] ?? "", $0["source"] ?? "") }
    }

    /// Forgets the account's failures: from one address (a success from there), or all (an unlock).
    public static func forgetFailures(userID: Int64, from source: String?, _ db: Database) throws {
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
    public static func propose(userID: Int64, roles: [String], unit: String?, by proposer: String, at time: String,
                               _ db: Database) throws -> Int64 {
        try db.execute(sql: "UPDATE role_proposal SET state = 'withdrawn', decided_by = ?, decided_at = ? WHERE user_id = ? AND state = 'pending'",
                       arguments: [proposer, time, userID])
        try db.execute(sql: """
            INSERT INTO role_proposal (user_id, roles, unit, proposed_by, proposed_at, state) VALUES (?, ?, ?, ?, ?, 'pending')
            """, arguments: [userID, roles.joined(separator: ","), unit, proposer, time])
        return db.lastInsertedRowID
    }

    /// Withdraws the account's pending proposal, if any (its roles were set otherwise meanwhile).
    public static func withdrawPending(userID: Int64, by actor: String, at time: String, _ db: Database) throws {
        try db.execute(sql: "UPDATE role_proposal SET state = 'withdrawn', decided_by = ?, decided_at = ? WHERE user_id = ? AND state = 'pending'",
                       arguments: [actor, time, userID])
    }

    /// Records the decision on a pending proposal; false when it was no longer pending.
    public static func decide(id: Int64, approved: Bool, by decider: String, at time: String, reason: String?,
                              _ db: Database) throws -> Bool {
        try db.execute(sql: """
            UPDATE role_proposal SET state = ?, decided_by = ?, decided_at = ?, reason = ? WHERE id = ? AND state = 'pending'
            """, arguments: [approved ? "approved" : "rejected", decider, time, reason, id])
        return db.changesCount == 1
    }

    /// The proposal `id`, or nil.
    public static func proposal(id: Int64, _ db: Database) throws -> Proposal? {
        try proposals(where: "p.id = ?", [id], limit: 1, db).first
    }

    /// Pending proposals first (oldest first), then the latest `decided` decisions.
    public static func proposals(decided: Int, _ db: Database) throws -> [Proposal] {
        try proposals(where: "p.state = 'pending'", [], limit: 1000, db)
            + proposals(where: "p.state <> 'pending'", [], limit: decided, newestFirst: true, db)
    }

    private static func proposals(where condition: String, _ arguments: [any DatabaseValueConvertible], limit: Int,
                                  newestFirst: Bool = false, _ db: Database) throws -> [Proposal] {
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
}
