import Crypto
import Foundation

/// Seals a complainant's name and phone before they are stored, and opens them for the few people
/// allowed to see them (PIPL §28: sensitive personal information encrypted in storage; 等保 2.0
/// 数据保密性). The database file alone — a copy, a backup, a stolen laptop's — never shows a
/// caller in clear: the key lives in its own file (`CallerIdentityKeyFile`), outside the database.
///
/// AES-256-GCM with a *synthetic* nonce: the nonce is an HMAC of the field and the text, so the same
/// caller sealed twice gives the same bytes. Re-importing the hotline log therefore changes nothing
/// (the importer compares stored values), and a nonce is never reused for a different text. The price
/// is that equal texts give equal seals, which the phone digest reveals anyway (and is there for:
/// finding a caller's earlier complaints without opening every row).
///
/// The field name is authenticated with the text, so a sealed phone cannot be passed off as a name.
public struct CallerIdentityCipher: Sendable {
    public enum Field: String, Sendable {
        case name = "caller_name"
        case phone = "caller_phone"
    }

    /// Sealed values start with this, so one sealed by a later scheme can be told apart.
    public static let prefix = "gk1:"

    private let sealingKey: Data
    private let nonceKey: Data
    private let digestKey: Data
    private let addressKey: Data
    /// Identifies the key without revealing it: the store records it when it first seals, so a
    /// different key (a lost or swapped file) is refused instead of silently sealing with two keys.
    public let fingerprint: String

    /// A cipher over the 32-byte secret kept in the key file; the working keys are derived from it.
    public init(secret: Data) throws(CallerIdentityError) {
        guard secret.count == 32 else {
            throw CallerIdentityError("来电人身份密钥应为 32 字节，这个是 \(secret.count) 字节")
        }
        let master = SymmetricKey(data: secret)
        func derive(_ purpose: String) -> Data {
            HKDF<SHA256>.deriveKey(inputKeyMaterial: master, info: Data("gongkai caller identity \(purpose)".utf8),
                                   outputByteCount: 32).withUnsafeBytes { Data($0) }
        }
        sealingKey = derive("aes-256-gcm")
        nonceKey = derive("nonce")
        digestKey = derive("phone digest")
        addressKey = derive("client address digest")
        fingerprint = String(Digest.sha256Hex(derive("fingerprint")).prefix(16))
    }

    /// Whether a stored value is sealed (a database made before sealing holds callers in clear until
    /// `StoreDatabase.bindCallerIdentity` seals them).
    public static func isSealed(_ stored: String) -> Bool { stored.hasPrefix(prefix) }

    /// The text sealed for storage: `gk1:` and base64 of nonce, ciphertext and tag.
    public func seal(_ text: String, _ field: Field) -> String {
        let plain = Data(text.utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: Data(field.rawValue.utf8) + [0] + plain,
                                                  using: SymmetricKey(data: nonceKey))
        // A 12-byte nonce and a 32-byte key are always accepted by AES-GCM: these cannot fail.
        guard let nonce = try? AES.GCM.Nonce(data: Data(mac).prefix(12)),
              let box = try? AES.GCM.seal(plain, using: SymmetricKey(data: sealingKey), nonce: nonce,
                                          authenticating: Data(field.rawValue.utf8)),
              let combined = box.combined else {
            preconditionFailure("AES-GCM refused a 12-byte nonce")
        }
        return Self.prefix + combined.base64EncodedString()
    }

    /// The text of a sealed value; an error when it was sealed with another key, for another field,
    /// or altered.
    public func open(_ stored: String, _ field: Field) throws(CallerIdentityError) -> String {
        guard Self.isSealed(stored), let combined = Data(base64Encoded: String(stored.dropFirst(Self.prefix.count))),
              let box = try? AES.GCM.SealedBox(combined: combined),
              let plain = try? AES.GCM.open(box, using: SymmetricKey(data: sealingKey), authenticating: Data(field.rawValue.utf8)) else {
            throw CallerIdentityError("加密的 \(field.rawValue) 无法用来电人身份密钥 \(fingerprint) 解开：它被改动过，或是用另一个密钥加密的")
        }
        return String(decoding: plain, as: UTF8.self)
    }

    /// A keyed digest of a phone number (digits only, without a +86/86 country prefix), for finding
    /// the same caller's other complaints: it cannot be reversed by trying all 10¹¹ mobile numbers
    /// without the key, as a plain hash could.
    public func phoneDigest(_ phone: String) -> String {
        var digits = phone.unicodeScalars.filter { ("0"..."9").contains($0) }.map(Character.init)
        if digits.count == 13, digits.starts(with: ["8", "6"]) { digits.removeFirst(2) }
        let mac = HMAC<SHA256>.authenticationCode(for: Data(String(digits).utf8), using: SymmetricKey(data: digestKey))
        return Digest.hex(Data(mac))
    }

    /// A keyed digest of a client address of the public channel: what its audit records and abuse
    /// counters hold instead of the address (a citizen's address is personal information, and all
    /// 2³² IPv4 addresses are quickly tried against a plain hash). Stable across restarts.
    public func clientAddressDigest(_ address: String) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Data(address.utf8), using: SymmetricKey(data: addressKey))
        return Digest.hex(Data(mac).prefix(12))
    }
}

/// A caller's identity as the store holds it: sealed name and phone, and the phone's digest.
public struct SealedCaller: Sendable, Equatable {
    public let name: String?
    public let phone: String?
    public let phoneDigest: String?

    public static let none = SealedCaller(name: nil, phone: nil, phoneDigest: nil)

    public init(name: String?, phone: String?, phoneDigest: String?) {
        self.name = name; self.phone = phone; self.phoneDigest = phoneDigest
    }

    public init(name: String?, phone: String?, cipher: CallerIdentityCipher) {
        self.init(name: name.map { cipher.seal($0, .name) }, phone: phone.map { cipher.seal($0, .phone) },
                  phoneDigest: phone.map(cipher.phoneDigest))
    }

    public var isEmpty: Bool { name == nil && phone == nil }
}

/// Why a caller's identity cannot be sealed or opened, in one sentence.
public struct CallerIdentityError: Error, CustomStringConvertible, Sendable {
    public let description: String
    public init(_ description: String) { self.description = description }
}
