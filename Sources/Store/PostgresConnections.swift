import Foundation
import Logging
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO

/// Connections to one PostgreSQL database, lent one per transaction.
///
/// The store's API is synchronous (its callers are commands and the web server's blocking pool), so
/// a transaction waits for each statement's future on the calling thread. That thread must never be
/// one of the event loop's: the loops live in `MultiThreadedEventLoopGroup.singleton`, which neither
/// the command line nor the server's request handlers run on.
final class PostgresConnections: Sendable {
    let address: PostgresAddress
    private let idle = NIOLockedValueBox<[PostgresConnection]>([])
    private let logger = Logger(label: "gongkai.postgres")
    /// Connections kept open for reuse; more may be open at once while many transactions run.
    private let keep = 8

    init(address: PostgresAddress) { self.address = address }

    deinit {
        for connection in idle.withLockedValue({ $0 }) { Self.close(connection) }
    }

    /// Closes without waiting; the connection lives until it is closed (PostgresNIO requires it).
    private static func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { _ in withExtendedLifetime(connection) {} }
    }

    /// Runs `body` while this process holds PostgreSQL's session advisory lock `key` on a connection
    /// of its own, so that one node at a time does a job; nil, without running `body`, when another
    /// holds it. The lock ends with the connection if the process dies.
    func whileHolding<T>(lock key: Int64, _ body: () throws -> T) throws -> T? {
        let connection = try checkOut()
        let session = PostgresSession(connection: connection, logger: logger, address: address)
        let taken: Int64?
        do {
            taken = try session.value("SELECT CASE WHEN pg_try_advisory_lock(?) THEN 1 ELSE 0 END", key)
        } catch {
            Self.close(connection)
            throw error
        }
        guard taken == 1 else { checkIn(connection); return nil }
        defer {
            if (try? session.execute("SELECT pg_advisory_unlock(?)", key)) != nil { checkIn(connection) } else { Self.close(connection) }
        }
        return try body()
    }

    /// Runs `body` in one transaction: committed when it returns, rolled back when it throws.
    func transaction<T>(readOnly: Bool, _ body: (PostgresSession) throws -> T) throws -> T {
        let connection = try checkOut()
        let session = PostgresSession(connection: connection, logger: logger, address: address)
        do {
            try session.execute(readOnly ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN", [])
            let result = try body(session)
            try session.execute("COMMIT", [])
            checkIn(connection)
            return result
        } catch {
            if (try? session.execute("ROLLBACK", [])) != nil { checkIn(connection) } else { Self.close(connection) }
            throw error
        }
    }

    private func checkOut() throws -> PostgresConnection {
        while let connection = idle.withLockedValue({ $0.popLast() }) {
            if !connection.isClosed { return connection }
        }
        return try connect()
    }

    private func checkIn(_ connection: PostgresConnection) {
        let surplus = idle.withLockedValue { idle -> Bool in
            guard idle.count < keep, !connection.isClosed else { return true }
            idle.append(connection)
            return false
        }
        if surplus { Self.close(connection) }
    }

    /// The TLS a TCP connection asks for, as the address's `sslmode` says (libpq's meanings).
    private func tls() throws -> PostgresConnection.Configuration.TLS {
        var configuration = TLSConfiguration.makeClientConfiguration()
        switch address.tls {
        case .disable: return .disable
        case .prefer, .require: configuration.certificateVerification = .none
        case .verifyCA: configuration.certificateVerification = .noHostnameVerification
        case .verifyFull: configuration.certificateVerification = .fullVerification
        }
        if let file = address.rootCertificate {
            configuration.trustRoots = .file(file)
        }
        do {
            let context = try NIOSSLContext(configuration: configuration)
            return address.tls == .prefer ? .prefer(context) : .require(context)
        } catch {
            throw StoreError.postgres(address, PostgresFailure(kind: .unreachable, message: "无法建立 TLS 设置（sslrootcert 证书文件无法读取或无效）"))
        }
    }

    private func connect() throws -> PostgresConnection {
        var configuration: PostgresConnection.Configuration
        switch address.endpoint {
        case .tcp(let host, let port):
            configuration = .init(host: host, port: port, username: address.user, password: address.password,
                                  database: address.database, tls: try tls())
        case .socket(let directory, let port):
            configuration = .init(unixSocketPath: "\(directory)/.s.PGSQL.\(port)", username: address.user,
                                  password: address.password, database: address.database)
        }
        configuration.options.connectTimeout = .seconds(10)
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.any(),
                                                        configuration: configuration, id: 0, logger: logger).wait()
        } catch {
            throw StoreError.postgres(address, PostgresFailure(error))
        }
        do {
            // Every session prints times alike and keeps notices out of the log, whatever the server's defaults.
            let session = PostgresSession(connection: connection, logger: logger, address: address)
            try session.execute("SET TIME ZONE 'UTC'", [])
            try session.execute("SET client_min_messages = warning", [])
        } catch {
            Self.close(connection)
            throw error
        }
        return connection
    }
}

