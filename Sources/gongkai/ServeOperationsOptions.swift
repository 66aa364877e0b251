import ArgumentParser
import Logging
import Web

/// The options of `serve` an office's operations need: metrics for its monitoring and logs its log
/// shipper reads.
struct ServeOperationsOptions: ParsableArguments {
    @Option(name: .customLong("metrics-listen"),
            help: ArgumentHelp("在此地址另开一个监听，提供 GET /metrics（Prometheus 文本格式：请求数与耗时、各灯色未办结投诉、签收超期、最近发布与导入）。默认不开。", valueName: "host:port"))
    var metricsListen: String?

    enum LogFormat: String, ExpressibleByArgument, CaseIterable { case text, json }

    @Option(name: .customLong("log-format"),
            help: ArgumentHelp("日志格式：text（默认，每行一条文字）或 json（每行一个 JSON 对象：时间、级别、消息、请求号、路由、状态、耗时、账号编号）。"))
    var logFormat: LogFormat = .text

    func validate() throws {
        if let metricsListen { _ = try ServeCommand.parseListen(metricsListen, option: "--metrics-listen") }
    }

    /// Routes every log line of the process to standard error in the chosen format.
    func bootstrapLogging() {
        LoggingSystem.bootstrap { label in
            switch logFormat {
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = .info
                return handler
            case .json:
                return JSONLogHandler(label: label)
            }
        }
    }

    /// A line about the server itself (where it listens, that it stopped): on standard error as it
    /// is, or through the logger as a JSON line, so a JSON log holds nothing but JSON.
    func announce(_ text: String, logger: Logger) {
        switch logFormat {
        case .text: printError(text)
        case .json: logger.notice("\(text)")
        }
    }

    /// The metrics listener `--metrics-listen` asks for, or nil. Made once per process: it routes
    /// every swift-metrics metric to its registry.
    func metricsListener(environment: WebEnvironment) throws -> MetricsListener? {
        guard let metricsListen else { return nil }
        let (host, port) = try ServeCommand.parseListen(metricsListen, option: "--metrics-listen")
        return MetricsListener(environment: environment, host: host, port: port)
    }
}
