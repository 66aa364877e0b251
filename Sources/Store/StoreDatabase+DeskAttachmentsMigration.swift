import GRDB

extension StoreDatabase {
    /// Files attached to a complaint (issue 13): one row per file and complaint. The bytes are not
    /// in the database but in the server's attachment folder, under their SHA-256, so the database
    /// stays small and a file attached twice is stored once. Rows are append-only, like events.
    static func migrateDeskAttachments(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE complaint_attachment (
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            complaint_id TEXT NOT NULL REFERENCES complaint(complaint_id),
            sha256       TEXT NOT NULL,      -- hex, the file's name in the attachment folder
            name         TEXT NOT NULL,      -- the uploaded file's name, sanitised
            media_type   TEXT NOT NULL,      -- application/pdf, image/jpeg or image/png, from the bytes
            size         INTEGER NOT NULL,   -- bytes
            uploaded_by  TEXT NOT NULL,
            uploaded_at  TEXT NOT NULL,      -- ISO 8601 UTC
            UNIQUE (complaint_id, sha256)
        );
        CREATE TRIGGER complaint_attachment_no_update BEFORE UPDATE ON complaint_attachment
        BEGIN SELECT RAISE(ABORT, 'complaint attachments are append-only: they cannot be changed'); END;
        CREATE TRIGGER complaint_attachment_no_delete BEFORE DELETE ON complaint_attachment
        BEGIN SELECT RAISE(ABORT, 'complaint attachments are append-only: they cannot be deleted'); END;
        """)
    }
}
