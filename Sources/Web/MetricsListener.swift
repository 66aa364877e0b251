import CoreMetrics
import Hummingbird
import Logging
import NIOCore
import Prometheus

/// `gongkai serve --metrics-listen ADDR`: `GET /metrics` in Prometheus' text format on a listener of
/// its own, so the monitor's port is never the staff's or the public's and nginx need not expose it.
///
/// It serves the requests Hummingbird's `MetricsMiddleware` counts and times on the staff application
/// and on the public channel (by route, method and status, and `listener="staff"` or `"public"`)
/// and the office's gauges (`OfficeGauges`), read at each scrape.
public struct MetricsListener: Sendable {
    let registry: PrometheusCollectorRegistry
    let gauges: OfficeGauges
    let host: String
    let port: Int

    /// Makes the registry and routes every swift-metrics metric of this process to it; at most
    /// once per process (swift-metrics' bootstrap is global).
    public init(environment: WebEnvironment, host: String, port: Int) {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Called as each series is made: the request's listener (`RequestListener`) is added here,
        // the one place every request series passes through.
        factory.nameAndLabelSanitizer = { name, labels in
            (Self.sanitized(name), labels.map { (Self.sanitized($0.0), $0.1) } + [("listener", RequestListener.name)])
        }
        MetricsSystem.bootstrap(factory)
        gauges = OfficeGauges(environment: environment, registry: registry)
        self.host = host
        self.port = port
    }

    /// Prometheus names allow letters, digits and `_`: swift-metrics labels use dots
    /// (`http.server.request.duration` becomes `http_server_request_duration`).
    static func sanitized(_ name: String) -> String {
        String(name.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    }

    /// The host as an address is written in a URL (`[::1]`).
    public var shownHost: String { host.contains(":") ? "[\(host)]" : host }

    /// The page a scrape gets, with the office's figures read now.
    func page() throws -> String {
        try gauges.refresh()
        return registry.emitToString()
    }

    /// The listener, as a service to run beside the application (`WebServers.run`).
    func application(logger: Logger, onServerRunning: @escaping @Sendable (Int) async -> Void = { _ in }) -> some ApplicationProtocol {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: try page())))
        }
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "gongkai-metrics"),
                           onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
                           logger: logger)
    }
}
