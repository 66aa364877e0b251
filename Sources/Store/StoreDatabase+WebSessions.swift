import Foundation
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
        try session(readOnly: true) { s in
            guard let row = try s.row("""
                SELECT value, expires_at FROM web_session
                WHERE key_hash = ? AND (expires_at IS NULL OR expires_at > ?)
                """, Self.webSessionHash(key), now),
                let value: Data = row.optional("value")
            else { return nil }
            return WebSessionRow(value: value, expiresAt: row.optional("expires_at"))
        }
    }

    /// Stores a session. `expiresAt` nil keeps the expiry a live row already has (the persist
    /// driver's contract). With `onlyIfNew`, an existing live row is left alone and false returned.
    /// Expired rows are swept in the same transaction, so the table never grows with dead sessions.
    /// One statement decides whether the key is new, so two nodes storing the same key at once
    /// cannot both believe they created it.
    @discardableResult
    public func putWebSession(key: String, value: Data, expiresAt: Int64?, now: Int64, onlyIfNew: Bool = false) throws -> Bool {
        try session(readOnly: false) { s in
            try s.execute("DELETE FROM web_session WHERE expires_at <= ?", now)
            let hash = Self.webSessionHash(key)
            let insert = "INSERT INTO web_session (key_hash, value, expires_at) VALUES (?, ?, ?) ON CONFLICT (key_hash) DO"
            if onlyIfNew { return try s.execute("\(insert) NOTHING", hash, value, expiresAt) == 1 }
            let keepExpiry = expiresAt == nil ? "" : ", expires_at = excluded.expires_at"
            try s.execute("\(insert) UPDATE SET value = excluded.value\(keepExpiry)", hash, value, expiresAt)
            return true
        }
    }

    /// Deletes the session stored under `key` (logout); nothing happens when there is none.
    public func removeWebSession(key: String) throws {
        try session(readOnly: false) { s in try s.execute("DELETE FROM web_session WHERE key_hash = ?", Self.webSessionHash(key)) }
    }

    /// Deletes every session that has expired at `now`; returns how many.
    @discardableResult
    public func sweepWebSessions(now: Int64) throws -> Int {
        try session(readOnly: false) { s in try s.execute("DELETE FROM web_session WHERE expires_at <= ?", now) }
    }

    /// How many sessions are stored (expired or not): for tests and the health page.
    public func webSessionCount() throws -> Int {
        try session(readOnly: true) { s in try s.value("SELECT COUNT(*) FROM web_session") ?? 0 }
    }

    static func webSessionHash(_ key: String) -> String { Digest.sha256Hex(key) }
}
