import GRDB

extension StoreDatabase {
    /// The complaint desk: workflow columns on `complaint` and the append-only event history.
    ///
    /// Events can be neither edited nor deleted (the triggers abort), and since each one references
    /// its complaint, a complaint with a history cannot be deleted either.
    static func migrateDesk(_ db: Database) throws {
        try db.execute(sql: """
        ALTER TABLE complaint ADD COLUMN pin_hash TEXT;          -- SHA-256 of salt + PIN, hex
        ALTER TABLE complaint ADD COLUMN pin_salt TEXT;
        ALTER TABLE complaint ADD COLUMN supervised INTEGER NOT NULL DEFAULT 0;   -- 督办
        ALTER TABLE complaint ADD COLUMN extension_days INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE complaint ADD COLUMN extension_reason TEXT;
        ALTER TABLE complaint ADD COLUMN acknowledged_on TEXT;    -- 受理告知
        ALTER TABLE complaint ADD COLUMN acknowledged_day INTEGER;
        ALTER TABLE complaint ADD COLUMN assigned_unit TEXT;      -- 转办 to
        ALTER TABLE complaint ADD COLUMN assigned_handler TEXT;   -- 承办人
        ALTER TABLE complaint ADD COLUMN replied_on TEXT;         -- 答复
        ALTER TABLE complaint ADD COLUMN replied_day INTEGER;
        ALTER TABLE complaint ADD COLUMN reopened INTEGER NOT NULL DEFAULT 0;     -- 复查 requested

        CREATE TABLE complaint_event (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            complaint_id TEXT NOT NULL REFERENCES complaint(complaint_id),
            at           TEXT NOT NULL,      -- ISO 8601 UTC
            handler      TEXT NOT NULL,
            action       TEXT NOT NULL,      -- add, accept, transfer, …, reveal
            from_state   TEXT,               -- NULL for the intake
            to_state     TEXT NOT NULL,
            note         TEXT
        );
        CREATE INDEX complaint_event_complaint ON complaint_event(complaint_id);
        CREATE TRIGGER complaint_event_no_update BEFORE UPDATE ON complaint_event
        BEGIN SELECT RAISE(ABORT, 'complaint events are append-only: they cannot be changed'); END;
        CREATE TRIGGER complaint_event_no_delete BEFORE DELETE ON complaint_event
        BEGIN SELECT RAISE(ABORT, 'complaint events are append-only: they cannot be deleted'); END;
        """)
    }
}
