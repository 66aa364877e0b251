import Accounts
import Hummingbird
import HummingbirdAuth
import NIOCore

extension AuditAction {
    /// A state-changing request refused by the CSRF defence (object: method and path; detail: why).
    static let csrfRefused = AuditAction("request.csrf")
}

/// Refuses every state-changing request (POST, PUT, PATCH, DELETE) whose Origin (else Referer) is
/// another site's, before anything reads its body, and tells the pages which token to put in their
/// forms (`WebContext.csrfToken`). The token itself is checked per route after the route's access
/// (`CSRFTokenCheck`), so that no body — a 10 MB upload least of all — is read for a request that
/// has no business here. Every refusal is audited.
///
/// The origin check compares with the address the browser used (the Host header, with https when the
/// server sits behind TLS, `--secure-cookies`). A request with neither Origin nor Referer is judged
/// on its token alone: browsers send Origin with every cross-site POST, and scripts (curl) send
/// neither but can only get a token by reading the form first, as a person would.
public struct CSRFMiddleware: RouterMiddleware {
    public typealias Context = WebContext

    let environment: WebEnvironment

    public init(environment: WebEnvironment) { self.environment = environment }

    public func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        context.csrfToken = context.sessions.session?.csrfToken ?? CSRFTokenCheck.loginToken(request, environment.csrf)
        if CSRFTokenCheck.changesState(request) && !originIsOurs(request) {
            throw CSRFTokenCheck.refusal(request, context, environment, because: "another site's Origin or Referer")
        }
        return try await next(request, context)
    }

    /// Whether Origin, else Referer, names this server; true when the request has neither.
    func originIsOurs(_ request: Request) -> Bool {
        Self.originIsOurs(request, secure: environment.configuration.secureCookies)
    }

    /// The same check for either listener (the public one has no session, but the same rule).
    static func originIsOurs(_ request: Request, secure: Bool) -> Bool {
        let claimed = request.headers[.origin] ?? request.headers[.referer]
        guard let claimed = claimed?.lowercased() else { return true }
        guard let host = request.head.authority else { return false }
        let ours = ((secure ? "https://" : "http://") + host).lowercased()
        return claimed == ours || (request.headers[.origin] == nil && claimed.hasPrefix(ours + "/"))
    }
}
