import Accounts
import Desk
import Foundation
import GongkaiCore
import GRDB
import Store
import Testing

/// `StoreDatabase.backup` while the store is written as an office writes it: 200 intakes at once
/// (the desk PCs and serve) and an import, with backups taken all along. Each copy must pass
/// `PRAGMA integrity_check`, hold every complaint whose intake had returned before the backup began,
/// and hold the import whole or not at all.
@Suite struct BackupTests {
    /// Complaint numbers whose intake has committed, readable from the backup thread.
    final class Committed: @unchecked Sendable {
        private let lock = NSLock()
        private var ids: Set<String> = []
        private var failures: [String] = []
        func add(_ id: String) { lock.withLock { _ = ids.insert(id) } }
        func fail(_ error: String) { lock.withLock { failures.append(error) } }
        var snapshot: Set<String> { lock.withLock { ids } }
        var errors: [String] { lock.withLock { failures } }
    }

    static let households = 3000

    /// One households.csv of `households` rows, all in 三营镇.
    static func importFolder() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-backup-import-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var csv = "户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡\n"
        for i in 0..<households {
            // A distinct valid ID number per head: born 1980-01-01 plus i / 900 days, sequence i % 900.
            let born = CivilDate(dayNumber: CivilDate(year: 1980, month: 1, day: 1)!.dayNumber + i / 900)
            let digits = String(format: "640402%04d%02d%02d%03d", born.year, born.month, born.day, 100 + i % 900)
            let id = digits + String(IDNumber.checkCharacter(for: Array(digits.utf8)))
            csv += "B\(String(format: "%05d", i)),三营镇,三营村,户主\(i),\(id),,2,农村\n"
        }
        try Data(csv.utf8).write(to: dir.appendingPathComponent("households.csv"))
        return dir
    }

    @Test func backupsDuringIntakesAndAnImportAreConsistent() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let imports = try Self.importFolder()
        defer { try? FileManager.default.removeItem(at: imports) }

        let store = try StoreDatabase(path: dir.appendingPathComponent("live.sqlite").path)
        let schedule = try ComplaintSchedule.load(templates: templatesPath)
        let identity = try CallerIdentityCipher(secret: Data(repeating: 7, count: 32))
        let clerk = try AccountStore(store: store, policy: .forTestsOnly(bcryptCost: 4), townships: schedule.townships,
                                     clock: .fixed(Date(timeIntervalSince1970: 1_780_000_000)))
            .addUser(login: "deng.ji", displayName: "登记员", roles: [.intake], unit: nil, initialPassword: "Desk-test-9x",
                     by: AuditActor(login: "cli:test", source: "cli"))
        let committed = Committed()
        let writers = DispatchGroup()
        let queue = DispatchQueue(label: "intakes", attributes: .concurrent)
        for i in 0..<200 {
            queue.async(group: writers) {
                let desk = ComplaintDesk(store: store, schedule: schedule,
                                         clock: .fixed(ChinaTime.parseMinute("2026-10-20 10:00")!), identity: identity)
                var random = SystemRandomNumberGenerator()
                let intake = ComplaintIntake(receivedAt: "2026-10-\(10 + i % 9) 09:\(String(format: "%02d", i % 60))",
                                             channel: "监督电话", type: "投诉", category: "其他", summary: "并发受理 \(i)",
                                             callerName: "王小二", callerPhone: "13909541234")
                do {
                    committed.add(try desk.add(intake, by: .account(clerk), issuePIN: false, source: "test", random: &random).id)
                } catch {
                    committed.fail("intake \(i): \(error)")
                }
            }
        }
        queue.async(group: writers) {
            let importer = Importer(store: store, clock: .fixed(Date(timeIntervalSince1970: 1_790_000_000)),
                                    schedule: schedule, identity: identity)
            do { _ = try importer.run(paths: [imports.path]) } catch { committed.fail("import: \(error)") }
        }

        // Back up while they run, then once more after they all returned.
        var copies: [(path: String, before: Set<String>)] = []
        var finished = false
        while !finished {
            finished = writers.wait(timeout: .now()) == .success
            let before = committed.snapshot
            let path = dir.appendingPathComponent("copy-\(copies.count).sqlite").path
            let summary = try store.backup(to: path)
            #expect(summary.complaints >= before.count)
            copies.append((path, before))
        }
        #expect(committed.errors.isEmpty, "\(committed.errors)")
        #expect(committed.snapshot.count == 200)
        #expect(copies.count >= 2, "at least one backup ran while the writers did")

        for (path, before) in copies {
            let copy = try DatabaseQueue(path: path)
            try copy.read { db in
                #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"], "\(path)")
                let ids = Set(try String.fetchAll(db, sql: "SELECT complaint_id FROM complaint"))
                #expect(before.isSubset(of: ids), "\(path) lacks \(before.subtracting(ids).sorted().prefix(5))")
                let imported = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM household WHERE household_id LIKE 'B%'") ?? -1
                #expect(imported == 0 || imported == Self.households, "the import is in a copy whole or not at all: \(imported)")
                #expect(try String.fetchOne(db, sql: "PRAGMA journal_mode") == "delete", "a backup is one self-contained file")
            }
            var info = stat()
            #expect(stat(path, &info) == 0 && info.st_mode & 0o777 == 0o600, "a copy holds personal data: mode 0600")
        }
        // The last copy was begun after every writer had returned: it holds everything.
        let last = try DatabaseQueue(path: try #require(copies.last).path)
        #expect(try last.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM complaint") } == 200)
        #expect(try last.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM household") } == Self.households)
    }

    @Test func backupNeverOverwrites() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreDatabase(path: dir.appendingPathComponent("live.sqlite").path)
        let existing = dir.appendingPathComponent("old.sqlite").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: existing))
        #expect(throws: StoreCopyError.destinationExists(existing)) { try store.backup(to: existing) }
        #expect(try String(contentsOfFile: existing, encoding: .utf8) == "keep me")
    }
}
