import GongkaiCore
import Hummingbird
import Logging

/// The public listener (群众反馈渠道, `gongkai serve --public-listen`): its own router over the same
/// environment as the staff application, with only the public routes — no staff route, no staff
/// stylesheet, no session middleware and so no session cookie; every other path is 404.
///
/// Order of the middleware, outermost first: security headers (errors too), the access log (as the
/// staff listener's, `listener=public`: the route pattern, never the query or a form field), the
/// request metrics (`listener="public"`, into the same registry), the debug request log, the public
/// error pages, the public gate (address digest, body size, Origin, per-address limits), the
/// audit of a body found too large while it is read (one sent without its length).
public enum PublicApplication {
    /// Every route of the public listener, each `.anyone` (docs/roles.md lists them).
    public static func routes(_ environment: WebEnvironment, stopwatch: Clock = .system) throws -> [WebRoute] {
        let channel = try PublicChannel(environment: environment, stopwatch: stopwatch)
        return routes(channel)
    }

    static func routes(_ channel: PublicChannel) -> [WebRoute] {
        PublicHomeRoutes.routes(channel) + PublicSubmitRoutes.routes(channel) + PublicProgressRoutes.routes(channel)
    }

    public static func router(_ environment: WebEnvironment, stopwatch: Clock = .system) throws -> Router<WebContext> {
        let channel = try PublicChannel(environment: environment, stopwatch: stopwatch)
        let router = Router(context: WebContext.self)
        router.addMiddleware {
            StoreWorkMiddleware<WebContext>()
            SecurityHeadersMiddleware<WebContext>()
            AccessLogMiddleware(listener: "public")
            ListenerMetricsMiddleware(listener: "public")
            LogRequestsMiddleware<WebContext>(.debug)
            ErrorPageMiddleware(pages: environment.pages, template: "public-error")
            PublicGateMiddleware(channel: channel)
            RefusalAuditMiddleware(environment: environment)
        }
        for route in routes(channel) {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                try await route.handler(request, context)
            }
        }
        return router
    }

    /// The public application on `host:port`; `runService()` runs it until SIGTERM or SIGINT.
    /// `gongkai serve` runs it beside the staff application (one process, one store), or alone
    /// (`--public-only`, for a host in the DMZ).
    public static func application(_ environment: WebEnvironment, host: String, port: Int, logger: Logger,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) throws
        -> some ApplicationProtocol {
        Application(
            router: try router(environment),
            configuration: .init(address: .hostname(host, port: port), serverName: "gongkai"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}
