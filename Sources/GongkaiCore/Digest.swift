import Crypto
import Foundation

/// SHA-256 in lower-case hex: the fingerprint used for import logs, snapshots and manifests.
public enum Digest {
    public static func sha256Hex(_ data: some DataProtocol) -> String {
        hex(SHA256.hash(data: data))
    }

    public static func sha256Hex(_ text: String) -> String { sha256Hex(Data(text.utf8)) }

    /// Incremental hashing, for fingerprints over many rows without building one big buffer.
    public struct Hasher {
        var inner = SHA256()
        public init() {}
        public mutating func update(_ text: String) { inner.update(data: Data(text.utf8)) }
        public mutating func update(_ data: Data) { inner.update(data: data) }
        public func finalizeHex() -> String { Digest.hex(inner.finalize()) }
    }

    /// Equal strings, in a time that depends only on their lengths, not on where they differ: for
    /// tokens and hashes an attacker may time (the web's CSRF tokens, the enquiry PIN's hash).
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    /// Lower-case hex of `bytes`, without `String(format:)` (which costs microseconds a byte: the web
    /// server hashes a session key on every request).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
