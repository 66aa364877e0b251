import Crypto
import Foundation
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

    private func mac(_ nonce: String) -> String {
        Self.base64url(Data(HMAC<SHA256>.authenticationCode(for: Data(nonce.utf8), using: SymmetricKey(data: key))))
    }

    /// 32 random bytes (the system's cryptographic generator), base64url without padding.
    public static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return base64url(Data((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }))
    }

    /// Equal strings, in a time that depends only on their lengths, not on where they differ.
    public static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }

    static func base64url(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }
}
