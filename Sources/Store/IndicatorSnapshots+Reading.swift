import GRDB
import GongkaiCore

extension IndicatorSnapshots {
    /// The latest month any publication stored figures for; nil before the first `publish`.
    public static func latestMonth(in store: StoreDatabase) throws -> YearMonth? {
        try store.read { db in
            try Int.fetchOne(db, sql: "SELECT MAX(month_index) FROM indicator_snapshot").map(YearMonth.init(index:))
        }
    }

    /// The stored figures of one programme (e.g. "all") for the months `from` through `through`, every
    /// township and the district ("all"). A month published again (a correction, or new definitions)
    /// has several snapshots: only its latest is returned — the latest `computed_at`, ties broken by
    /// fingerprint and definitions hash so the choice never depends on the order SQLite reads rows in.
    /// Reads `indicator_snapshot` only: figures, never a person-level table.
    public static func rows(programme: String, from: YearMonth, through: YearMonth,
                            in store: StoreDatabase) throws -> [Row] {
        try store.read { db in
            let cursor = try GRDB.Row.fetchCursor(db, sql: """
                SELECT month_index, indicator, programme, township, numerator, denominator, value, status,
                       computed_at, data_fingerprint, definitions_sha256
                FROM indicator_snapshot
                WHERE programme = ? AND month_index BETWEEN ? AND ?
                ORDER BY month_index, indicator, township
                """, arguments: [programme, from.index, through.index])
            var rows: [(key: String, row: Row)] = []
            var latest: [Int: String] = [:]
            while let r = try cursor.next() {
                guard let index: Int = r["month_index"], let indicator: String = r["indicator"],
                      let programme: String = r["programme"], let township: String = r["township"],
                      let at: String = r["computed_at"], let fingerprint: String = r["data_fingerprint"],
                      let sha: String = r["definitions_sha256"] else { continue }
                let key = "\(at)|\(fingerprint)|\(sha)"
                latest[index] = max(latest[index] ?? "", key)
                rows.append((key, Row(month: YearMonth(index: index), indicator: indicator, programme: programme,
                                      township: township, numerator: r["numerator"], denominator: r["denominator"],
                                      value: r["value"], status: r["status"])))
            }
            return rows.filter { latest[$0.row.month.index] == $0.key }.map(\.row)
        }
    }
}
