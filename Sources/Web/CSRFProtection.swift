import Crypto
import Foundation
import GongkaiCore
import Hummingbird

/// The tokens that prove a form was served by this server to this browser (cross-site request
/// forgery protection; hummingbird-auth has none).
///
/// A signed-in browser's forms carry its session's token (`WebSession.csrfToken`). The login form is
/// posted before any session exists: it carries a *signed double-submit* token — a random nonce and
/// its HMAC under a key only this server process knows — that must equal the same value in an
/// HttpOnly, SameSite=Strict cookie. Another site can neither read that cookie nor mint a token that
/// verifies. Tokens are compared in constant time.
public struct CSRFProtection: Sendable {
    /// The form field every state-changing form carries (and the name scripts use).
    public static let fieldName = "csrf_token"
    /// The cookie that holds the login form's token.
    public static let loginCookieName = "gongkai_login_csrf"

    /// The signing key's bytes (swift-crypto's `SymmetricKey` is not `Sendable`).
    private let key: [UInt8]

    /// A new random signing key: login-form tokens end when the process does (the page reloads).
    public init() {
        var generator = SystemRandomNumberGenerator()
        key = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// A login-form token: nonce "." HMAC-SHA256(nonce), both base64url.
    public func newLoginToken() -> String {
        let nonce = Self.randomToken()
        return nonce + "." + mac(nonce)
    }

    /// Whether `token` was made by `newLoginToken` of this process.
    public func isValidLoginToken(_ token: some StringProtocol) -> Bool {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        return Self.constantTimeEqual(mac(String(parts[0])), String(parts[1]))
    }

    /// A public form's token: issued at `issued` (whole seconds of the stopwatch), a random nonce,
    /// and their HMAC: "p1.issued.nonce.mac". The server keeps nothing until it is used
    /// (`PublicFormToken`), so serving forms writes nothing.
    public func newPublicFormToken(issued: Int64) -> String {
        let body = "p1.\(issued).\(Self.randomToken())"
        return body + "." + mac("public-form|" + body)
    }

    /// The issue time and nonce of a public form's token this process signed; nil for any other text.
    public func publicFormToken(_ token: some StringProtocol) -> (issued: Int64, nonce: String)? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.utf8.count <= 200, parts.count == 4, parts[0] == "p1", let issued = Int64(parts[1]), !parts[2].isEmpty,
              Self.constantTimeEqual(mac("public-form|" + parts[0...2].joined(separator: ".")), String(parts[3])) else { return nil }
        return (issued, String(parts[2]))
    }

    /// A keyed digest of `text` under this process's key: the client address digest of a server
    /// without a caller-identity key (stable only while the process runs).
    public func processDigest(_ text: String) -> String { String(mac("address|" + text).prefix(24)) }

    private func mac(_ nonce: String) -> String {
        Self.base64url(Data(HMAC<SHA256>.authenticationCode(for: Data(nonce.utf8), using: SymmetricKey(data: key))))
    }

    /// 32 random bytes (the system's cryptographic generator), base64url without padding.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64url(Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    /// Equal strings, in a time that depends only on their lengths, not on where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool { Digest.constantTimeEqual(a, b) }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
