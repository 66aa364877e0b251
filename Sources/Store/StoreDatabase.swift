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

    /// Opens (creating if needed) the database at `path` in WAL mode with foreign keys on.
    ///
    /// A new file is created with mode 0600 before SQLite touches it: it holds ID numbers and phones,
    /// and must not be readable by other accounts on a shared office PC.
    public init(path: String) throws {
        let fm = FileManager.default
        if !fm.fileExists(atPath: path) {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty && !fm.fileExists(atPath: dir) {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
            try Self.createPrivateFile(path)
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
        let pool = try Self.openPool(path: path, configuration: config)
        self.writer = pool
        self.path = path
        try Self.migrate(pool)
    }

    /// An in-memory database, for tests.
    public init(inMemory: Void = ()) throws {
        var config = Configuration()
        config.foreignKeysEnabled = true
        let queue = try DatabaseQueue(configuration: config)
        self.writer = queue
        self.path = nil
        try Self.migrator.migrate(queue)
    }

    public func read<T>(_ block: (Database) throws -> T) throws -> T { try writer.read(block) }
    public func write<T>(_ block: (Database) throws -> T) throws -> T { try writer.write(block) }
}

public enum StoreError: Error, CustomStringConvertible {
    case cannotCreate(String)
    public var description: String {
        switch self {
        case .cannotCreate(let p): "cannot create the database file \(p): check that the folder exists and is writable"
        }
    }
}
