import Accounts
import Hummingbird

/// Checks a route's declared access before its handler runs (and before its body is read).
///
/// Without a session: 401 with the page that links to /login, for pages as for everything else,
/// audited with the client address. A user who must change their password is sent to /password
/// first (a form post is refused, audited). A signed-in user whose roles lack the permission gets the 403 page, audited. The answer
/// never depends on whether the thing asked for exists.
struct RouteGuard: Sendable {
    let environment: WebEnvironment

    /// Routes a user who must change their password may still use.
    static let allowedBeforePasswordChange: Set<String> = ["/password", "/logout"]

    /// nil: go on to the handler; otherwise the response that replaces it.
    func check(_ route: WebRoute, _ request: Request, _ context: WebContext) throws -> Response? {
        if route.access == .anyone { return nil }
        guard let account = context.identity else {
            environment.record(.accessDenied, object: "\(request.method) \(route.path)", outcome: .refused,
                               detail: "not signed in", context: context)
            // Returned, not thrown: an ended session is then deleted and its cookie expired.
            return ErrorPageMiddleware.render(.unauthorized, pages: environment.pages)
        }
        if account.passwordChangeReason(at: environment.clock.now(), policy: environment.policy) != nil,
           !Self.allowedBeforePasswordChange.contains(route.path) {
            if request.method == .get { return .seeOther("/password") }
            environment.record(.accessDenied, object: "\(request.method) \(route.path)", outcome: .refused,
                               detail: "must change the password first", context: context)
            throw WebError.mustChangePassword
        }
        guard route.access.allows(account) else {
            environment.record(.accessDenied, object: "\(request.method) \(route.path)", outcome: .refused,
                               detail: "needs \(route.access)", context: context)
            throw WebError.forbidden
        }
        return nil
    }
}
