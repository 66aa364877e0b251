import Foundation
import GRDB
import GongkaiCore

/// The office's database, which holds every household, enrolment, payment, service, staff member,
/// data-matching finding and complaint, and the log of every import: one SQLite file (the default),
/// or a PostgreSQL database for a city or a region (`StoreLocation`).
///
/// The store owns the schema and its migrations (as GRDB recommends). Other modules receive a
/// `StoreDatabase` and read and change it through its domain methods; only `Store` writes SQL.
///
/// PostgreSQL is being brought in one domain at a time (issue "PostgreSQL and nodes"): the account,
/// audit and complaint desk tables run on it through `SQLSession`; the rest is still written against
/// GRDB and refuses on a PostgreSQL store with `StoreError.notYetOnPostgres`.
public final class StoreDatabase: Sendable {
    enum Backend: Sendable {
        case sqlite(any DatabaseWriter)
        case postgres(PostgresConnections)
    }

    let backend: Backend
    /// The SQLite file's path; nil for an in-memory or a PostgreSQL store.
    public let path: String?
    /// Opened with `.readOnly`: every connection is `SQLITE_OPEN_READONLY` and `write` refuses.
    public let isReadOnly: Bool

    /// How a command opens the store. Only `import` and `demo` create a database: any other command
    /// given a path that does not exist (a typing slip in --db) says so instead of reporting on a new,
    /// empty file.
    public enum Access: Sendable {
        /// Creates the file (mode 0600) and its folder when missing, and migrates.
        case create
        /// The file must exist; migrated when an older gongkai made it. For commands that write.
        case readWrite
        /// The file must exist and is only read: no migration, no journal-mode change, nothing
        /// written. Works on a read-only file, folder or disk.
        case readOnly
    }

    /// Opens the database at `path` in WAL mode with foreign keys on.
    ///
    /// A new file is created with mode 0600 before SQLite touches it: it holds ID numbers and phones,
    /// and must not be readable by other accounts on a shared office PC.
    public init(path: String, access: Access = .create) throws {
        switch access {
        case .create:
            try Self.createIfMissing(path)
        case .readWrite, .readOnly:
            guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missing(path) }
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        // Several desk PCs may write at once: wait for the lock instead of failing.
        config.busyMode = .timeout(30)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            // The writer gets 128 MB of page cache (the default is 2 MB): an import is one transaction,
            // and with a small cache SQLite spills its pages to the WAL and reads them back, a fifth of
            // its time. Readers keep the default: they scan, and a large cache only costs memory.
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA cache_size = -131072")
            }
        }
        do {
            if access == .readOnly {
                backend = .sqlite(try Self.openReadOnly(path: path, configuration: config))
            } else {
                let pool = try Self.openPool(path: path, configuration: config)
                try Self.migrate(pool)
                backend = .sqlite(pool)
            }
        } catch let error as DatabaseError {
            // SQLite says "cannot open" when it may read the file but not write it or its folder.
            let folder = (path as NSString).deletingLastPathComponent
            if error.resultCode == .SQLITE_CANTOPEN, access != .readOnly,
               !isWritable(path) || !isWritable(folder.isEmpty ? "." : folder) {
                throw StoreError.readOnly(path)
            }
            throw StoreError(error, path: path) ?? StoreError.cannotOpen(path, reason: error.message ?? "\(error)")
        }
        self.path = path
        isReadOnly = access == .readOnly
    }

    /// An in-memory database, for tests.
    public init(inMemory: Void = ()) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: config)
        backend = .sqlite(queue)
        self.path = nil
        isReadOnly = false
        try Self.migrator.migrate(queue)
    }

    /// Opens the PostgreSQL database at `address`, which its administrator has created. A store
    /// opened to write brings its schema up to date (several nodes may start at once: the migrations
    /// take a lock); one opened `.readOnly` changes nothing and refuses a schema that is behind, as
    /// a read-only SQLite file does. A schema a newer gongkai has migrated is refused either way.
    public init(postgres address: PostgresAddress, access: Access = .readWrite) throws {
        let connections = PostgresConnections(address: address)
        if access == .readOnly {
            try PostgresSchema.requireCurrent(connections)
        } else {
            try PostgresSchema.migrate(connections)
        }
        backend = .postgres(connections)
        path = nil
        isReadOnly = access == .readOnly
    }

    /// The SQLite connections. A PostgreSQL store has none: what is not yet ported to it refuses.
    var writer: any DatabaseWriter {
        get throws {
            switch backend {
            case .sqlite(let writer): return writer
            case .postgres(let connections): throw StoreError.notYetOnPostgres(connections.address)
            }
        }
    }

    func read<T>(_ block: (Database) throws -> T) throws -> T { try writer.read(block) }

    /// One transaction. A disk that is full or read-only is said as such, with the file's path.
    func write<T>(_ block: (Database) throws -> T) throws -> T {
        guard !isReadOnly else { throw StoreError.openedReadOnly(path ?? "（内存数据库）") }
        do { return try writer.write(block) } catch let error as DatabaseError {
            throw StoreError(error, path: path ?? "（内存数据库）") ?? error
        }
    }

    /// Whether the store holds any payment for `month`: a month without payments is not published.
    public func hasPayments(in month: YearMonth) throws -> Bool {
        try read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM payment WHERE month_index = ?)",
                              arguments: [month.index]) ?? false
        }
    }
}

