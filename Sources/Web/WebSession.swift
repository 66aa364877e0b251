import Accounts
import Foundation

/// What the server keeps for a signed-in browser (stored by `StorePersistDriver`, keyed by the
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
    /// The account's `sessionGeneration` at login: once the account's has moved on (a password, role
    /// or lock change), the session is ended. Optional so that sessions stored before it still decode
    /// (as generation 0).
    public var generation: Int64?

    /// A new session for `account`, now.
    init(account: Account, now: Int64) {
        self.init(accountID: account.id, createdAt: now, lastSeenAt: now, csrfToken: CSRFProtection.randomToken(),
                  generation: account.sessionGeneration)
    }

    public init(accountID: Int64, createdAt: Int64, lastSeenAt: Int64, csrfToken: String, generation: Int64? = nil) {
        self.accountID = accountID; self.createdAt = createdAt; self.lastSeenAt = lastSeenAt
        self.csrfToken = csrfToken; self.generation = generation
    }
}
