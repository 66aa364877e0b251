import Accounts
import Hummingbird
import HummingbirdAuth

/// Turns the session into the signed-in account (`WebContext.identity`), ending it when the policy
/// says so: idle too long (30 min), too old (8 h), its account gone or locked, or opened before the
/// account's password, roles or lock changed (`Account.sessionGeneration`, OWASP ASVS 3.3). An ended
/// session is cleared, so `SessionMiddleware` deletes its row and expires the cookie in this very response.
///
/// Also sets `WebContext.clientAddress`, the address the audit log records.
public struct SessionGateMiddleware: RouterMiddleware {
    public typealias Context = WebContext

    let environment: WebEnvironment
    /// `lastSeenAt` is written back at most this often (seconds): the idle limit is kept to within a
    /// minute, and a busy page does not write to the database on every request.
    static let touchInterval: Int64 = 60

    public init(environment: WebEnvironment) { self.environment = environment }

    public func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        context.clientAddress = Self.clientAddress(request, peer: context.peerAddress, trustedProxies: environment.configuration.trustedProxies)
        if let session = context.sessions.session {
            let now = environment.nowSeconds
            let policy = environment.policy
            if now - session.createdAt >= Int64(policy.sessionAbsoluteSeconds) || now - session.lastSeenAt >= Int64(policy.sessionIdleSeconds) {
                context.logger.info("session ended by the time limits")
                context.sessions.clearSession()
            } else if let account = try environment.accounts.user(id: session.accountID), !account.isLocked(at: environment.clock.now()),
                      (session.generation ?? 0) == account.sessionGeneration {
                context.identity = account
                if now - session.lastSeenAt >= Self.touchInterval {
                    context.sessions.withLockedSession { $0?.lastSeenAt = now }
                }
            } else {
                context.logger.info("session ended: its account is gone or locked, or its password or roles changed")
                context.sessions.clearSession()
            }
        }
        return try await next(request, context)
    }

    /// The peer's address ("unknown" without a socket), or, when the peer is one of
    /// `trustedProxies`, the last X-Forwarded-For entry — the one the proxy appended; earlier entries
    /// are whatever the client wrote. Capped and restricted to the characters of an IPv4 or IPv6
    /// address, since it is stored in the audit log.
    static func clientAddress(_ request: Request, peer: String?, trustedProxies: [String]) -> String {
        let peer = peer ?? "unknown"
        if trustedProxies.contains(peer), let header = request.headers[WebHeader.forwardedFor],
           let last = header.split(separator: ",").last?.trimmingCharacters(in: .whitespaces), !last.isEmpty,
           last.count <= 45, last.allSatisfy({ $0.isHexDigit || $0 == "." || $0 == ":" }) {
            return last
        }
        return peer
    }
}
