import Accounts
import Hummingbird

/// Checks a route's declared access before its handler runs.
///
/// Without a session: a page (a GET that does not ask for JSON) is sent to /login (303), anything
/// else gets 401. A user who must change their password is sent to /password first. A signed-in
/// user whose roles lack the permission gets the 403 page, and the refusal is audited.
struct RouteGuard: Sendable {
    let environment: WebEnvironment

    /// Routes a user who must change their password may still use.
    static let allowedBeforePasswordChange: Set<String> = ["/password", "/logout"]

    /// nil: go on to the handler; otherwise the response that replaces it.
    func check(_ route: WebRoute, _ request: Request, _ context: WebContext) throws -> Response? {
        if route.access == .anyone { return nil }
        guard let account = context.identity else {
            if route.isPage && request.method == .get && !Self.asksForJSON(request) { return .seeOther("/login") }
            throw WebError.unauthorized
        }
        if account.passwordChangeReason(at: environment.clock.now(), policy: environment.policy) != nil,
           !Self.allowedBeforePasswordChange.contains(route.path) {
            if request.method == .get { return .seeOther("/password") }
            throw WebError.mustChangePassword
        }
        guard route.access.allows(account) else {
            environment.record(.accessDenied, object: "\(request.method) \(route.path)", outcome: .refused,
                               detail: "needs \(route.access)", context: context)
            throw WebError.forbidden
        }
        return nil
    }

    static func asksForJSON(_ request: Request) -> Bool {
        guard let accept = request.headers[.accept]?.lowercased() else { return false }
        return accept.contains("application/json") && !accept.contains("text/html")
    }
}
