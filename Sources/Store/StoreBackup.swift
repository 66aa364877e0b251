import Foundation
import GRDB
import GongkaiCore

/// What a backup or a restore wrote, for the command to report.
public struct StoreCopySummary: Sendable, Equatable {
    /// The file written (the backup, or the restored store).
    public let path: String
    /// Complaints in the copy: a figure the office can compare with its desk.
    public let complaints: Int
    /// The schema migrations the copy holds, oldest first.
    public let migrations: [String]
    /// Migrations a restore applied because the backup was made by an older gongkai (empty for a backup).
    public let upgradedBy: [String]
}

/// Why a backup or a restore was refused, in Chinese, with the path and what to do.
public enum StoreCopyError: Error, Sendable, Equatable, CustomStringConvertible {
    case destinationExists(String)
    case sourceMissing(String)
    case notADatabase(String, reason: String)
    case damaged(String, findings: [String])
    case notGongkai(String)
    case newerSchema(String, unknown: [String])
    case failed(String, reason: String)
    case serverDatabase(PostgresAddress)

    public var description: String {
        switch self {
        case .destinationExists(let p):
            "\(p) 已存在：备份和恢复从不覆盖已有文件（连同 \(p)-wal、\(p)-shm）。请换一个路径，或确认不再需要后自行移走旧文件"
        case .sourceMissing(let p):
            "\(p) 不存在：请检查备份文件的路径"
        case .notADatabase(let p, let reason):
            "\(p) 不是可读的 SQLite 数据库（\(reason)）：请确认它是 gongkai backup 写出的文件"
        case .damaged(let p, let findings):
            "\(p) 未通过完整性检查（PRAGMA integrity_check）：\(findings.prefix(5).joined(separator: "；"))。未做任何恢复，请改用另一份备份"
        case .notGongkai(let p):
            "\(p) 不含 gongkai 的数据库结构（没有迁移记录）：请确认它是 gongkai backup 写出的文件"
        case .newerSchema(let p, let unknown):
            "\(p) 由更新版本的 gongkai 写出（本版本不认识的迁移：\(unknown.joined(separator: "、"))）：请先把 gongkai 升级到不低于备份时的版本再恢复"
        case .failed(let p, let reason):
            "写 \(p) 失败：\(reason)。未留下不完整的文件"
        case .serverDatabase(let address):
            "\(address) 不由 gongkai 备份：gongkai backup 只复制 SQLite 数据库文件，PostgreSQL 数据库由数据库管理员用 pg_dump 备份、pg_restore 恢复（gongkai backup --db 该库的网址会给出命令行）。没有写出任何文件"
        }
    }
}

