import GRDB

extension StoreDatabase {
    /// Attached files' bytes move into the database (issue 26): one row per content, under its
    /// SHA-256, so that every node serving one database serves every attachment (no shared folder to
    /// mount), one backup holds them all, and a file attached to two complaints is stored once. The
    /// desk's limit (10 MB a file) keeps rows small. Rows are append-only, like the attachments that
    /// name them. Files that earlier versions kept in the attachment folder stay there and are still
    /// read from it (`--attachments`).
    static func migrateAttachmentContent(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE attachment_content (
            sha256 TEXT PRIMARY KEY NOT NULL,   -- hex, as complaint_attachment.sha256
            bytes  BLOB NOT NULL
        );
        CREATE TRIGGER attachment_content_no_update BEFORE UPDATE ON attachment_content
        BEGIN SELECT RAISE(ABORT, 'attachment contents are append-only: they cannot be changed'); END;
        CREATE TRIGGER attachment_content_no_delete BEFORE DELETE ON attachment_content
        BEGIN SELECT RAISE(ABORT, 'attachment contents are append-only: they cannot be deleted'); END;
        """)
    }
}
