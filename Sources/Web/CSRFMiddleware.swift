import Hummingbird
import HummingbirdAuth
import NIOCore

/// Refuses every state-changing request (POST, PUT, PATCH, DELETE) that does not carry this
/// browser's CSRF token, or whose Origin (else Referer) is another site's. Also tells the pages which
/// token to put in their forms (`WebContext.csrfToken`).
///
/// The origin check compares with the address the browser used (the Host header, with https when the
/// server sits behind TLS, `--secure-cookies`). A request with neither Origin nor Referer is judged
/// on its token alone: browsers send Origin with every cross-site POST, and scripts (curl) send
/// neither but can only get a token by reading the form first, as a person would.
public struct CSRFMiddleware: RouterMiddleware {
    public typealias Context = WebContext

    let protection: CSRFProtection
    let secureOrigin: Bool

    public init(protection: CSRFProtection, secureOrigin: Bool) {
        self.protection = protection
        self.secureOrigin = secureOrigin
    }

    public func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        let sessionToken = context.sessions.session?.csrfToken
        let loginToken = request.cookies[CSRFProtection.loginCookieName].map { String($0.value) }
            .flatMap { protection.isValidLoginToken($0) ? $0 : nil }
        context.csrfToken = sessionToken ?? loginToken
        guard [.post, .put, .patch, .delete].contains(request.method) else {
            return try await next(request, context)
        }
        guard originIsOurs(request) else {
            context.logger.notice("CSRF: refused a request from another origin", metadata: ["path": .string(request.uri.path)])
            throw WebError.csrf
        }
        var request = request
        // A file upload carries its token as a multipart field, in a body up to 10 MB; every other
        // request is a small url-encoded form.
        let files = AttachmentRoutes.takesFiles(request)
        let body = try await request.collectBody(upTo: files ? AttachmentRoutes.maximumBody : context.maxUploadSize)
        let field = files
            ? MultipartForm.boundary(contentType: request.headers[.contentType] ?? "")
                .flatMap { MultipartForm(Array(buffer: body), boundary: $0) }?.text(CSRFProtection.fieldName)
            : FormFields(String(buffer: body))[CSRFProtection.fieldName]
        let sent = field ?? request.headers[WebHeader.csrfToken]
        // The session's token, or the login form's (a script that logs in again while signed in).
        let accepted = [sessionToken, loginToken].compactMap { $0 }
        guard let sent, accepted.contains(where: { CSRFProtection.constantTimeEqual($0, sent) }) else {
            context.logger.notice("CSRF: refused a request without a valid token", metadata: ["path": .string(request.uri.path)])
            throw WebError.csrf
        }
        return try await next(request, context)
    }

    /// Whether Origin, else Referer, names this server; true when the request has neither.
    func originIsOurs(_ request: Request) -> Bool {
        let claimed = request.headers[.origin] ?? request.headers[.referer]
        guard let claimed = claimed?.lowercased() else { return true }
        guard let host = request.head.authority else { return false }
        let ours = ((secureOrigin ? "https://" : "http://") + host).lowercased()
        return claimed == ours || (request.headers[.origin] == nil && claimed.hasPrefix(ours + "/"))
    }
}
