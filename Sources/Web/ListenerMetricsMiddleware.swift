import Hummingbird

/// The listener a request came in on (`staff` or `public`), as the request metrics label it.
///
/// Hummingbird's `MetricsMiddleware` names its series by route, method and status only, and the
/// staff and public listeners share routes (`/`, `/publications/…`) and one registry. Its counters
/// and timers are made through swift-metrics' global factory when a request first needs them, so
/// `MetricsListener`'s factory reads this value at that moment and adds it as the `listener` label.
enum RequestListener {
    @TaskLocal static var name = "none"
}

/// Hummingbird's `MetricsMiddleware` for one listener: the requests it counts and times carry
/// `listener="staff"` or `listener="public"`.
///
/// `MetricsMiddleware` makes a route's series after the response body is written, so the body's
/// writing runs under the listener's name too, not only the handler.
struct ListenerMetricsMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let listener: String
    let metrics = MetricsMiddleware<WebContext>()

    init(listener: String) { self.listener = listener }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let listener = listener
        return try await RequestListener.$name.withValue(listener) {
            var response = try await metrics.handle(request, context: context, next: next)
            let body = response.body
            response.body = ResponseBody(contentLength: body.contentLength) { writer in
                try await RequestListener.$name.withValue(listener) { try await body.write(writer) }
            }
            return response
        }
    }
}
