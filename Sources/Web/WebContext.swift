import Accounts
import Hummingbird
import HummingbirdAuth
import NIOCore

/// The request context of `gongkai serve`: the session, the signed-in account, the peer address and
/// the CSRF token forms of this response must carry.
public struct WebContext: AuthRequestContext, SessionRequestContext, RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The signed-in account, set by `SessionGateMiddleware` from the session (nil: anonymous).
    public var identity: Account?
    public let sessions: SessionContext<WebSession>
    /// The TCP peer's address ("127.0.0.1"); nil in router tests, which have no socket.
    public let peerAddress: String?
    /// The token to put in this page's forms: the session's, or the login form's pre-session one.
    public var csrfToken: String?
    /// The client's address for the audit log and the login limits: the peer, or the last
    /// X-Forwarded-For entry when the peer is a trusted reverse proxy (`--trusted-proxy`). Set by
    /// `SessionGateMiddleware`.
    public var clientAddress: String = "unknown"

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        identity = nil
        sessions = .init()
        peerAddress = source.channel.remoteAddress?.ipAddress
    }

    /// Forms carry at most this much (the login, password and filter forms are a few hundred bytes).
    public var maxUploadSize: Int { 64 * 1024 }
}
