import Foundation
import GongkaiCore
import GRDB
@testable import Store
import Testing

/// A database made by an earlier gongkai opens in this one with its data intact: the file is built
/// with the migrations as they stood at that point (released migrations never change, which
/// MigrationHistoryTests holds), filled through plain SQL in that schema, then opened as every
/// command that writes opens it, which applies the migrations added since.
@Suite struct UpgradeTests {
    /// Rows in the first schema (v1-core), which every later one keeps.
    static let rows = """
    INSERT INTO household VALUES ('U001', '三营镇', '三营村', '张三', '640402198001010017', '13912345678', 3, '农村');
    INSERT INTO household VALUES ('U002', '开城镇', '和泉村', '马海', '640402198001010025', NULL, 2, '农村');
    INSERT INTO enrolment VALUES ('U001', 'dibao', '一类', 3, 163500, 'monthly', '2026-01-05', 20458, '2026-02-10', 20494, 24313,
                                  '2026-03', 24314, NULL, NULL, NULL, NULL, '三营镇');
    INSERT INTO payment VALUES ('U001', 'dibao', '2026-03', 24314, 163500, '2026-03-15', 20527, '三营镇');
    INSERT INTO complaint (complaint_id, received_at, received_day, received_month_index, channel, type, category, programme,
                           household_id, township, summary, caller_name, caller_phone, anonymous, closed_at, closed_day,
                           closed_month_index, satisfaction, status, due_on, due_day)
        VALUES ('TS-202603-0001', '2026-03-02 09:15', 20514, 24314, '监督电话', '投诉', '发放时限', 'dibao', 'U001', '三营镇',
                '反映救助金未按时到账', NULL, NULL, 1, '2026-03-20 10:00', 20532, 24314, '满意', '办结', '2026-04-01', 20544);
    INSERT INTO import_run (import_id, imported_at, source) VALUES (1, '2026-03-21T02:00:00Z', 'import');
    INSERT INTO import_file VALUES (1, 'households', 'households.csv', 'abc', 'utf-8', 2, 2, 0);
    """

    /// Builds a file at `identifier`'s schema with `rows`, upgrades it, and returns the contents
    /// before and after (first-schema columns only) and the opened store.
    static func upgrade(from identifier: String) throws -> (before: [String], after: [String], store: StoreDatabase, dir: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("old.sqlite").path
        let old = try DatabaseQueue(path: path)
        try StoreDatabase.migrator.migrate(old, upTo: identifier)
        let firstColumns: [(table: String, columns: [String])] = try old.read { db in
            try ["household", "enrolment", "payment", "complaint", "import_run", "import_file"].map { table in
                (table, try String.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?)", arguments: [table]))
            }
        }
        try old.write { try $0.execute(sql: rows) }
        func contents(_ db: Database) throws -> [String] {
            try firstColumns.flatMap { first -> [String] in
                try Row.fetchAll(db, sql: "SELECT \(first.columns.joined(separator: ", ")) FROM \(first.table) ORDER BY 1")
                    .map { "\(first.table): \($0.description)" }
            }
        }
        let before = try old.read(contents)
        try old.close()
        let store = try StoreDatabase(path: path, access: .readWrite)
        return (before, try store.read(contents), store, dir)
    }

    @Test func theFirstSchemaUpgradesWithItsData() throws {
        let upgraded = try Self.upgrade(from: "v1-core")
        defer { try? FileManager.default.removeItem(at: upgraded.dir) }
        #expect(upgraded.before.count == 7)
        #expect(upgraded.after == upgraded.before)
        let (complete, integrity, foreignKeys, indexed) = try upgraded.store.read { db in
            (try StoreDatabase.migrator.hasCompletedMigrations(db),
             try String.fetchAll(db, sql: "PRAGMA integrity_check"),
             try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count,
             // The desk's search index, added later, was filled from the complaints already there.
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM complaint_search WHERE complaint_id = 'TS-202603-0001'"))
        }
        #expect(complete)
        #expect(integrity == ["ok"])
        #expect(foreignKeys == 0)
        #expect(indexed == 1)
        let summary = try StoreSummary.read(from: upgraded.store)
        #expect(summary.counts.first { $0.kind == "households" }?.rows == 2)
        #expect(summary.recentImports.map(\.importID) == [1])
    }

    /// v20-indicator-aggregates fills the indicators' monthly aggregates from the rows the file already
    /// holds: U001's monthly 低保 enrolment (3 persons from 2026-03, open) and its one payment.
    @Test func theIndicatorAggregatesAreFilledFromTheRowsAlreadyThere() throws {
        let upgraded = try Self.upgrade(from: "v1-core")
        defer { try? FileManager.default.removeItem(at: upgraded.dir) }
        let (changes, tallies) = try upgraded.store.read { db in
            (try Row.fetchAll(db, sql: "SELECT * FROM enrolment_change ORDER BY programme").map(\.description),
             try Row.fetchAll(db, sql: "SELECT * FROM payment_tally").map(\.description))
        }
        let counts = "households:1 monthly_households:1 served_monthly_households:0 enrolments:1 monthly_enrolments:1 persons:3 monthly_persons:3"
        #expect(changes == ["[month_index:24314 programme:\"all\" township:\"三营镇\" \(counts)]",
                            "[month_index:24314 programme:\"dibao\" township:\"三营镇\" \(counts)]"])
        #expect(tallies == ["""
            [month_index:24314 programme:"dibao" township:"三营镇" area:"农村" category:"一类" covered_persons:3 \
            frequency:"monthly" amount_fen:163500 paid_in_month:1 payments:1]
            """])
    }

    /// The last released schema (the last line of released-migrations.sha256) upgrades to the
    /// current one with its data: the step an office takes when it installs this version.
    @Test func theLastReleaseUpgradesWithItsData() throws {
        let last = try #require(try MigrationHistoryTests.recorded().last).identifier
        let upgraded = try Self.upgrade(from: last)
        defer { try? FileManager.default.removeItem(at: upgraded.dir) }
        #expect(upgraded.before.count == 7)
        #expect(upgraded.after == upgraded.before)
        let (complete, integrity) = try upgraded.store.read { db in
            (try StoreDatabase.migrator.hasCompletedMigrations(db), try String.fetchAll(db, sql: "PRAGMA integrity_check"))
        }
        #expect(complete)
        #expect(integrity == ["ok"])
    }

    /// A backup made by an older gongkai restores into this one, migrated, with its data.
    @Test func aBackupFromTheFirstSchemaRestoresUpgraded() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-upgrade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let backup = dir.appendingPathComponent("old-backup.sqlite").path
        let old = try DatabaseQueue(path: backup)
        try StoreDatabase.migrator.migrate(old, upTo: "v1-core")
        try old.write { try $0.execute(sql: Self.rows) }
        try old.close()

        let summary = try StoreDatabase.restore(from: backup, to: dir.appendingPathComponent("restored/gongkai.sqlite").path)
        #expect(summary.complaints == 1)
        #expect(summary.upgradedBy == Array(StoreDatabase.migrator.migrations.dropFirst()))
        #expect(summary.migrations == StoreDatabase.migrator.migrations)
    }
}
