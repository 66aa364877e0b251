import Accounts
import Hummingbird
import NIOCore

/// The CSRF token check of a state-changing request, run by `WebApplication` after the route's
/// access check (`RouteGuard`) and before its handler: the body is read only for a request the
/// route would serve, and a file upload's body only up to the upload limit.
///
/// The token is the `csrf_token` field (a multipart field for an upload) or the X-CSRF-Token header,
/// and must be the session's, or the login form's (a script that logs in again while signed in).
enum CSRFTokenCheck {
    static func changesState(_ request: Request) -> Bool { [.post, .put, .patch, .delete].contains(request.method) }

    /// The login form's token from its cookie, when it is one this process signed.
    static func loginToken(_ request: Request, _ protection: CSRFProtection) -> String? {
        request.cookies[CSRFProtection.loginCookieName].map { String($0.value) }.flatMap { protection.isValidLoginToken($0) ? $0 : nil }
    }

    /// Throws `WebError.csrf` (audited) unless `request` carries an accepted token. Leaves the read
    /// body in `request` for the handler.
    static func check(_ request: inout Request, _ context: WebContext, _ environment: WebEnvironment) async throws {
        guard changesState(request) else { return }
        let accepted = [context.sessions.session?.csrfToken, loginToken(request, environment.csrf)].compactMap { $0 }
        var sent = request.headers[WebHeader.csrfToken]
        if sent == nil, !accepted.isEmpty {
            let files = AttachmentRoutes.takesFiles(request)
            let body = try await request.collectBody(upTo: files ? AttachmentRoutes.maximumBody : context.maxUploadSize)
            sent = files
                ? MultipartForm.boundary(contentType: request.headers[.contentType] ?? "")
                    .flatMap { MultipartForm(Array(buffer: body), boundary: $0) }?.text(CSRFProtection.fieldName)
                : FormFields(String(buffer: body))[CSRFProtection.fieldName]
        }
        guard let sent, accepted.contains(where: { CSRFProtection.constantTimeEqual($0, sent) }) else {
            throw refusal(request, context, environment, because: accepted.isEmpty ? "no token cookie or session" : "no valid token")
        }
    }

    /// Audits a refusal (actor or address, route, reason) and gives the error to throw.
    static func refusal(_ request: Request, _ context: WebContext, _ environment: WebEnvironment, because reason: String) -> WebError {
        context.logger.notice("CSRF: refused", metadata: ["path": .string(request.uri.path), "reason": .string(reason)])
        environment.record(.csrfRefused, object: "\(request.method) \(request.uri.path)", outcome: .refused, detail: reason, context: context)
        return .csrf
    }
}
