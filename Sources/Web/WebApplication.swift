import Accounts
import Hummingbird
import HummingbirdAuth
import Logging

/// Builds `gongkai serve`: the route table, the middleware chain and the Hummingbird application.
///
/// Order of the middleware, outermost first: the store work threads (`StoreWorkExecutor`: every
/// request's database work off the cooperative pool), security headers (on every response, errors too), the
/// access log (one line per request, its id in `X-Request-Id`), the request metrics (labelled
/// `listener="staff"`; counted only when `--metrics-listen` bootstrapped a registry), the debug request log, the error pages, the session (load, and save or delete after the handler), the
/// session gate (time limits, the signed-in account), CSRF. Then each route's `RouteGuard`.
public enum WebApplication {
    /// Every route of the application. Adding a page means adding a `WebRoute` here, with its access.
    public static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        LoginRoutes.routes(environment) + PasswordRoutes.routes(environment) + HomeRoutes.routes(environment)
            + AuditRoutes.routes(environment) + PolicyRoutes.routes(environment) + UserRoutes.routes(environment)
            + RoleApprovalRoutes.routes(environment)
            + PublicationRoutes.routes(environment) + CallerIdentityRoutes.routes(environment)
            + ComplaintListRoutes.routes(environment) + PhoneSearchRoutes.routes(environment) + IntakeRoutes.routes(environment)
            + DashboardRoutes.routes(environment) + AttachmentRoutes.routes(environment) + ComplaintRoutes.routes(environment)
            + ComplaintStatisticsRoutes.routes(environment) + ComplaintPrintRoutes.routes(environment)
    }

    public static func router(_ environment: WebEnvironment) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.addMiddleware {
            StoreWorkMiddleware<WebContext>()
            SecurityHeadersMiddleware<WebContext>()
            AccessLogMiddleware(listener: "staff")
            ListenerMetricsMiddleware(listener: "staff")
            LogRequestsMiddleware<WebContext>(.debug)
            ErrorPageMiddleware(pages: environment.pages)
            SessionMiddleware<WebContext>(sessionStorage: environment.sessionStorage,
                                          defaultSessionExpiration: .seconds(Int64(environment.policy.sessionAbsoluteSeconds)))
            SessionGateMiddleware(environment: environment)
            RefusalAuditMiddleware(environment: environment)
            CSRFMiddleware(environment: environment)
        }
        let check = RouteGuard(environment: environment)
        for route in routes(environment) {
            router.on(RouterPath(route.path), method: route.method) { request, context -> Response in
                if let refusal = try check.check(route, request, context) { return refusal }
                var request = request
                try await CSRFTokenCheck.check(&request, context, environment)
                return try await route.handler(request, context)
            }
        }
        return router
    }

    /// The application, listening on the configured address; `runService()` runs it until SIGTERM or
    /// SIGINT, then finishes the requests in flight and returns.
    public static func application(_ environment: WebEnvironment, logger: Logger,
                                   onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in })
        -> some ApplicationProtocol {
        Application(
            router: router(environment),
            configuration: .init(address: .hostname(environment.configuration.host, port: environment.configuration.port),
                                 serverName: "gongkai"),
            services: [ComplaintSweepService(environment: environment, logger: logger)],
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}
