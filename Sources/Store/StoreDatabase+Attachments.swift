import GRDB

extension StoreDatabase {
    /// Records an attachment; false when the same file (by SHA-256) is already attached to that
    /// complaint (nothing is written then). An unknown complaint is `ComplaintNotFound`.
    public func insertAttachment(_ attachment: ComplaintAttachmentRecord) throws -> Bool {
        try writeRetryingWhenBusy { db in
            guard try ComplaintRecord.exists(db, key: attachment.complaintId) else { throw ComplaintNotFound(id: attachment.complaintId) }
            try attachment.insert(db, onConflict: .ignore)
            return db.changesCount > 0
        }
    }

    /// The complaint's attachments, in the order they came.
    public func attachments(of complaintId: String) throws -> [ComplaintAttachmentRecord] {
        try read { db in
            try ComplaintAttachmentRecord.filter(Column("complaint_id") == complaintId).order(Column("id")).fetchAll(db)
        }
    }

    public func attachment(of complaintId: String, sha256: String) throws -> ComplaintAttachmentRecord? {
        try read { db in
            try ComplaintAttachmentRecord.filter(Column("complaint_id") == complaintId && Column("sha256") == sha256).fetchOne(db)
        }
    }
}
