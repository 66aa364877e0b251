import Foundation
import Hummingbird
import HTTPTypes
import Logging

/// One log line per request, after its response: the request id (also sent back in `X-Request-Id`,
/// so a person reporting a problem can quote it), the route pattern, the method, the status, the
/// duration, the signed-in account's id and the listener (`staff` or `public`: both log alike).
///
/// The route is the pattern (`/complaints/{id}`), never the path with its query: a search query can
/// hold a caller's name or phone, and no form field is logged (the public channel's number and PIN
/// are form fields).
struct AccessLogMiddleware: RouterMiddleware {
    typealias Context = WebContext
    static var header: HTTPField.Name { HTTPField.Name("X-Request-Id")! }
    let listener: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let started = ContinuousClock.now
        do {
            var response = try await next(request, context)
            response.headers[Self.header] = context.id
            log(request, context, status: response.status, since: started)
            return response
        } catch {
            log(request, context, status: (error as? any HTTPResponseError)?.status ?? .internalServerError, since: started)
            throw error
        }
    }

    private func log(_ request: Request, _ context: Context, status: HTTPResponse.Status, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        var metadata: Logger.Metadata = [
            "route": .string(context.endpointPath ?? "(none)"),
            "method": .string(request.method.rawValue),
            "status": .stringConvertible(status.code),
            "duration_ms": .string(String(format: "%.1f", milliseconds)),
            "listener": .string(listener),
        ]
        if let actor = context.actorID { metadata["actor_id"] = .stringConvertible(actor) }
        context.logger.info("request", metadata: metadata)
    }
}

extension WebContext {
    /// The account of the session as it stands after the handler (a login has just set it). The
    /// session store is shared by reference, so the outermost middleware sees what inner ones did.
    var actorID: Int64? { sessions.session?.accountID }
}
