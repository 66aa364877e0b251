import Hummingbird

/// Headers every response carries, errors included.
///
/// The Content-Security-Policy forbids every script (none of the pages has one, inline or not: they
/// work without JavaScript), styles other than the server's own CSS file, framing (clickjacking),
/// forms that post elsewhere and `<base>` tricks. Pages for a signed-in user are `no-store`: a shared
/// office PC's browser cache must not keep someone's audit log after they log out.
public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    public static var contentSecurityPolicy: String {
        "default-src 'none'; script-src 'none'; style-src 'self'; img-src 'self'; font-src 'self'; connect-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'"
    }

    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        }
        Self.apply(to: &response.headers)
        return response
    }

    static func apply(to headers: inout HTTPFields) {
        if headers[.contentSecurityPolicy] == nil { headers[.contentSecurityPolicy] = contentSecurityPolicy }
        headers[.xContentTypeOptions] = "nosniff"
        headers[WebHeader.referrerPolicy] = "same-origin"
        headers[WebHeader.frameOptions] = "DENY"
        if headers[.cacheControl] == nil { headers[.cacheControl] = "no-store" }
    }
}
