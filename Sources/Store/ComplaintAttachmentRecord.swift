/// One file attached to a complaint; its bytes are in the attachment folder under `sha256`.
public struct ComplaintAttachmentRecord: Codable, Equatable, Sendable {

    public var id: Int64?
    public var complaintId: String
    public var sha256: String
    public var name: String
    public var mediaType: String
    public var size: Int
    public var uploadedBy: String
    public var uploadedAt: String

    public init(complaintId: String, sha256: String, name: String, mediaType: String, size: Int,
                uploadedBy: String, uploadedAt: String) {
        self.id = nil
        self.complaintId = complaintId; self.sha256 = sha256; self.name = name; self.mediaType = mediaType
        self.size = size; self.uploadedBy = uploadedBy; self.uploadedAt = uploadedAt
    }
}
