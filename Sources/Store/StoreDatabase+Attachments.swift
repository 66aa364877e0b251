import Foundation

extension StoreDatabase {
    /// Records an attachment and its bytes (`content`, whose SHA-256 is `attachment.sha256`) in one
    /// transaction; false when the same file is already attached to that complaint (nothing is
    /// written then). Bytes already stored for another complaint are not stored twice. An unknown
    /// complaint is `ComplaintNotFound`.
    public func insertAttachment(_ attachment: ComplaintAttachmentRecord, content: Data) throws -> Bool {
        try writeRetryingWhenBusy { session in
            guard try session.row("SELECT complaint_id FROM complaint WHERE complaint_id = ?", attachment.complaintId) != nil else {
                throw ComplaintNotFound(id: attachment.complaintId)
            }
            try session.execute("INSERT INTO attachment_content (sha256, bytes) VALUES (?, ?) ON CONFLICT (sha256) DO NOTHING",
                                attachment.sha256, content)
            let inserted = try session.rows("""
                INSERT INTO complaint_attachment (complaint_id, sha256, name, media_type, size, uploaded_by, uploaded_at)
                VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (complaint_id, sha256) DO NOTHING RETURNING id
                """, attachment.complaintId, attachment.sha256, attachment.name, attachment.mediaType, attachment.size,
                attachment.uploadedBy, attachment.uploadedAt)
            return !inserted.isEmpty
        }
    }

    /// The complaint's attachments, in the order they came.
    public func attachments(of complaintId: String) throws -> [ComplaintAttachmentRecord] {
        try session(readOnly: true) { session in
            try session.rows("SELECT \(ComplaintAttachmentRecord.columns) FROM complaint_attachment WHERE complaint_id = ? ORDER BY id",
                             complaintId).map(ComplaintAttachmentRecord.init(row:))
        }
    }

    /// The stored bytes of the file `sha256`; nil when none are stored (a file an earlier version
    /// kept in the attachment folder).
    public func attachmentContent(sha256: String) throws -> Data? {
        try session(readOnly: true) { session in try session.value("SELECT bytes FROM attachment_content WHERE sha256 = ?", sha256) }
    }

    public func attachment(of complaintId: String, sha256: String) throws -> ComplaintAttachmentRecord? {
        try session(readOnly: true) { session in
            try session.rows("SELECT \(ComplaintAttachmentRecord.columns) FROM complaint_attachment WHERE complaint_id = ? AND sha256 = ?",
                             complaintId, sha256).first.map(ComplaintAttachmentRecord.init(row:))
        }
    }
}

extension ComplaintAttachmentRecord {
    static let columns = "id, complaint_id, sha256, name, media_type, size, uploaded_by, uploaded_at"

    init(row: SQLRow) throws {
        var r = StoredRow(row, keyColumn: 1)
        id = try r.required()
        complaintId = try r.required()
        sha256 = try r.required()
        name = try r.required()
        mediaType = try r.required()
        size = try r.required()
        uploadedBy = try r.required()
        uploadedAt = try r.required()
    }
}
