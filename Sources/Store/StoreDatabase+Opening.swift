import Foundation
import GRDB
import GongkaiCore

extension StoreDatabase {
    /// Creates the folder and an empty file readable only by its owner, unless the file exists.
    /// `O_EXCL` makes this safe when two processes open a new database at once: a plain create would
    /// replace the file the other process has just started writing.
    static func createIfMissing(_ path: String) throws {
        let fm = FileManager.default
        guard !fm.fileExists(atPath: path) else { return }
        let dir = (path as NSString).deletingLastPathComponent
        if !dir.isEmpty && !fm.fileExists(atPath: dir) {
            try FileSystemError.performing("创建文件夹", dir) {
                try fm.createDirectory(atPath: dir, withIntermediateDirectories: true)
            }
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw FileSystemError(errno: errno, action: "创建数据库文件", path: path)
        }
    }

    /// Opens the pool, waiting while another process holds the lock that switching a new file to
    /// WAL needs (SQLite does not apply the busy timeout to that step).
    static func openPool(path: String, configuration: Configuration) throws -> DatabasePool {
        var attempt = 0
        while true {
            do {
                return try DatabasePool(path: path, configuration: configuration)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 100 {
                attempt += 1
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }

    /// Opens every connection read-only (`SQLITE_OPEN_READONLY`) and checks the schema is complete,
    /// without writing anything.
    ///
    /// A WAL database is read with its -shm file beside it, which SQLite cannot create in a read-only
    /// folder or disk (it says "cannot open", or "read-only" when the folder's permissions forbid it). When no writes wait in the -wal file, the database file alone holds all the
    /// data and SQLite may read it as immutable; otherwise reading it read-only would miss those
    /// writes, and the error says so.
    static func openReadOnly(path: String, configuration: Configuration) throws -> DatabasePool {
        var configuration = configuration
        configuration.readonly = true
        do {
            let pool = try DatabasePool(path: path, configuration: configuration)
            try checkSchema(pool, path: path)
            return pool
        } catch let error as DatabaseError where [.SQLITE_CANTOPEN, .SQLITE_READONLY].contains(error.resultCode) {
            var wal = stat()
            guard stat(path + "-wal", &wal) != 0 || wal.st_size == 0 else { throw StoreError.unfinishedWrites(path) }
            let pool = try DatabasePool(path: immutableURI(path), configuration: configuration)
            try checkSchema(pool, path: path)
            return pool
        }
    }

    /// A read-only command cannot migrate: an older schema (or a file that is no gongkai database)
    /// is said, not half-read.
    private static func checkSchema(_ pool: DatabasePool, path: String) throws {
        try pool.read { db in
            if try migrator.hasCompletedMigrations(db) { return }
            throw try migrator.appliedIdentifiers(db).isEmpty ? StoreError.empty(path) : StoreError.outdated(path)
        }
    }

    /// `file:` URI with `immutable=1` (SQLite is built with URI file names on Debian; GRDB passes the
    /// name as is). Characters with a meaning in URIs are percent-encoded.
    private static func immutableURI(_ path: String) -> String {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/-._~")
        return "file:\(absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute)?immutable=1"
    }

    /// Migrates, tolerating another process (a second desk PC) migrating the same new file at the
    /// same moment: its migration wins, ours rolls back, and the schema is complete either way. A
    /// file that cannot be written (read-only, full, not a database) fails at once.
    static func migrate(_ pool: DatabasePool) throws {
        var attempt = 0
        while true {
            do {
                try migrator.migrate(pool)
                return
            } catch let error as DatabaseError where StoreError(error, path: pool.path) != nil {
                throw error
            } catch {
                if try pool.read({ try migrator.hasCompletedMigrations($0) }) { return }
                attempt += 1
                if attempt >= 100 { throw error }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }
}
