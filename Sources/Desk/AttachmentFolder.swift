import Foundation

/// The folder where versions before issue 26 kept attached files: one file per content, named by
/// its SHA-256 (hex), mode 0600, in a folder of mode 0700 that no route serves. Attachments are now
/// stored in the database (`ComplaintDesk.attach`); files already in such a folder are still read
/// from it (`ComplaintDesk.attachmentContent`), and nothing is written to it any more.
public struct AttachmentFolder: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// The stored bytes of `sha256`; nil when `sha256` is not 64 hex digits (so no path can be
    /// named through it) or no such file is stored.
    public func contents(_ sha256: String) -> Data? {
        guard Self.isDigest(sha256) else { return nil }
        return FileManager.default.contents(atPath: file(sha256))
    }

    func file(_ sha256: String) -> String { URL(fileURLWithPath: path).appendingPathComponent(sha256).path }

    /// 64 lowercase hex digits, as `Digest.sha256Hex` writes them.
    public static func isDigest(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
