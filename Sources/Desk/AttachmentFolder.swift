import Foundation
import GongkaiCore

/// Where the server keeps attached files: one file per content, named by its SHA-256 (hex), mode
/// 0600, in a folder of mode 0700 that no route serves. A file is written to a temporary name
/// (O_EXCL) and renamed into place, so a reader never sees half of one; the same content attached
/// again is not written twice.
public struct AttachmentFolder: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    /// Stores `bytes` and returns their SHA-256; creates the folder when missing.
    public func store(_ bytes: [UInt8]) throws -> String {
        let sha256 = Digest.sha256Hex(bytes)
        let target = file(sha256)
        try FileSystemError.performing("创建", path) {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
        }
        if FileManager.default.fileExists(atPath: target) { return sha256 }
        try OutputFile.atomically(target, mode: 0o600) { file in file.append(Data(bytes)) }
        return sha256
    }

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
