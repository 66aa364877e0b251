import Foundation
import OfficeTools
import Testing
@testable import Store

/// v16-members and v17-matching on a PostgreSQL database made by an earlier gongkai: what it holds
/// stays, and v17's `v_match` replaces v3-indicator-views' (when v3 has made one).
@Suite struct MatchingMigrationTests {
    @Test func anEarlierDatabaseKeepsItsFindingsAndGainsTheRulesColumns() async throws {
        guard case .postgres(let address) = try StoreLocation(try await ThrowawayPostgres.shared.newDatabaseURL()) else {
            Issue.record("not a PostgreSQL URL"); return
        }
        let earlier = PostgresSchema.migrations.prefix { $0.identifier != "v16-members" }
        #expect(earlier.count < PostgresSchema.migrations.count - 1)
        try PostgresConnections(address: address).transaction(readOnly: false) { s in
            try s.execute("CREATE TABLE gongkai_migration (identifier TEXT PRIMARY KEY, applied_at TEXT NOT NULL)", [])
            for migration in earlier {
                try s.script(migration.sql)
                try s.execute("INSERT INTO gongkai_migration (identifier, applied_at) VALUES (?, '2026-11-01T00:00:00Z')", [.text(migration.identifier)])
            }
            // v3-indicator-views' view as SQLite's v3 defines it, where v3 is not yet among the PostgreSQL migrations.
            if try s.value("SELECT to_regclass('v_match')::text") as String? == nil {
                try s.execute("""
                    CREATE VIEW v_match AS
                    SELECT m.batch, m.department, m.household_id, h.township, m.finding, m.pushed_day,
                           m.pushed_month_index, m.result, m.resolved_day
                    FROM data_match m JOIN household h ON h.household_id = m.household_id
                    """, [])
            }
            try s.execute("""
                INSERT INTO household (household_id, township, village, head_name, head_id_number, household_size, area)
                VALUES ('H1', '三营镇', '三营村', '马建国', '640402198001010017', 3, '农村')
                """, [])
            try s.execute("""
                INSERT INTO data_match (batch, department, household_id, finding, pushed_on, pushed_day, pushed_month_index, result)
                VALUES ('2026-03', '车管', 'H1', '名下有机动车', '2026-03-10', 20522, 24314, '待核查')
                """, [])
        }
        let store = try StoreDatabase(postgres: address)
        let row = try store.session(readOnly: true) { try $0.row("SELECT * FROM v_match") }
        #expect(row?.columns == ["batch", "department", "household_id", "township", "finding", "pushed_day", "pushed_month_index",
                                 "result", "resolved_day", "rule_id", "programme_code"])
        #expect(row?.values == [.text("2026-03"), .text("车管"), .text("H1"), .text("三营镇"), .text("名下有机动车"), .integer(20522),
                                .integer(24314), .text("待核查"), .null, .null, .null])
        let applied: [String] = try store.session(readOnly: true) { try $0.column("SELECT identifier FROM gongkai_migration ORDER BY identifier") }
        #expect(applied == PostgresSchema.migrations.map(\.identifier).sorted())
        // The tables v16 and v17 add are there and empty.
        #expect(try store.session(readOnly: true) {
            try $0.value("SELECT (SELECT COUNT(*) FROM household_member) + (SELECT COUNT(*) FROM department_list_row) + (SELECT COUNT(*) FROM department_list_file)")
        } == 0)
    }
}