extension StoreDatabase {
    /// A consistent copy of the store in one new file at `destination`, taken while `serve`, imports
    /// and other desk PCs keep writing: SQLite's online backup copies every page inside one read
    /// transaction, so the copy is the store as it stood at one instant (writes committed before it
    /// are in, later ones are not), and writers are never blocked.
    ///
    /// The copy is made with mode 0600 (it holds ID numbers and sealed caller fields), in rollback
    /// journal mode so it is one self-contained file, and is checked with `PRAGMA integrity_check`
    /// before it is reported. An existing file is never overwritten. Keys are not in the store and so
    /// not in the copy: the command reminds the office to back them up on their own.
    ///
    /// A PostgreSQL store is refused before anything is written: its backups are the database
    /// administrator's pg_dump (consistent while nodes write, like this copy) and the server's own
    /// continuous archiving; pg_dump must be of the server's major version or newer, which an
    /// application node cannot promise. `gongkai backup` prints the pg_dump line for the URL.
    public func backup(to destination: String) throws -> StoreCopySummary {
        let writer: any DatabaseWriter
        switch backend {
        case .sqlite(let sqlite): writer = sqlite
        case .postgres(let connections): throw StoreCopyError.serverDatabase(connections.address)
        }
        try Self.createNew(destination)
        do {
            let copy = try DatabaseQueue(path: destination)
            try writer.backup(to: copy)
            try copy.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = DELETE")
            }
            let summary = try Self.verifiedSummary(of: copy, path: destination, upgradedBy: [])
            try copy.close()
            return summary
        } catch {
            Self.removeCopy(destination)
            if let error = error as? StoreCopyError { throw error }
            throw StoreCopyError.failed(destination, reason: "\(error)")
        }
    }

    /// Restores the backup at `source` as a new store at `destination`, after checking it: it must be
    /// an SQLite file that passes `PRAGMA integrity_check` and whose schema this gongkai knows (its
    /// applied migrations are all ours; a backup made by an older gongkai is migrated to the current
    /// schema, as any command that writes would). Refuses an existing `destination` and changes
    /// nothing when a check fails.
    public static func restore(from source: String, to destination: String) throws -> StoreCopySummary {
        guard FileManager.default.fileExists(atPath: source) else { throw StoreCopyError.sourceMissing(source) }
        for path in [destination, destination + "-wal", destination + "-shm"] where FileManager.default.fileExists(atPath: path) {
            throw StoreCopyError.destinationExists(destination)
        }
        var configuration = Configuration()
        configuration.readonly = true
        let backup: DatabaseQueue
        do {
            backup = try DatabaseQueue(path: source, configuration: configuration)
            try checkRestorable(backup, path: source)
        } catch let error as StoreCopyError {
            throw error
        } catch let error as DatabaseError {
            throw StoreCopyError.notADatabase(source, reason: error.message ?? "\(error.resultCode)")
        }
        let before = try backup.read { try migrator.appliedIdentifiers($0) }
        try createNew(destination)
        do {
            let copy = try DatabaseQueue(path: destination)
            try backup.backup(to: copy)
            try copy.close()
            try backup.close()
            // Opening it as a store switches it to WAL and applies the migrations a newer gongkai added.
            let store = try StoreDatabase(path: destination, access: .readWrite)
            let upgradedBy = migrator.migrations.filter { !before.contains($0) }
            return try verifiedSummary(of: store.writer, path: destination, upgradedBy: upgradedBy)
        } catch {
            removeCopy(destination)
            if let error = error as? StoreCopyError { throw error }
            throw StoreCopyError.failed(destination, reason: "\(error)")
        }
    }

    /// The checks a backup must pass before anything is written: integrity, and a schema that this
    /// gongkai made or can migrate.
    private static func checkRestorable(_ backup: DatabaseQueue, path: String) throws {
        try backup.read { db in
            let findings = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard findings == ["ok"] else { throw StoreCopyError.damaged(path, findings: findings) }
            let applied = try migrator.appliedIdentifiers(db)
            guard !applied.isEmpty else { throw StoreCopyError.notGongkai(path) }
            let unknown = applied.subtracting(migrator.migrations).sorted()
            guard unknown.isEmpty else { throw StoreCopyError.newerSchema(path, unknown: unknown) }
        }
    }

    /// Integrity-checks a written copy and counts what it holds.
    private static func verifiedSummary(of copy: any DatabaseReader, path: String, upgradedBy: [String]) throws -> StoreCopySummary {
        try copy.read { db in
            let findings = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            guard findings == ["ok"] else { throw StoreCopyError.damaged(path, findings: findings) }
            let applied = try migrator.appliedIdentifiers(db)
            return StoreCopySummary(path: path,
                                    complaints: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM complaint") ?? 0,
                                    migrations: migrator.migrations.filter(applied.contains),
                                    upgradedBy: upgradedBy)
        }
    }

    /// Creates `path` empty with mode 0600, refusing an existing file (`O_EXCL`, so two backups to
    /// one name cannot both write it), and its folder (mode 0700) when missing.
    private static func createNew(_ path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty && !FileManager.default.fileExists(atPath: folder) {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true,
                                                        attributes: [.posixPermissions: 0o700])
            } catch {
                throw StoreCopyError.failed(path, reason: "无法创建文件夹 \(folder)（\(error.localizedDescription)）")
            }
        }
        for companion in [path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: companion) {
            throw StoreCopyError.destinationExists(path)
        }
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY, 0o600)
        guard fd >= 0 else {
            if errno == EEXIST { throw StoreCopyError.destinationExists(path) }
            throw StoreCopyError.failed(path, reason: String(cString: strerror(errno)))
        }
        close(fd)
    }

    /// Removes a copy that failed half-way, with the journal files SQLite may have left beside it.
    private static func removeCopy(_ path: String) {
        for file in [path, path + "-journal", path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: file) }
    }
}
