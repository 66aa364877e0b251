import GRDB

extension StoreDatabase {
    /// Accounts of the web application and the audit log (issue 12).
    ///
    /// `user_account` holds who may sign in: the login (unique, lower-case ASCII), the unit a 承办人
    /// works for (a township name from templates/townships.toml, or NULL), the bcrypt hash and the
    /// lockout state. `user_role` holds the roles by their Chinese names (登记员, 督办, …), so the table
    /// reads as the office speaks. `password_history` keeps every hash a user has had, so the last N
    /// cannot be reused. Timestamps are UTC ISO 8601 ("2026-11-05T01:30:00Z"): fixed width, so they
    /// compare as text in any SQL database.
    ///
    /// `audit_log` is append-only: the triggers abort any UPDATE or DELETE, as for `complaint_event`, so
    /// nothing — not even the system administrator with the database file — can quietly rewrite or
    /// purge the record through SQL. `outcome` is one of success, failure, refused.
    static func migrateAccounts(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE user_account (
            id                  INTEGER PRIMARY KEY AUTOINCREMENT,
            login               TEXT NOT NULL UNIQUE,
            display_name        TEXT NOT NULL,
            unit                TEXT,                          -- township of a 承办人, else NULL
            password_hash       TEXT NOT NULL,                 -- bcrypt
            must_change         INTEGER NOT NULL DEFAULT 1,    -- change the password at the next login
            password_changed_at TEXT NOT NULL,
            failed_count        INTEGER NOT NULL DEFAULT 0,    -- failed logins since the last success
            locked_until        TEXT,                          -- lockout after too many failures
            locked_by_admin     INTEGER NOT NULL DEFAULT 0,    -- locked (disabled) by the 安全管理员
            created_at          TEXT NOT NULL
        );

        CREATE TABLE user_role (
            user_id INTEGER NOT NULL REFERENCES user_account(id),
            role    TEXT NOT NULL,
            PRIMARY KEY (user_id, role)
        );

        CREATE TABLE password_history (
            id            INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id       INTEGER NOT NULL REFERENCES user_account(id),
            password_hash TEXT NOT NULL,
            changed_at    TEXT NOT NULL
        );
        CREATE INDEX password_history_user ON password_history(user_id);

        CREATE TABLE audit_log (
            id      INTEGER PRIMARY KEY AUTOINCREMENT,
            at      TEXT NOT NULL,                 -- UTC ISO 8601
            actor   TEXT NOT NULL,                 -- login, cli:<user>, or '' when unknown
            source  TEXT NOT NULL,                 -- client address, or 'cli'
            action  TEXT NOT NULL,
            object  TEXT NOT NULL,
            outcome TEXT NOT NULL CHECK (outcome IN ('success', 'failure', 'refused')),
            detail  TEXT NOT NULL
        );
        CREATE INDEX audit_log_at ON audit_log(at);
        CREATE INDEX audit_log_actor ON audit_log(actor);
        CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: records cannot be changed'); END;
        CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only: records cannot be deleted'); END;
        """)
    }
}
