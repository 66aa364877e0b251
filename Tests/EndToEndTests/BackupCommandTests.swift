import DemoData
import Foundation
import GRDB
import GongkaiCore
import OfficeTools
import Store
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

    /// A PostgreSQL store is backed up with pg_dump and restored with pg_restore: `backup` and
    /// `restore` say so with the command lines for the database the URL names — its host, port, user
    /// and name, never its password — exit 1 and write nothing.
    @Test func aPostgreSQLStoreIsSentToPgDump() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = "postgresql://gongkai:S3cret-pw@db.mzj.example:5433/gongkai_prod?sslmode=require"
        let backup = try await Binary.run(["backup", "--db", url, "--out", "backups/2026-11.dump"], in: dir)
        #expect(backup.status == 1, "\(backup.output)")
        for expected in ["pg_dump --format=custom --host=db.mzj.example --port=5433 --username=gongkai --dbname=gongkai_prod --file=backups/2026-11.dump",
                         "pg_restore --host=db.mzj.example --port=5433 --username=gongkai --dbname=gongkai_prod_restored --single-transaction backups/2026-11.dump",
                         "--db 指向 PostgreSQL 数据库 gongkai_prod"] {
            #expect(backup.stderr.contains(expected), "\(expected)\n\(backup.stderr)")
        }
        #expect(!backup.output.contains("S3cret-pw") && !backup.output.contains("sslmode"), "never the password, nor the URL: \(backup.output)")

        // $GONGKAI_DB too, with the other scheme; a name that needs quoting is quoted for the shell.
        let fromEnvironment = try await Binary.run(["backup", "--out", "it.dump"], in: dir,
                                                   environment: ["GONGKAI_DB": "postgres://localhost/o%27brien"])
        #expect(fromEnvironment.status == 1, "\(fromEnvironment.output)")
        #expect(fromEnvironment.stderr.contains("环境变量 GONGKAI_DB 指向 PostgreSQL 数据库"), "\(fromEnvironment.stderr)")
        #expect(fromEnvironment.stderr.contains(#"--dbname='o'\''brien'"#), "\(fromEnvironment.stderr)")

        let restore = try await Binary.run(["restore", "backups/2026-11.dump", "--db", "postgresql://ops@db.mzj.example/gongkai_new"], in: dir)
        #expect(restore.status == 1, "\(restore.output)")
        #expect(restore.stderr.contains("createdb --host=db.mzj.example --username=ops --encoding=UTF8 --lc-collate=C --lc-ctype=C.UTF-8 --template=template0 gongkai_new && pg_restore --host=db.mzj.example --username=ops --dbname=gongkai_new --single-transaction backups/2026-11.dump"),
                "\(restore.stderr)")

        let unreadable = try await Binary.run(["backup", "--db", "postgresql://host:notaport/x", "--out", "x.dump"], in: dir)
        #expect(unreadable.status == 1 && unreadable.stderr.contains("pg_dump"), "\(unreadable.output)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "nothing is written")
    }

    /// The lines `backup` and `restore` print for a PostgreSQL store work as printed: run against a
    /// real server, pg_dump copies the store and pg_restore brings it back in a new database that
    /// gongkai opens as it was (no migration left to apply), with byte-order collation and a UTF-8
    /// character type as gongkai needs.
    @Test func thePrintedPgDumpAndPgRestoreLinesWorkOnARealServer() async throws {
        let url = try await ThrowawayPostgres.shared.newDatabaseURL()
        guard case .postgres(let address) = try StoreLocation(url), case .socket(let socket, _) = address.endpoint else {
            Issue.record("not a socket URL: \(url)"); return
        }
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in MatchingDistrict.lists { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        let store = try StoreDatabase(postgres: address)
        _ = try DepartmentListImporter(store: store, clock: .fixed(Date(timeIntervalSince1970: 1_793_581_200)))
            .run(paths: MatchingDistrict.lists.keys.sorted().map { dir.appendingPathComponent($0).path }, batch: MatchBatch(parsing: "2026-10-1"))
        let held = try DepartmentListHoldings.read(from: store)
        #expect(held.rowsHeld == MatchingDistrict.listRows)

        /// Runs the printed lines that start with `command`, then opens `database` as a store.
        func runPrinted(_ output: String, _ commands: [String], database: String) async throws -> DepartmentListHoldings {
            for command in commands {
                let line = try #require(output.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.hasPrefix(command + " ") }, "\(command) in \(output)")
                let ran = try await ExternalTool.run("/bin/sh", ["-c", line], in: dir, standardError: .merged)
                #expect(ran.status == 0, "\(line)\n\(ran.output)")
            }
            let locale = try await ExternalTool.run("/usr/bin/psql", ["-h", socket, "-U", "postgres", "-d", database, "-Atc",
                                                                       "SELECT datcollate || ' ' || datctype FROM pg_database WHERE datname = current_database()"])
            #expect(locale.output == "C C.UTF-8\n", "\(database): \(locale.output)")
            return try DepartmentListHoldings.read(from: StoreDatabase(postgres: PostgresAddress(
                endpoint: address.endpoint, user: address.user, password: nil, database: database)))
        }

        let backup = try await Binary.run(["backup", "--db", url, "--out", "store.dump"], in: dir)
        #expect(backup.status == 1, "\(backup.output)")
        #expect(try await runPrinted(backup.stderr, ["pg_dump", "createdb"], database: address.database + "_restored") == held)

        let again = address.database + "_again"
        let restore = try await Binary.run(["restore", "store.dump", "--db", url.replacingOccurrences(of: "/\(address.database)?", with: "/\(again)?")],
                                           in: dir)
        #expect(restore.status == 1, "\(restore.output)")
        #expect(try await runPrinted(restore.stderr, ["createdb"], database: again) == held)
    }
}
