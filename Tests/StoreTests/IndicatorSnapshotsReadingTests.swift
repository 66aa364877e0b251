import Foundation
import GongkaiCore
import Store
import StoreTestSupport
import Testing

/// Reading the stored indicator figures back (the dashboard's source): one programme, a range of
/// months, and of a month published more than once only its latest snapshot.
@Suite struct IndicatorSnapshotsReadingTests {
    static func row(_ month: String, _ township: String, _ value: String?, programme: String = "all") -> IndicatorSnapshots.Row {
        IndicatorSnapshots.Row(month: YearMonth(parsing: month)!, indicator: "payments_on_time_rate", programme: programme,
                               township: township, numerator: 1, denominator: 2, value: value, status: nil)
    }

    static func save(_ rows: [IndicatorSnapshots.Row], at seconds: TimeInterval, fingerprint: String, in store: StoreDatabase) throws {
        try IndicatorSnapshots.save(rows, dataFingerprint: fingerprint, definitionsVersion: "v", definitionsSHA256: "s",
                                    computedAt: Date(timeIntervalSince1970: seconds), in: store)
    }

    @Test(arguments: TestBackend.allCases) func theLatestSnapshotOfEachMonthInTheRangeForOneProgramme(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        #expect(try IndicatorSnapshots.latestMonth(in: store) == nil)
        try Self.save([Self.row("2026-10", "all", "50"), Self.row("2026-10", "三营镇", "40"), Self.row("2026-10", "all", "7", programme: "dibao")],
                      at: 1_000, fingerprint: "old", in: store)
        try Self.save([Self.row("2026-10", "all", "60")], at: 2_000, fingerprint: "new", in: store)
        try Self.save([Self.row("2026-11", "all", nil)], at: 1_500, fingerprint: "old", in: store)
        try Self.save([Self.row("2025-01", "all", "1")], at: 1_500, fingerprint: "old", in: store)
        #expect(try IndicatorSnapshots.latestMonth(in: store) == YearMonth(parsing: "2026-11"))
        let rows = try IndicatorSnapshots.rows(programme: "all", from: YearMonth(parsing: "2025-11")!,
                                               through: YearMonth(parsing: "2026-11")!, in: store)
        #expect(rows.map { "\($0.month) \($0.township) \($0.value ?? "—")" } == ["2026-10 all 60", "2026-11 all —"])
    }
}
