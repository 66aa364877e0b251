import Crypto
import Foundation

/// SHA-256 in lower-case hex: the fingerprint used for import logs, snapshots and manifests.
public enum Digest {
    public static func sha256Hex(_ data: some DataProtocol) -> String {
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    public static func sha256Hex(_ text: String) -> String { sha256Hex(Data(text.utf8)) }

    /// Incremental hashing, for fingerprints over many rows without building one big buffer.
    public struct Hasher {
        var inner = SHA256()
        public init() {}
        public mutating func update(_ text: String) { inner.update(data: Data(text.utf8)) }
        public mutating func update(_ data: Data) { inner.update(data: data) }
        public func finalizeHex() -> String { inner.finalize().map { String(format: "%02x", $0) }.joined() }
    }
}