/// Whether this process may write `path` (permissions and read-only mounts both count).
private func isWritable(_ path: String) -> Bool { access(path, W_OK) == 0 }

/// Why the database cannot be used, in one sentence with its path and what to do.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    case missing(String)
    case readOnly(String)
    case full(String)
    case notADatabase(String)
    case empty(String)
    case outdated(String)
    case unfinishedWrites(String)
    case openedReadOnly(String)
    case cannotOpen(String, reason: String)
    case postgres(PostgresAddress, PostgresFailure)
    case notYetOnPostgres(PostgresAddress)
    case newerSchema(String, unknown: [String])
    case postgresNotSetUp(PostgresAddress)

    /// The sentence for an SQLite error that is about the file at `path` (read-only, full, not a
    /// database, cannot be opened, a disk error); nil for errors about the statement.
    init?(_ error: DatabaseError, path: String) {
        switch error.resultCode {
        case .SQLITE_READONLY: self = .readOnly(path)
        case .SQLITE_FULL: self = .full(path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: self = .notADatabase(path)
        case .SQLITE_CANTOPEN:
            self = .cannotOpen(path, reason: "SQLite 无法打开它，或无法在旁边创建所需的文件（\(path)-wal、\(path)-shm）：请检查该文件及其文件夹的权限，以及磁盘是否可写")
        case .SQLITE_IOERR:
            self = .cannotOpen(path, reason: "磁盘报告读写错误：请先检查磁盘，再信任其上的任何数据")
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .missing(let p):
            "没有数据库 \(p)：请先导入数据（gongkai import 或 gongkai demo），或用 --db（或环境变量 GONGKAI_DB）指定已有的数据库"
        case .readOnly(let p):
            "无法写入数据库 \(p)：它是只读的（文件或其文件夹的权限，或只读磁盘）；status、indicators、verify 和 complaint list/show/stats/lookup 仍可使用，本命令需要可写"
        case .full(let p):
            "无法写入数据库 \(p)：磁盘已满；没有任何改动：请腾出空间后重新运行命令"
        case .notADatabase(let p):
            "\(p) 不是 gongkai 数据库（不是 SQLite 文件，或已损坏）：请检查 --db"
        case .empty(let p):
            "\(p) 中没有 gongkai 数据（空文件？）：请检查 --db，或运行 gongkai import 或 gongkai demo 填入数据"
        case .outdated(let p):
            "数据库 \(p) 由较早版本的 gongkai 创建，须先升级，而只读的命令不做升级：请先运行一次会写入的命令（如 gongkai import），再重试"
        case .unfinishedWrites(let p):
            "无法读取数据库 \(p)：它的文件夹是只读的，且有尚未合并的写入（\(p)-wal）；请在文件夹可写的地方用会写入的命令打开一次"
        case .openedReadOnly(let p):
            "数据库 \(p) 以只读方式打开，本命令无法写入（这是 gongkai 的缺陷）"
        case .cannotOpen(let p, let reason):
            "无法打开数据库 \(p)：\(reason)"
        case .postgres(let address, let failure):
            switch failure.kind {
            case .unreachable:
                "无法连接 \(address)：\(failure.message)；请检查服务器是否在运行、主机和端口（或套接字文件夹）是否正确"
            case .tls:
                "无法与 \(address) 建立加密连接（\(failure.message)）：服务器的证书未通过核验时，请在网址中用 sslrootcert=证书文件 指明签发它的 CA（verify-full 还核对主机名须与证书一致）；服务器不支持 TLS 时请向数据库管理员确认"
            case .authentication:
                "\(address) 拒绝登录：用户名或密码不对，或服务器的 pg_hba.conf 不允许此用户从此处登录；密码可写在网址中，或放在环境变量 PGPASSWORD 中"
            case .noDatabase:
                "\(address) 不存在：请先让数据库管理员创建它（createdb --lc-collate=C --lc-ctype=C.UTF-8 -T template0 数据库名）"
            case .server(let state):
                "\(address) 报告错误（SQLSTATE \(state)）：\(failure.message)"
            }
        case .newerSchema(let p, let unknown):
            "数据库 \(p) 已由更新版本的 gongkai 升级（本版本不认识的迁移：\(unknown.joined(separator: "、"))）：请把本机的 gongkai 升级到同一版本后再用"
        case .postgresNotSetUp(let address):
            "\(address) 里还没有 gongkai 的数据表：只读的命令不建表；请先运行一次会写入的命令（gongkai import、gongkai demo 或 gongkai user add），它会建立数据表"
        case .notYetOnPostgres(let address):
            "\(address)：本操作尚未移植到 PostgreSQL 存储，请暂用 SQLite 数据库文件（--db 路径）"
        }
    }
}
