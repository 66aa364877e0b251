/// How `gongkai serve` runs: where it listens, where its templates and published months are, and how
/// it sits on the network.
public struct WebConfiguration: Sendable {
    public var host: String
    public var port: Int
    /// The templates folder (the CLI's --templates): pages from web/, security.toml beside them.
    public var templatesDirectory: String
    /// The published months (the CLI's --output), served read-only under /publications/.
    public var outputDirectory: String
    /// Behind a TLS reverse proxy: cookies get `Secure`, and the expected Origin is https.
    public var secureCookies: Bool
    /// The reverse proxies (their addresses, as the server sees them) whose X-Forwarded-For is
    /// believed: a request from one of them is recorded, counted and throttled under the last
    /// X-Forwarded-For entry (the one the proxy added). None by default: a client could write any
    /// address into that header, and so slip the per-address login limits.
    public var trustedProxies: [String]
    /// The folder where versions before issue 26 kept complaints' attached files (the CLI's
    /// --attachments, by default `<database>.attachments` beside the database): files not in the
    /// database are read from it; nil: none. Uploads go to the database, never here. Never served as
    /// a folder: files leave it only through the download route, after the access check.
    public var attachmentsDirectory: String?

    public init(host: String = "127.0.0.1", port: Int = 8080, templatesDirectory: String = "templates",
                outputDirectory: String = "output", secureCookies: Bool = false, trustedProxies: [String] = [],
                attachmentsDirectory: String? = nil) {
        self.attachmentsDirectory = attachmentsDirectory
        self.host = host
        self.port = port
        self.templatesDirectory = templatesDirectory
        self.outputDirectory = outputDirectory
        self.secureCookies = secureCookies
        self.trustedProxies = trustedProxies
    }

    /// The session cookie's name.
    static let sessionCookieName = "gongkai_session"
}
