import GRDB

extension StoreDatabase {
    /// Separation of duties and address-aware lockout (issue 22).
    ///
    /// `user_account.session_generation` counts the events that end every session of an account (a
    /// password change, a role change, a lock, a reset): a session remembers the generation it was
    /// opened under and is worth nothing once the account's has moved on.
    ///
    /// `role_proposal` holds the roles the 系统管理员 asked for an account, waiting for the
    /// 安全管理员's decision when they let the account see callers (督办, 承办人). Decided rows are
    /// kept: the page shows who asked, who decided and why.
    ///
    /// `login_failure` holds recent failed logins by account (NULL: an unknown login) and client
    /// address, so that failures are counted per address and per (account, address): one address
    /// cannot lock an account for everyone. Rows older than the lockout window are swept at each insert.
    static func migrateAccountDuties(_ db: Database) throws {
        try db.execute(sql: """
        ALTER TABLE user_account ADD COLUMN session_generation INTEGER NOT NULL DEFAULT 0;

        CREATE TABLE role_proposal (
            id          INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id     INTEGER NOT NULL REFERENCES user_account(id),
            roles       TEXT NOT NULL,                 -- the proposed roles, Chinese names joined by ','
            unit        TEXT,
            proposed_by TEXT NOT NULL,
            proposed_at TEXT NOT NULL,                 -- UTC ISO 8601
            state       TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'rejected', 'withdrawn')),
            decided_by  TEXT,
            decided_at  TEXT,
            reason      TEXT
        );
        CREATE INDEX role_proposal_state ON role_proposal(state);

        CREATE TABLE login_failure (
            id      INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER,                           -- NULL: a login that does not exist
            source  TEXT NOT NULL,                     -- client address
            at      TEXT NOT NULL                      -- UTC ISO 8601
        );
        CREATE INDEX login_failure_source ON login_failure(source, at);
        CREATE INDEX login_failure_user ON login_failure(user_id, source, at);
        """)
    }
}
