import Foundation

/// Where the store is: an SQLite file (a path, the default) or a PostgreSQL database (a URL), as
/// `--db` and `$GONGKAI_DB` give it.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB`, `postgresql://USER@/DB?host=/socket/dir` (also
    /// `postgres://`, in any case) is a PostgreSQL database; anything else is the path of an SQLite
    /// file. The password may also come from `$PGPASSWORD` (`environment`), which a URL's own
    /// password overrides.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(StoreLocationError) {
        let lower = text.lowercased()
        guard lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://") else {
            self = .sqlite(path: text)
            return
        }
        self = .postgres(try PostgresAddress(url: text, environment: environment))
    }
}

/// A PostgreSQL database and how to reach it. `description` never shows the password.
public struct PostgresAddress: Sendable, Equatable, CustomStringConvertible {
    public enum Endpoint: Sendable, Equatable {
        case tcp(host: String, port: Int)
        /// The folder that holds the server's socket (`.s.PGSQL.PORT`), as libpq's `host=/dir`.
        case socket(directory: String, port: Int)
    }

    /// libpq's `sslmode` over TCP (a socket never uses TLS). `prefer`, libpq's default, encrypts when
    /// the server offers it; `require` always encrypts; `verifyCA` also checks the server's
    /// certificate against the trusted roots (`rootCertificate`, else the system's), and
    /// `verifyFull` its host name too — what a database across a network should use.
    public enum TLSMode: String, Sendable, Equatable, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    public let endpoint: Endpoint
    public let user: String
    public let password: String?
    public let database: String
    public let tls: TLSMode
    /// `sslrootcert`: a PEM file of the certificates that may sign the server's.
    public let rootCertificate: String?

    public init(endpoint: Endpoint, user: String, password: String?, database: String,
                tls: TLSMode = .prefer, rootCertificate: String? = nil) {
        self.endpoint = endpoint; self.user = user; self.password = password; self.database = database
        self.tls = tls; self.rootCertificate = rootCertificate
    }

    /// Reads a URL as libpq does for the parts gongkai uses: user, password, host, port and database
    /// in the URL or as the parameters `host` (a host name, or the absolute path of the socket's
    /// folder), `port`, `user`, `dbname`, `sslmode` and `sslrootcert`, which win over the URL's own.
    /// The user defaults to `$PGUSER`, then the login name; the password to `$PGPASSWORD`.
    init(url text: String, environment: [String: String]) throws(StoreLocationError) {
        guard text.utf8.count <= 2048, let url = URLComponents(string: text) else { throw .malformed(Self.redacted(text)) }
        let shown = Self.redacted(text)
        var host = url.host.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
        var port = url.port
        var user = url.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding }
        let path = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        var database = path.removingPercentEncoding
        var tls = TLSMode.prefer
        var rootCertificate: String?
        for item in url.queryItems ?? [] {
            guard let value = item.value, !value.isEmpty else { throw .unsupportedOption(shown, item.name) }
            switch item.name {
            case "host": host = value
            case "port":
                guard let number = Int(value), (1...65535).contains(number) else { throw .malformed(shown) }
                port = number
            case "user": user = value
            case "dbname": database = value
            case "sslmode":
                guard let mode = value == "allow" ? .prefer : TLSMode(rawValue: value) else {
                    throw .unsupportedOption(shown, "sslmode=\(value)（可用 disable、prefer、require、verify-ca、verify-full）")
                }
                tls = mode
            case "sslrootcert":
                guard value.hasPrefix("/") else { throw .unsupportedOption(shown, "sslrootcert（须为证书文件的绝对路径）") }
                rootCertificate = value
            default:
                throw .unsupportedOption(shown, item.name)
            }
        }
        guard let database, !database.isEmpty, !database.contains("/") else { throw .missingDatabase(shown) }
        guard let host else { throw .missingHost(shown) }
        let resolvedPort = port ?? 5432
        guard (1...65535).contains(resolvedPort) else { throw .malformed(shown) }
        endpoint = host.hasPrefix("/") ? .socket(directory: host, port: resolvedPort) : .tcp(host: host, port: resolvedPort)
        guard let login = user ?? environment["PGUSER"] ?? Self.loginName(), !login.isEmpty else { throw .missingUser(shown) }
        self.user = login
        self.database = database
        self.tls = tls
        self.rootCertificate = rootCertificate
        password = url.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
    }

    /// The operating system's name for the running user, libpq's default database user.
    private static func loginName() -> String? {
        guard let entry = getpwuid(geteuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// "数据库 gongkai（主机 db.example:5432）": what an error names, never the password.
    public var description: String {
        switch endpoint {
        case .tcp(let host, let port): "PostgreSQL 数据库 \(database)（主机 \(host):\(port)，用户 \(user)）"
        case .socket(let dir, let port): "PostgreSQL 数据库 \(database)（套接字 \(dir)/.s.PGSQL.\(port)，用户 \(user)）"
        }
    }

    /// The URL with any password replaced by `***`, for an error about the URL itself.
    static func redacted(_ text: String) -> String {
        guard let at = text.firstIndex(of: "@"), let scheme = text.range(of: "://"), scheme.upperBound < at else { return text }
        let credentials = text[scheme.upperBound..<at]
        guard let colon = credentials.firstIndex(of: ":") else { return text }
        return String(text[..<colon]) + ":***" + String(text[at...])
    }
}

/// Why a `--db` URL cannot be used, in one sentence that never holds the password.
public enum StoreLocationError: Error, Sendable, Equatable, CustomStringConvertible {
    case malformed(String)
    case missingUser(String)
    case missingHost(String)
    case missingDatabase(String)
    case unsupportedOption(String, String)

    public var description: String {
        let form = "格式为 postgresql://用户[:密码]@主机[:端口]/数据库 或 postgresql://用户@/数据库?host=/套接字文件夹"
        return switch self {
        case .malformed(let url): "--db 的网址 \(url) 无法识别：\(form)"
        case .missingUser(let url): "--db 的网址 \(url) 没有用户名：\(form)"
        case .missingHost(let url): "--db 的网址 \(url) 没有主机名：\(form)"
        case .missingDatabase(let url): "--db 的网址 \(url) 没有数据库名：\(form)"
        case .unsupportedOption(let url, let option): "--db 的网址 \(url) 含有不支持的选项 \(option)：\(form)"
        }
    }
}
