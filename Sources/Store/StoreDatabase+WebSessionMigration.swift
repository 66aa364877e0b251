import GRDB

extension StoreDatabase {
    /// The web application's sessions (`gongkai serve`), so that a restart does not log every clerk out.
    ///
    /// `key_hash` is the SHA-256 of the session's key, never the key itself: whoever can read the
    /// database file (a backup, a copy on a USB stick) cannot take over a logged-in session with it.
    /// `expires_at` is in Unix seconds (UTC); rows past it are never returned and are swept.
    static func migrateWebSessions(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE web_session (
            key_hash   TEXT PRIMARY KEY,   -- SHA-256 of the session key, hex
            value      BLOB NOT NULL,      -- the session's JSON (user id, times, CSRF token)
            expires_at INTEGER             -- Unix seconds, NULL: never
        );
        CREATE INDEX web_session_expiry ON web_session(expires_at);
        """)
    }
}
