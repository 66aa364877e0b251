/// The kinds of file a complaint may carry, recognised by their first bytes ("magic numbers"),
/// never by the name or the type the browser declared: both are the sender's to choose, and a
/// file served back with a type it does not have can run as a page in the office's browser.
public enum AttachmentType: String, Sendable, CaseIterable {
    case pdf = "application/pdf"
    case jpeg = "image/jpeg"
    case png = "image/png"

    public init?(sniffing bytes: some Collection<UInt8>) {
        func starts(_ magic: [UInt8]) -> Bool { bytes.starts(with: magic) }
        if starts(Array("%PDF-".utf8)) { self = .pdf }
        else if starts([0xFF, 0xD8, 0xFF]) { self = .jpeg }
        else if starts([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { self = .png }
        else { return nil }
    }

    public var fileExtension: String {
        switch self {
        case .pdf: "pdf"
        case .jpeg: "jpg"
        case .png: "png"
        }
    }
}
