import Foundation
import GRDB
import GongkaiCore

/// The office's database: one SQLite file that holds every household, enrolment, payment, service,
/// staff member, data-matching finding and complaint, and the log of every import.
///
/// The store owns the file and its migrations (as GRDB recommends). Other modules receive a
/// `StoreDatabase` and read through its queries; only `Store` writes SQL against the tables.
public final class StoreDatabase: Sendable {
    public let writer: any DatabaseWriter
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
                writer = try Self.openReadOnly(path: path, configuration: config)
            } else {
                let pool = try Self.openPool(path: path, configuration: config)
                try Self.migrate(pool)
                writer = pool
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
        self.writer = queue
        self.path = nil
        isReadOnly = false
        try Self.migrator.migrate(queue)
    }

    public func read<T>(_ block: (Database) throws -> T) throws -> T { try writer.read(block) }

    /// One transaction. A disk that is full or read-only is said as such, with the file's path.
    public func write<T>(_ block: (Database) throws -> T) throws -> T {
        guard !isReadOnly else { throw StoreError.openedReadOnly(path ?? "in memory") }
        do { return try writer.write(block) } catch let error as DatabaseError {
            throw StoreError(error, path: path ?? "in memory") ?? error
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

    /// The sentence for an SQLite error that is about the file at `path` (read-only, full, not a
    /// database, cannot be opened, a disk error); nil for errors about the statement.
    init?(_ error: DatabaseError, path: String) {
        switch error.resultCode {
        case .SQLITE_READONLY: self = .readOnly(path)
        case .SQLITE_FULL: self = .full(path)
        case .SQLITE_NOTADB, .SQLITE_CORRUPT: self = .notADatabase(path)
        case .SQLITE_CANTOPEN:
            self = .cannotOpen(path, reason: "SQLite cannot open it or create the files it needs beside it (\(path)-wal, \(path)-shm): check the permissions of the file and its folder, and that the disk is writable")
        case .SQLITE_IOERR:
            self = .cannotOpen(path, reason: "the disk reported a read or write error: check the disk before trusting anything on it")
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .missing(let p):
            "no database at \(p): import data first (run gongkai import or gongkai demo first), or give --db (else $GONGKAI_DB) the path of an existing one"
        case .readOnly(let p):
            "cannot write the database \(p): it is read-only (the permissions of the file or its folder, or a read-only disk); status, indicators, verify and complaint list/show/stats/lookup still work, this command needs it writable"
        case .full(let p):
            "cannot write the database \(p): the disk is full; nothing was changed: free some space and run the command again"
        case .notADatabase(let p):
            "\(p) is not a gongkai database (not an SQLite file, or damaged): check --db"
        case .empty(let p):
            "\(p) holds no gongkai data (an empty file?): check --db, or run gongkai import or gongkai demo to fill it"
        case .outdated(let p):
            "the database \(p) was made by an older gongkai and must be updated, which a command that only reads does not do: run a command that writes (such as gongkai import) once, then try again"
        case .unfinishedWrites(let p):
            "cannot read the database \(p): its folder is read-only and it holds writes not yet merged into it (\(p)-wal); open it once with a command that writes, where the folder is writable"
        case .openedReadOnly(let p):
            "the database \(p) was opened read-only, so this command cannot write to it (a bug in gongkai)"
        case .cannotOpen(let p, let reason):
            "cannot open the database \(p): \(reason)"
        }
    }
}
