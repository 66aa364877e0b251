import Foundation
import GRDB

extension StoreDatabase {
    /// Creates an empty file readable only by its owner, unless it already exists. `O_EXCL` makes this
    /// safe when two desk processes open a new database at once: a plain create would replace the
    /// file the other process has just started writing.
    static func createPrivateFile(_ path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        if fd >= 0 {
            close(fd)
        } else if errno != EEXIST {
            throw StoreError.cannotCreate(path)
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

    /// Migrates, tolerating another process (a second desk PC) migrating the same new file at the
    /// same moment: its migration wins, ours rolls back, and the schema is complete either way.
    static func migrate(_ pool: DatabasePool) throws {
        var attempt = 0
        while true {
            do {
                try migrator.migrate(pool)
                return
            } catch {
                if try pool.read({ try migrator.hasCompletedMigrations($0) }) { return }
                attempt += 1
                if attempt >= 100 { throw error }
                Thread.sleep(forTimeInterval: 0.05)
            }
        }
    }
}
