import Foundation

/// Where the store is: an SQLite file (a path, the default) or a PostgreSQL database (a URL), as
/// `--db` and `$GONGKAI_DB` give it.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresAddress)

    /// `postgresql://USER[:PASSWORD]@HOST[:PORT]/DB`, `postgresql://USER@/DB?host=/socket/dir` (also
    /// `postgres://`) is a PostgreSQL database; anything else is the path of an SQLite file. The
    /// password may also come from `$PGPASSWORD` (`environment`), which a URL's own password overrides.
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

    public let endpoint: Endpoint
    public let user: String
    public let password: String?
    public let database: String

    public init(endpoint: Endpoint, user: String, password: String?, database: String) {
        self.endpoint = endpoint; self.user = user; self.password = password; self.database = database
    }

    init(url text: String, environment: [String: String]) throws(StoreLocationError) {
        guard text.utf8.count <= 2048, let url = URLComponents(string: text) else { throw .malformed(Self.redacted(text)) }
        let shown = Self.redacted(text)
        guard let user = url.user?.removingPercentEncoding, !user.isEmpty else { throw .missingUser(shown) }
        let name = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        guard let database = name.removingPercentEncoding, !database.isEmpty, !database.contains("/") else {
            throw .missingDatabase(shown)
        }
        var socketDirectory: String?
        for item in url.queryItems ?? [] {
            switch item.name {
            case "host":
                guard let dir = item.value, dir.hasPrefix("/") else { throw .unsupportedOption(shown, "host（须为套接字所在文件夹的绝对路径）") }
                socketDirectory = dir
            case "sslmode" where item.value == "disable":
                break
            default:
                throw .unsupportedOption(shown, item.name)
            }
        }
        let port = url.port ?? 5432
        guard (1...65535).contains(port) else { throw .malformed(shown) }
        if let socketDirectory {
            guard (url.host ?? "").isEmpty else { throw .unsupportedOption(shown, "host（网址中已有主机名）") }
            endpoint = .socket(directory: socketDirectory, port: port)
        } else {
            guard let host = url.host, !host.isEmpty else { throw .missingHost(shown) }
            endpoint = .tcp(host: host, port: port)
        }
        self.user = user
        self.database = database
        password = url.password?.removingPercentEncoding ?? environment["PGPASSWORD"]
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
