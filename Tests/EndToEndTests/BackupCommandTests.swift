import Foundation
import GRDB
import Testing

/// `gongkai backup` and `gongkai restore` as an office runs them: a backup of the demo restores to a
/// new store that the other commands read; every refusal exits non-zero, says why in Chinese, and
/// writes nothing.
@Suite struct BackupCommandTests {
    /// A demo store in a fresh folder, and its backup `backup.sqlite`.
    static func demoWithBackup() async throws -> URL {
        let dir = try Binary.temporaryDirectory()
        let demo = try await Binary.run(["demo", "--households", "60", "--db", "live.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.output)")
        let backup = try await Binary.run(["backup", "--db", "live.sqlite", "--out", "backup.sqlite"], in: dir)
        #expect(backup.status == 0, "\(backup.output)")
        #expect(backup.stdout.contains("完整性检查通过"), "\(backup.output)")
        #expect(backup.stderr.contains("备份不含密钥文件") && backup.stderr.contains(Binary.identityKeyPath),
                "the key files are reminded, with their paths: \(backup.stderr)")
        return dir
    }

    @Test func backupRestoresToANewStore() async throws {
        let dir = try await Self.demoWithBackup()
        defer { try? FileManager.default.removeItem(at: dir) }
        let restore = try await Binary.run(["restore", "backup.sqlite", "--db", "restored.sqlite"], in: dir)
        #expect(restore.status == 0, "\(restore.output)")
        let live = try await Binary.run(["status", "--format", "json", "--db", "live.sqlite"], in: dir)
        let restored = try await Binary.run(["status", "--format", "json", "--db", "restored.sqlite"], in: dir)
        #expect(restored.status == 0, "\(restored.output)")
        #expect(restored.stdout == live.stdout, "the restored store holds what the live one held")
        // The key files were not copied anywhere beside the backup.
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
        #expect(!files.contains { $0.hasSuffix(".key") || $0.hasSuffix(".pem") }, "\(files)")
    }

    @Test func backupRefusesAnExistingFile() async throws {
        let dir = try await Self.demoWithBackup()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try Data(contentsOf: dir.appendingPathComponent("backup.sqlite"))
        let again = try await Binary.run(["backup", "--db", "live.sqlite", "--out", "backup.sqlite"], in: dir)
        #expect(again.status != 0)
        #expect(again.stderr.contains("已存在"), "\(again.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("backup.sqlite")) == before)
    }

    @Test func restoreRefusesToOverwriteAStore() async throws {
        let dir = try await Self.demoWithBackup()
        defer { try? FileManager.default.removeItem(at: dir) }
        let before = try Data(contentsOf: dir.appendingPathComponent("live.sqlite"))
        let restore = try await Binary.run(["restore", "backup.sqlite", "--db", "live.sqlite"], in: dir)
        #expect(restore.status != 0)
        #expect(restore.stderr.contains("live.sqlite 已存在"), "\(restore.stderr)")
        #expect(try Data(contentsOf: dir.appendingPathComponent("live.sqlite")) == before, "the live store is untouched")
    }

    @Test func restoreRefusesADamagedBackup() async throws {
        let dir = try await Self.demoWithBackup()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Overwrite the middle of the file: pages of tables and indexes no longer agree.
        let url = dir.appendingPathComponent("backup.sqlite")
        var bytes = try Data(contentsOf: url)
        let start = bytes.count / 2
        bytes.replaceSubrange(start..<(start + 8192), with: Data(repeating: 0x5A, count: 8192))
        try bytes.write(to: url)
        let restore = try await Binary.run(["restore", "backup.sqlite", "--db", "restored.sqlite"], in: dir)
        #expect(restore.status != 0)
        #expect(restore.stderr.contains("完整性检查") || restore.stderr.contains("不是可读的 SQLite 数据库"), "\(restore.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("restored.sqlite").path))
    }

    @Test func restoreRefusesWhatIsNoGongkaiBackup() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("households,not a database\n".utf8).write(to: dir.appendingPathComponent("notes.csv"))
        let text = try await Binary.run(["restore", "notes.csv", "--db", "restored.sqlite"], in: dir)
        #expect(text.status != 0)
        #expect(text.stderr.contains("不是可读的 SQLite 数据库"), "\(text.stderr)")

        let other = try DatabaseQueue(path: dir.appendingPathComponent("other.sqlite").path)
        try await other.write { try $0.execute(sql: "CREATE TABLE t (x); INSERT INTO t VALUES (1)") }
        try other.close()
        let foreign = try await Binary.run(["restore", "other.sqlite", "--db", "restored.sqlite"], in: dir)
        #expect(foreign.status != 0)
        #expect(foreign.stderr.contains("不含 gongkai 的数据库结构"), "\(foreign.stderr)")

        let missing = try await Binary.run(["restore", "nowhere.sqlite", "--db", "restored.sqlite"], in: dir)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("nowhere.sqlite 不存在"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("restored.sqlite").path))
    }

    @Test func restoreRefusesABackupFromANewerGongkai() async throws {
        let dir = try await Self.demoWithBackup()
        defer { try? FileManager.default.removeItem(at: dir) }
        let backup = try DatabaseQueue(path: dir.appendingPathComponent("backup.sqlite").path)
        try await backup.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try backup.close()
        let restore = try await Binary.run(["restore", "backup.sqlite", "--db", "restored.sqlite"], in: dir)
        #expect(restore.status != 0)
        #expect(restore.stderr.contains("v99-from-the-future"), "\(restore.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("restored.sqlite").path))
    }
}