/// A transaction on one PostgreSQL connection. `?` placeholders become `$1`, `$2`, … outside quoted
/// text, so statements are written once for both databases.
struct PostgresSession: SQLSession {
    let connection: PostgresConnection
    let logger: Logger
    let address: PostgresAddress
    var dialect: SQLDialect { .postgres }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        let result = try run(sql, arguments)
        return result.metadata.rows ?? 0
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let result = try run(sql, arguments)
        guard let first = result.rows.first else { return [] }
        let columns = first.map(\.columnName)
        return try result.rows.map { row in SQLRow(columns: columns, values: try row.map(Self.value)) }
    }

    /// Runs several statements without arguments (a migration), one by one, in the current
    /// transaction: the extended protocol PostgresNIO speaks takes one statement at a time.
    func script(_ sql: String) throws {
        for statement in Self.statements(sql) { try execute(statement, []) }
    }

    /// The statements of a script: split at each `;` outside quotes, `$$` bodies and comments.
    static func statements(_ sql: String) -> [String] {
        var statements: [String] = [], current = ""
        var quote: Character?, dollarBody = false, comment = false
        var previous: Character = " "
        for c in sql {
            current.append(c)
            if comment {
                if c == "\n" { comment = false }
            } else if dollarBody {
                if c == "$" && previous == "$" { dollarBody = false; previous = " "; continue }
            } else if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "-" && previous == "-" {
                comment = true
            } else if c == "$" && previous == "$" {
                dollarBody = true; previous = " "; continue
            } else if c == ";" {
                current.removeLast()
                let statement = current.trimmingCharacters(in: .whitespacesAndNewlines)
                if !statement.isEmpty { statements.append(statement) }
                current = ""
            }
            previous = c
        }
        let last = current.trimmingCharacters(in: .whitespacesAndNewlines)
        if !last.isEmpty { statements.append(last) }
        return statements
    }

    private func run(_ sql: String, _ arguments: [SQLValue]) throws -> PostgresQueryResult {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch argument {
            case .null: bindings.appendNull()
            case .integer(let n): bindings.append(n)
            case .real(let d): bindings.append(d)
            case .text(let s): bindings.append(s)
            case .blob(let d): bindings.append(ByteBuffer(bytes: d))
            }
        }
        let query = PostgresQuery(unsafeSQL: Self.numbered(sql), binds: bindings)
        do {
            return try connection.query(query, logger: logger).wait()
        } catch {
            throw StoreError.postgres(address, PostgresFailure(error))
        }
    }

    /// A cell as the store's value: PostgreSQL's integer types read as `.integer`, booleans as 0 or 1.
    private static func value(_ cell: PostgresCell) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .int2, .int4, .int8: return .integer(try cell.decode(Int64.self))
        case .bool: return .integer(try cell.decode(Bool.self) ? 1 : 0)
        case .float4, .float8: return .real(try cell.decode(Double.self))
        case .bytea: return .blob(Data(try cell.decode(ByteBuffer.self).readableBytesView))
        case .numeric:
            // SUM and AVG of BIGINT are NUMERIC on PostgreSQL: a whole number reads back as the
            // integer SQLite's SUM gives; a fraction as text, which no gongkai statement expects.
            let text = try cell.decode(String.self)
            return Int64(text).map(SQLValue.integer) ?? .text(text)
        default: return .text(try cell.decode(String.self))
        }
    }

    /// `sql` with each `?` outside quotes and comments numbered as `$n`.
    static func numbered(_ sql: String) -> String {
        var out = "", n = 0
        var quote: Character?
        var comment = false
        var previous: Character = " "
        for c in sql {
            if comment {
                if c == "\n" { comment = false }
            } else if let q = quote {
                if c == q { quote = nil }
            } else if c == "'" || c == "\"" {
                quote = c
            } else if c == "-" && previous == "-" {
                comment = true
            } else if c == "?" {
                n += 1
                out += "$\(n)"
                previous = c
                continue
            }
            out.append(c)
            previous = c
        }
        return out
    }
}

/// What went wrong talking to PostgreSQL, in a form `StoreError` can say: the server's SQLSTATE and
/// message when it answered, else why no answer came. Never the password (the server never sends it).
public struct PostgresFailure: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case unreachable
        /// The TLS handshake failed: most often the server's certificate did not verify.
        case tls
        case authentication
        case noDatabase
        case server(sqlState: String)
    }

    public let kind: Kind
    public let message: String

    init(kind: Kind, message: String) { self.kind = kind; self.message = message }

    init(_ error: any Error) {
        guard let psql = error as? PSQLError else {
            kind = error is NIOSSLError ? .tls : .unreachable; message = String(describing: error); return
        }
        if let underlying = psql.underlying, underlying is NIOSSLError || underlying is BoringSSLError {
            kind = .tls; message = String(describing: underlying); return
        }
        let state = psql.serverInfo?[.sqlState] ?? ""
        message = psql.serverInfo?[.message] ?? psql.underlying.map { String(describing: $0) } ?? "\(psql.code)"
        kind = switch state {
        case "": .unreachable
        case "28P01", "28000": .authentication
        case "3D000": .noDatabase
        default: .server(sqlState: state)
        }
    }

    public var description: String { message }
}
