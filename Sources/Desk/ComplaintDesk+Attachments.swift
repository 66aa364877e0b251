import Foundation
import GongkaiCore
import Store

/// Why an attachment was not taken.
public enum AttachmentRefusal: Error, Sendable, Equatable {
    case empty
    case tooLarge(size: Int)
    /// Not a PDF, JPEG or PNG by its first bytes.
    case unknownType
}

extension ComplaintDesk {
    /// The largest file a complaint may carry: a scanned letter or a few photos.
    public static let maximumAttachmentBytes = 10 * 1024 * 1024
    /// The longest original name kept (characters).
    static let maximumAttachmentName = 100

    /// Attaches `bytes` to complaint `id`: the type from the bytes, the size within
    /// `maximumAttachmentBytes`, then the row (who, when, the sanitised original name) and the bytes
    /// under their SHA-256, in the database and one transaction, so a row never names missing bytes
    /// and every node serving the database serves the file. Attaching the same file to the same
    /// complaint again returns the row already there.
    public func attach(_ bytes: [UInt8], name: String, to id: String, by actor: DeskActor) throws -> ComplaintAttachmentRecord {
        guard !bytes.isEmpty else { throw AttachmentRefusal.empty }
        guard bytes.count <= Self.maximumAttachmentBytes else { throw AttachmentRefusal.tooLarge(size: bytes.count) }
        guard let type = AttachmentType(sniffing: bytes) else { throw AttachmentRefusal.unknownType }
        guard let found = try store.complaint(id: id) else { throw ComplaintNotFound(id: id) }
        if let access = actor.access, try !(access.mayAttach && access.mayView(ComplaintView(found))) {
            throw DeskError.notPermitted(account: actor.name, what: "给 \(id) 上传附件")
        }
        let sha256 = Digest.sha256Hex(bytes)
        let record = ComplaintAttachmentRecord(
            complaintId: id, sha256: sha256, name: Self.attachmentName(name, type: type), mediaType: type.rawValue,
            size: bytes.count, uploadedBy: actor.name, uploadedAt: timestamp())
        if try store.insertAttachment(record, content: Data(bytes)) { return record }
        return try store.attachment(of: id, sha256: sha256) ?? record
    }

    /// The bytes of the file `sha256`: from the database, or, for a file attached by a version that
    /// kept them in a folder, from `earlierFolder` (the server's --attachments); nil when neither
    /// holds them.
    public func attachmentContent(sha256: String, earlierFolder: AttachmentFolder?) throws -> Data? {
        if let stored = try store.attachmentContent(sha256: sha256) { return stored }
        return earlierFolder?.contents(sha256)
    }

    /// The uploaded name as it may be shown and offered back: its last path component, without
    /// control, format (bidirectional overrides) or separator characters, at most
    /// `maximumAttachmentName` characters; "附件.<ext>" when nothing is left.
    public static func attachmentName(_ name: String, type: AttachmentType) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let kept = last.unicodeScalars.filter { scalar in
            switch scalar.properties.generalCategory {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned: false
            default: true
            }
        }
        let clean = String(String.UnicodeScalarView(kept)).trimmingCharacters(in: .whitespaces)
        let short = String(clean.prefix(maximumAttachmentName))
        return short.isEmpty || short.allSatisfy({ $0 == "." }) ? "附件.\(type.fileExtension)" : short
    }
}
