import Crypto
import Foundation

/// The office's Ed25519 public key, in the forms OpenSSL reads: SubjectPublicKeyInfo DER and its
/// PEM ("BEGIN PUBLIC KEY"). Its fingerprint is the SHA-256 of that DER in lower-case hex, which a
/// citizen recomputes with `openssl pkey -pubin -in office-key.pub.pem -outform DER | sha256sum`.
public struct OfficePublicKey: Sendable, Equatable {
    /// The 32 key bytes, checked to be a key when read (Crypto's key type is not `Sendable`).
    let raw: Data

    /// SEQUENCE { SEQUENCE { OID 1.3.101.112 (id-Ed25519) } BIT STRING (0 unused bits) }: the DER
    /// of every Ed25519 SubjectPublicKeyInfo is this prefix and the 32 key bytes (RFC 8410).
    static let derPrefix: [UInt8] = [0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]
    static let pemLabel = "PUBLIC KEY"

    public var der: Data { Data(Self.derPrefix) + raw }
    public var pem: String { PEM.encode(der, label: Self.pemLabel) }
    public var fingerprint: String { Digest.sha256Hex(der) }

    /// Reads a "BEGIN PUBLIC KEY" PEM holding an Ed25519 key; `file` names it in errors.
    public init(pem text: String, file: String) throws(InputError) {
        let der = try PEM.decode(text, label: Self.pemLabel, file: file)
        guard let raw = PEM.body(of: der, after: Self.derPrefix),
              (try? Curve25519.Signing.PublicKey(rawRepresentation: raw)) != nil else {
            throw InputError(file: file, reason: "不是 Ed25519 公钥（应为 OpenSSL 的 'PUBLIC KEY' PEM，44 字节 DER）")
        }
        self.raw = raw
    }

    init(key: Curve25519.Signing.PublicKey) { raw = key.rawRepresentation }

    /// Whether `signature` (64 raw bytes, as `openssl pkeyutl -sign -rawin` writes) signs `message`.
    public func isValidSignature(_ signature: Data, for message: Data) -> Bool {
        (try? Curve25519.Signing.PublicKey(rawRepresentation: raw))?.isValidSignature(signature, for: message) ?? false
    }
}

/// The office's Ed25519 private key, kept in a PKCS#8 PEM ("BEGIN PRIVATE KEY") that OpenSSL reads
/// (`openssl pkey -in office-ed25519.pem -text`). It signs each release's manifest.json.
public struct OfficeSigningKey: Sendable {
    /// The 32-byte seed (Crypto's key type is not `Sendable`, so the value keeps its bytes).
    let seed: Data
    public let publicKey: OfficePublicKey

    /// SEQUENCE { INTEGER 0, SEQUENCE { OID 1.3.101.112 }, OCTET STRING { OCTET STRING (32-byte seed) } }:
    /// this prefix and the seed (RFC 8410 §7, the form `openssl genpkey -algorithm ed25519` writes).
    static let derPrefix: [UInt8] = [0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70,
                                     0x04, 0x22, 0x04, 0x20]
    static let pemLabel = "PRIVATE KEY"

    /// A new key from the system's secure random source.
    public static func generate() -> OfficeSigningKey { OfficeSigningKey(key: Curve25519.Signing.PrivateKey()) }

    init(key: Curve25519.Signing.PrivateKey) {
        seed = key.rawRepresentation; publicKey = OfficePublicKey(key: key.publicKey)
    }

    public init(pem text: String, file: String) throws(InputError) {
        let der = try PEM.decode(text, label: Self.pemLabel, file: file)
        guard let seed = PEM.body(of: der, after: Self.derPrefix),
              let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: seed) else {
            throw InputError(file: file, reason: "不是 Ed25519 私钥（应为 OpenSSL PKCS#8 的 'PRIVATE KEY' PEM，48 字节 DER）")
        }
        self.init(key: key)
    }

    public var pem: String { PEM.encode(Data(Self.derPrefix) + seed, label: Self.pemLabel) }

    /// The raw 64-byte Ed25519 signature of `message`. Ed25519 is deterministic (RFC 8032): the same
    /// key and bytes give the same signature, so a release stays reproducible.
    public func signature(for message: Data) throws -> Data {
        try Curve25519.Signing.PrivateKey(rawRepresentation: seed).signature(for: message)
    }
}

/// PEM armour (RFC 7468): base64 of DER in 64-character lines between BEGIN and END lines.
enum PEM {
    static func encode(_ der: Data, label: String) -> String {
        let base64 = der.base64EncodedString()
        var lines = ["-----BEGIN \(label)-----"]
        var rest = Substring(base64)
        while !rest.isEmpty { lines.append(String(rest.prefix(64))); rest = rest.dropFirst(64) }
        lines.append("-----END \(label)-----")
        return lines.joined(separator: "\n") + "\n"
    }

    static func decode(_ text: String, label: String, file: String) throws(InputError) -> Data {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let begin = lines.firstIndex(of: "-----BEGIN \(label)-----"),
              let end = lines[begin...].firstIndex(of: "-----END \(label)-----"),
              let der = Data(base64Encoded: lines[(begin + 1)..<end].joined()) else {
            throw InputError(file: file, reason: "没有 '\(label)' PEM 块（-----BEGIN \(label)----- … -----END \(label)-----）")
        }
        return der
    }

    /// The bytes after `prefix` when `der` is exactly `prefix` and 32 bytes, else nil.
    static func body(of der: Data, after prefix: [UInt8]) -> Data? {
        guard der.count == prefix.count + 32, der.prefix(prefix.count).elementsEqual(prefix) else { return nil }
        return Data(der.dropFirst(prefix.count))
    }
}
