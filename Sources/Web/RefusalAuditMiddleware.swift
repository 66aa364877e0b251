import Accounts
import Hummingbird

extension AuditAction {
    /// A request whose body was over its limit (HTTP 413; object: method and path).
    static let requestTooLarge = AuditAction("request.tooLarge")
}

/// Audits the refusals Hummingbird raises by itself — a body over the limit a route reads it with
/// (413) — with the account or address and the route. The refusals gongkai decides (CSRF, access,
/// 429) are audited where they are decided, with their reason.
struct RefusalAuditMiddleware: RouterMiddleware {
    typealias Context = WebContext

    let environment: WebEnvironment

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as any HTTPResponseError where error.status == .contentTooLarge {
            environment.record(.requestTooLarge, object: "\(request.method) \(request.uri.path)", outcome: .refused,
                               detail: "body over the route's limit", context: context)
            throw error
        }
    }
}
