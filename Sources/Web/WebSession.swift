import Foundation

/// What the server keeps for a signed-in browser (stored by `SQLitePersistDriver`, keyed by the
/// session cookie). Times are Unix seconds from the injected clock.
public struct WebSession: Codable, Sendable, Equatable {
    /// The account's id (`Account.id`): roles and locks are read afresh on every request, so a role
    /// taken away or an account locked takes effect at once.
    public var accountID: Int64
    /// When the user logged in: the absolute limit (8 h by default) counts from here.
    public var createdAt: Int64
    /// The last request seen: the idle limit (30 min by default) counts from here. Written back at
    /// most once a minute (`SessionGateMiddleware.touchInterval`), not on every request.
    public var lastSeenAt: Int64
    /// The per-session CSRF token every form of this session carries (32 random bytes, base64url).
    public var csrfToken: String
}
