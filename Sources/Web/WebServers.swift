import Hummingbird
import Logging
import ServiceLifecycle

/// `gongkai serve`'s listeners in one process over one environment: the staff application (with
/// the automatic 督办 sweep), the public channel, or both. One ServiceGroup runs them, so SIGTERM
/// or SIGINT stops both gracefully (requests in flight finish).
public enum WebServers {
    /// Where the public channel listens.
    public struct Listener: Sendable {
        public let host: String
        public let port: Int
        public init(host: String, port: Int) { self.host = host; self.port = port }
    }

    /// Runs the staff application when `staff` (on the configuration's host and port), the
    /// public channel when `publicListener` is given, and the metrics listener when `metrics` is.
    /// `onRunning` hears each listener's bound port ("staff", "public" or "metrics").
    public static func run(_ environment: WebEnvironment, staff: Bool, publicListener: Listener?, metrics: MetricsListener? = nil,
                           logger: Logger,
                           onRunning: @escaping @Sendable (_ listener: String, _ port: Int) async -> Void) async throws {
        var services: [any Service] = []
        if staff {
            services.append(WebApplication.application(environment, logger: logger) { await onRunning("staff", $0) })
        }
        if let publicListener {
            services.append(try PublicApplication.application(environment, host: publicListener.host, port: publicListener.port,
                                                              logger: logger) { await onRunning("public", $0) })
        }
        if let metrics {
            services.append(metrics.application(logger: logger) { await onRunning("metrics", $0) })
        }
        let group = ServiceGroup(configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        try await group.run()
    }
}
