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
        abstract: "Run the web application (login, roles, audit log, published months).",
        discussion: """
        Serves the office's web pages on --listen (default 127.0.0.1:8080) over the same database as \
        the other commands (the CLI may run at the same time). Pages come from TEMPLATES/web, the \
        password and session policy from TEMPLATES/security.toml, the published months from --output \
        (read-only, under /publications/). Logs go to standard error. SIGTERM or Ctrl-C stops it \
        gracefully (requests in flight finish).

        With --public-listen ADDR it also serves the public channel (群众网上反馈渠道: submit a complaint, \
        follow it by number and PIN, rate the answer; no account, no staff page) on a second address, \
        in the same process over the same database; with --public-only it serves the public channel \
        alone (for a host in the DMZ). Its limits are in TEMPLATES/security.toml [public].

        For HTTPS, run it behind a reverse proxy (nginx) that terminates TLS, and give \
        --secure-cookies (and --trusted-proxy with the proxy's address, so the audit log and the login limits see the client's address): see the \
        README, "The web application".

        Examples:
          gongkai serve
          gongkai serve --listen 0.0.0.0:8080 --output /srv/gongkai/output
          gongkai serve --listen 127.0.0.1:8080 --secure-cookies --trusted-proxy 127.0.0.1
          gongkai serve --listen 127.0.0.1:8080 --public-listen 127.0.0.1:8090
          gongkai serve --public-only --public-listen 0.0.0.0:8090 --trusted-proxy 10.0.0.1
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @Option(help: ArgumentHelp("Address and port to listen on (port 0: any free port, printed at start).", valueName: "host:port"))
    var listen = "127.0.0.1:8080"

    @Option(help: ArgumentHelp("The folder of published months, served read-only under /publications/.", valueName: "dir"))
    var output = "output"

    @Option(help: ArgumentHelp("The folder of complaints' attached files (default: the database's path + .attachments); never inside --output or templates/.", valueName: "dir"))
    var attachments: String?

    @Flag(help: "Mark cookies Secure and expect https origins: for running behind a TLS reverse proxy.")
    var secureCookies = false

    @Option(name: .customLong("trusted-proxy"),
            help: ArgumentHelp("A reverse proxy's address (repeat for several): for its requests the client is the last X-Forwarded-For entry. None by default.", valueName: "address"))
    var trustedProxies: [String] = []

    @Option(name: .customLong("public-listen"),
            help: ArgumentHelp("Also serve the public channel (submit, progress, rate; no staff route) on this address.", valueName: "host:port"))
    var publicListen: String?

    @Flag(name: .customLong("public-only"), help: "Serve the public channel only (needs --public-listen): for a host in the DMZ.")
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
        let attachmentsDirectory = attachments ?? global.databasePath + ".attachments"
        try OfficeKeyFile.refuseInside([output, global.templatesPath], path: (attachmentsDirectory as NSString).appendingPathComponent("file"),
                                       action: "keep attachments in", remedy: "give --attachments a folder outside the published output and templates/")
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
                    operations.announce("gongkai serve: public channel on http://\(shownPublicHost):\(boundPort)/ (no staff page there)", logger: logger)
                case "metrics":
                    operations.announce("gongkai serve: 指标见 http://\(metrics?.shownHost ?? ""):\(boundPort)/metrics", logger: logger)
                default:
                    operations.announce("gongkai serve: listening on http://\(shownHost):\(boundPort)/ (database \(global.databasePath))", logger: logger)
                }
            }
        } catch let error as WebSetupError {
            throw CommandFailure(error.description)
        }
        operations.announce("gongkai serve: stopped", logger: logger)
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
            throw ValidationError("\(option) must be host:port, e.g. 127.0.0.1:8080 (not '\(text)')")
        }
        guard !hostPart.isEmpty, let port = Int(portPart), (0...65535).contains(port) else {
            throw ValidationError("\(option) must be host:port with a port from 0 to 65535, e.g. 127.0.0.1:8080 (not '\(text)')")
        }
        return (String(hostPart), port)
    }
}
