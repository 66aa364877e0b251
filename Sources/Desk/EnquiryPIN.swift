import Foundation
import GongkaiCore

/// The 4-digit PIN a caller may receive at intake to ask about progress by phone without giving
/// their identity. Only a salted SHA-256 is stored, so the database never shows a usable PIN.
public enum EnquiryPIN {
    public struct Issued: Sendable, Equatable {
        public let pin: String
        public let salt: String
        public let hash: String
    }

    public static func issue(using random: inout some RandomNumberGenerator) -> Issued {
        let pin = String(Int.random(in: 10_000...19_999, using: &random)).dropFirst()
        let salt = (0..<16).map { _ in
            let byte = UInt8.random(in: 0...255, using: &random)
            return (byte < 16 ? "0" : "") + String(byte, radix: 16)
        }.joined()
        return Issued(pin: String(pin), salt: salt, hash: hash(pin: String(pin), salt: salt))
    }

    public static func hash(pin: String, salt: String) -> String { Digest.sha256Hex(salt + ":" + pin) }

    /// Whether `pin` is the one stored. Without a stored PIN (an unknown number, a complaint without
    /// a PIN) a hash is still computed and compared, against a dummy, and the comparison takes the
    /// same time wherever the hashes differ: the answer's time tells nothing.
    public static func matches(pin: String, salt: String?, hash stored: String?) -> Bool {
        let computed = hash(pin: TypedText.halfWidth(pin.trimmingCharacters(in: .whitespaces)), salt: salt ?? dummySalt)
        let equal = Digest.constantTimeEqual(computed, stored ?? dummyHash)
        return equal && salt != nil && stored != nil
    }

    static let dummySalt = String(repeating: "0", count: 32)
    static let dummyHash = String(repeating: "0", count: 64)
}
