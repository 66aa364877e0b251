import Foundation
import GongkaiCore
import StoreTestSupport
import Testing
@testable import Store

/// How a definition's text becomes the statement each database runs: named parameters bound by the
/// store, reference tables put in front of it.
@Suite struct DefinitionTextTests {
    @Test func namedParametersBecomePlaceholdersOutsideQuotesCommentsAndCasts() throws {
        let s = try NamedStatement("""
            SELECT ':month', ":x", a::BIGINT, b FROM t -- :not_me
            /* :nor_me */ WHERE m = :month AND n > :previous_month AND o = :month
            """)
        #expect(s.sql == """
            SELECT ':month', ":x", a::BIGINT, b FROM t -- :not_me
            /* :nor_me */ WHERE m = ? AND n > ? AND o = ?
            """)
        #expect(s.names == ["month", "previous_month", "month"])
        #expect(try s.arguments(["month": 5, "previous_month": 4]).get() == [.integer(5), .integer(4), .integer(5)])
        #expect(throws: NamedStatement.MissingName.self) { try s.arguments(["month": 5]).get() }
        #expect(throws: NamedStatement.PositionalParameter.self) { try NamedStatement("SELECT ? FROM t") }
        #expect(throws: NamedStatement.PositionalParameter.self) { try NamedStatement("SELECT $1 FROM t") }
        #expect(try NamedStatement("SELECT '?', '$1'").names.isEmpty)
    }

    @Test func referenceTablesArePutInFrontOnlyWhenNamed() throws {
        let tables = ReferenceData.Tables(calendar: [.init(day: 20_454, working: false), .init(day: 20_455, working: true)],
                                          approvalLimits: ["dibao": 30], standards: PaymentStandards(entries: []))
        #expect(tables.prefixed("SELECT 1 FROM v_enrolment", dialect: .postgres) == "SELECT 1 FROM v_enrolment")
        #expect(tables.prefixed("SELECT 1 FROM my_calendar_days", dialect: .sqlite) == "SELECT 1 FROM my_calendar_days")
        let plain = tables.prefixed("SELECT day FROM calendar_day", dialect: .postgres)
        #expect(plain == """
            WITH calendar_day(day, date, working, ordinal) AS (VALUES (CAST(20454 AS BIGINT), CAST('2026-01-01' AS TEXT), \
            CAST(0 AS BIGINT), CAST(0 AS BIGINT)), (20455, '2026-01-02', 1, 1))
            SELECT day FROM calendar_day
            """)
        // A definition with its own WITH list gets the tables added to it (RECURSIVE kept first).
        let own = tables.prefixed("-- note\n with recursive n(x) AS (SELECT 1) SELECT x FROM n, approval_limit", dialect: .postgres)
        #expect(own == """
            WITH RECURSIVE approval_limit(programme, working_days) AS (VALUES (CAST('dibao' AS TEXT), CAST(30 AS BIGINT))),
            n(x) AS (SELECT 1) SELECT x FROM n, approval_limit
            """)
        let empty = ReferenceData.Tables.empty.prefixed("SELECT * FROM payment_standard", dialect: .postgres)
        // SQLite reads the connection's keyed temporary copy under the same name.
        #expect(tables.prefixed("SELECT day FROM calendar_day", dialect: .sqlite) == """
            WITH calendar_day(day, date, working, ordinal) AS NOT MATERIALIZED (SELECT day, date, working, ordinal FROM temp.reference_calendar_day)
            SELECT day FROM calendar_day
            """)
        #expect(empty.hasPrefix("WITH payment_standard(programme, area, category, first_month_index, last_month_index, allowed_fen, per_person) AS (SELECT CAST(NULL AS TEXT)"))
    }

    /// The same definitions, with their reference tables and parameters, give the same rows on both.
    @Test(arguments: TestBackend.allCases) func aDefinitionReadsItsReferenceTablesOnEitherDatabase(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let tables = ReferenceData.Tables(calendar: (20_454...20_460).map { .init(day: $0, working: $0 % 7 != 3) },
                                          approvalLimits: ["dibao": 30, "tekun": 20], standards: PaymentStandards(entries: []))
        let query = try DefinitionQuery.prepare("""
            SELECT l.programme, CAST(COUNT(*) AS TEXT), SUM(c.ordinal) * 10 / 4
            FROM calendar_day c JOIN approval_limit l ON l.working_days > :month
            WHERE c.day >= :month_first_day GROUP BY l.programme ORDER BY l.programme
            """, columns: 3, allowedParameters: ["month", "month_first_day"], in: store)
        let rows = try store.rows(of: query, parameters: ["month": 25, "month_first_day": 20_456], reference: tables)
        // Days 20456…20460 have the ordinals 3, 3, 4, 5, 6 (20457 is not a working day): 21 × 10 / 4
        // is 52 in integer arithmetic on both (PostgreSQL's SUM of BIGINT would otherwise be NUMERIC: 52.5).
        #expect(rows.map { "\($0.programme ?? "-") \($0.township ?? "-") \($0.value.map(String.init) ?? "-")" } == ["dibao 5 52"])
        #expect(throws: DefinitionQuery.Problem.self) {
            try DefinitionQuery.prepare("SELECT 1, 2", columns: 3, allowedParameters: [], in: store)
        }
        #expect(throws: DefinitionQuery.Problem.self) {
            try DefinitionQuery.prepare("DELETE FROM household", columns: 0, allowedParameters: [], in: store)
        }
    }
}
