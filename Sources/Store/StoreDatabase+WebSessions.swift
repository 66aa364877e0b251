import Foundation
import GRDB
import GongkaiCore

/// One stored web session: its JSON value and when it ends (Unix seconds, nil: never).
public struct WebSessionRow: Sendable, Equatable {
    public let value: Data
    public let expiresAt: Int64?
}

extension StoreDatabase {
    /// The session stored under `key` that has not expired at `now` (Unix seconds), else nil.
    /// Keys are hashed before they reach SQL (see `migrateWebSessions`).
    public func webSession(key: String, now: Int64) throws -> WebSessionRow? {
        try read { db in
            // A cached statement: this runs on every request of a signed-in user.
            let statement = try db.cachedStatement(sql: """
                SELECT value, expires_at FROM web_session
                WHERE key_hash = ? AND (expires_at IS NULL OR expires_at > ?)
                """)
            guard let row = try Row.fetchOne(statement, arguments: [Self.webSessionHash(key), now]),
                let value = row["value"] as Data?
            else { return nil }
            return WebSessionRow(value: value, expiresAt: row["expires_at"] as Int64?)
        }
    }

    /// Stores a session. `expiresAt` nil keeps the expiry a live row already has (the persist
    /// driver's contract). With `onlyIfNew`, an existing live row is left alone and false returned.
    /// Expired rows are swept in the same transaction, so the table never grows with dead sessions.
    @discardableResult
    public func putWebSession(key: String, value: Data, expiresAt: Int64?, now: Int64, onlyIfNew: Bool = false) throws -> Bool {
        try write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE expires_at <= ?", arguments: [now])
            let hash = Self.webSessionHash(key)
            let exists = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM web_session WHERE key_hash = ?)",
                                           arguments: [hash]) ?? false
            if exists && onlyIfNew { return false }
            if exists {
                if let expiresAt {
                    try db.execute(sql: "UPDATE web_session SET value = ?, expires_at = ? WHERE key_hash = ?",
                                   arguments: [value, expiresAt, hash])
                } else {
                    try db.execute(sql: "UPDATE web_session SET value = ? WHERE key_hash = ?", arguments: [value, hash])
                }
            } else {
                try db.execute(sql: "INSERT INTO web_session (key_hash, value, expires_at) VALUES (?, ?, ?)",
                               arguments: [hash, value, expiresAt])
            }
            return true
        }
    }

    /// Deletes the session stored under `key` (logout); nothing happens when there is none.
    public func removeWebSession(key: String) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE key_hash = ?", arguments: [Self.webSessionHash(key)])
        }
    }

    /// Deletes every session that has expired at `now`; returns how many.
    @discardableResult
    public func sweepWebSessions(now: Int64) throws -> Int {
        try write { db in
            try db.execute(sql: "DELETE FROM web_session WHERE expires_at <= ?", arguments: [now])
            return db.changesCount
        }
    }

    /// How many sessions are stored (expired or not): for tests and the health page.
    public func webSessionCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM web_session") ?? 0 }
    }

    static func webSessionHash(_ key: String) -> String { Digest.sha256Hex(key) }
}
