import Accounts
import ArgumentParser
import Foundation
import GongkaiCore
import Logging
import Web

/// `gongkai serve`: the office's web application over the same store as the CLI. Thin: it reads the
/// flags and settings and hands over to `Web`.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "运行网页应用（登录、角色、审计日志、已发布的月份）。",
        discussion: """
        在 --listen（默认 127.0.0.1:8080）上提供本单位的网页，与其他命令使用同一个数据库（命令行可同时\
        运行）。网页取自 模板文件夹/web，密码和会话策略取自 模板文件夹/security.toml，已发布的月份取自 \
        --output（只读，位于 /publications/ 下）。日志写到标准错误。SIGTERM 或 Ctrl-C 会平稳停止\
        （正在处理的请求会处理完）。

        如需 HTTPS，请在终止 TLS 的反向代理（nginx）之后运行，并加上 --secure-cookies（以及 \
        --trusted-proxy 代理地址，使审计日志和登录限制看到客户端的地址）：见 README 的“网页应用”一节。

        加 --public-listen 地址 时，还在第二个地址上提供群众网上反馈渠道（提交投诉、凭编号和查询密码查看进度、\
        评价答复；不需要账号，没有工作人员页面），与工作人员页面同一进程、同一数据库；加 --public-only 时\
        只提供群众网上反馈渠道（用于放在隔离区的主机）。其限制见 模板文件夹/security.toml 的 [public]。

        示例：
          gongkai serve
          gongkai serve --listen 0.0.0.0:8080 --output /srv/gongkai/output
          gongkai serve --listen 127.0.0.1:8080 --secure-cookies --trusted-proxy 127.0.0.1
          gongkai serve --listen 127.0.0.1:8080 --public-listen 127.0.0.1:8090
          gongkai serve --public-only --public-listen 0.0.0.0:8090 --trusted-proxy 10.0.0.1
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @Option(help: ArgumentHelp("监听的地址和端口（端口 0：任一空闲端口，启动时显示）。", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("已发布月份所在的文件夹，以只读方式在 /publications/ 下提供。", valueName: "文件夹"))
    var output = "output"

    @Option(help: ArgumentHelp("""
        较早版本的 gongkai 存放投诉附件的文件夹（默认：数据库路径加 .attachments）；不得在 --output 或 templates/ 之内。\
        新上传的附件存放在数据库里，每个节点都能提供；这个文件夹只用于读出以前的附件。
        """, valueName: "文件夹"))
    var attachments: String?

    @Flag(help: "把 Cookie 标为 Secure 并要求 https 来源：用于在 TLS 反向代理之后运行。")
    var secureCookies = false

    @Option(name: .customLong("trusted-proxy"),
            help: ArgumentHelp("反向代理的地址（多个可重复给出）：来自它的请求以 X-Forwarded-For 的最后一项为客户端地址。默认没有。", valueName: "地址"))
    var trustedProxies: [String] = []

    @Option(name: .customLong("public-listen"),
            help: ArgumentHelp("同时在这个地址上提供群众网上反馈渠道（提交、查看进度、评价；没有工作人员页面）。", valueName: "host:port"))
    var publicListen: String?

    @Flag(name: .customLong("public-only"), help: "只提供群众网上反馈渠道（须同时给出 --public-listen）：用于放在隔离区的主机。")
    var publicOnly = false

    func validate() throws {
        if publicOnly && publicListen == nil {
            throw ValidationError("--public-only 须同时给出 --public-listen 主机:端口（群众网上反馈渠道监听的地址），例如 --public-listen 127.0.0.1:8090")
        }
    }

    @OptionGroup(title: "运维") var operations: ServeOperationsOptions

    func run() async throws {
        let (host, port) = try Self.parseListen(listen)
        let publicListener = try publicListen.map { text in
            let (publicHost, publicPort) = try Self.parseListen(text, option: "--public-listen")
            return WebServers.Listener(host: publicHost, port: publicPort)
        }
        let store = try global.openStore(.readWrite)
        let policy = try SecurityPolicy.load(templates: global.templatesPath)
        let townships = try Townships.load(templates: global.templatesPath)
        let clock = global.clock
        // Attachments are never published or served as files: refuse a folder inside either.
        // Attachments are in the database; the folder holds only files an earlier gongkai stored
        // there (an SQLite store's `<db>.attachments`; a PostgreSQL store has none unless given).
        let attachmentsDirectory = attachments ?? global.databaseFile.map { $0 + ".attachments" }
        if let attachmentsDirectory {
            try OfficeKeyFile.refuseInside([output, global.templatesPath], path: (attachmentsDirectory as NSString).appendingPathComponent("file"),
                                           action: "存放附件于", remedy: "请用 --attachments 指定发布输出和 templates/ 之外的文件夹")
        }
        let environment: WebEnvironment
        do {
            environment = try WebEnvironment(
                configuration: WebConfiguration(host: host, port: port, templatesDirectory: global.templatesPath,
                                                outputDirectory: output, secureCookies: secureCookies, trustedProxies: trustedProxies,
                                                attachmentsDirectory: attachmentsDirectory),
                store: store, accounts: AccountStore(store: store, policy: policy, townships: townships, clock: clock), clock: clock,
                // The caller-identity key, made on first serve when the store has sealed no caller yet.
                identity: try identity.cipher(for: store, global: global, creating: true, forbidden: [output]))
        } catch let error as WebSetupError {
            throw CommandFailure(error.description)
        }
        operations.bootstrapLogging()
        let logger = Logger(label: "gongkai.serve")
        let shownHost = host.contains(":") ? "[\(host)]" : host
        let shownPublicHost = publicListener.map { $0.host.contains(":") ? "[\($0.host)]" : $0.host } ?? ""
        let metrics = try operations.metricsListener(environment: environment)
        do {
            try await WebServers.run(environment, staff: !publicOnly, publicListener: publicListener, metrics: metrics,
                                     logger: logger) { listener, boundPort in
                switch listener {
                case "public":
                    operations.announce("gongkai serve：群众网上反馈渠道 http://\(shownPublicHost):\(boundPort)/（这里没有工作人员页面）", logger: logger)
                case "metrics":
                    operations.announce("gongkai serve：指标见 http://\(metrics?.shownHost ?? ""):\(boundPort)/metrics", logger: logger)
                default:
                    operations.announce("gongkai serve：正在监听 http://\(shownHost):\(boundPort)/（数据库 \(global.databaseName)）", logger: logger)
                }
            }
        } catch let error as WebSetupError {
            throw CommandFailure(error.description)
        }
        operations.announce("gongkai serve：已停止", logger: logger)
    }

    /// "host:port", "[v6]:port" or ":port" (all interfaces would need 0.0.0.0, said explicitly).
    static func parseListen(_ text: String, option: String = "--listen") throws -> (String, Int) {
        var hostPart: Substring, portPart: Substring
        if text.hasPrefix("["), let close = text.firstIndex(of: "]") {
            hostPart = text[text.index(after: text.startIndex)..<close]
            portPart = text[text.index(after: close)...].drop { $0 == ":" }
        } else if let colon = text.lastIndex(of: ":") {
            hostPart = text[..<colon]
            portPart = text[text.index(after: colon)...]
        } else {
            throw ValidationError("\(option) 须为 host:port，如 127.0.0.1:8080（而不是 '\(text)'）")
        }
        guard !hostPart.isEmpty, let port = Int(portPart), (0...65535).contains(port) else {
            throw ValidationError("\(option) 须为 host:port，端口在 0 至 65535 之间，如 127.0.0.1:8080（而不是 '\(text)'）")
        }
        return (String(hostPart), port)
    }
}
