import GongkaiCore

extension IndicatorSnapshots {
    /// The latest month any publication stored figures for; nil before the first `publish`.
    public static func latestMonth(in store: StoreDatabase) throws -> YearMonth? {
        try store.session(readOnly: true) { session in
            try (session.value("SELECT MAX(month_index) AS latest FROM indicator_snapshot") as Int?).map(YearMonth.init(index:))
        }
    }

    /// The stored figures of one programme (e.g. "all") for the months `from` through `through`, every
    /// township and the district ("all"). A month published again (a correction, or new definitions)
    /// has several snapshots: only its latest is returned — the latest `computed_at`, ties broken by
    /// fingerprint and definitions hash so the choice never depends on the order SQLite reads rows in.
    /// Reads `indicator_snapshot` only: figures, never a person-level table.
    public static func rows(programme: String, from: YearMonth, through: YearMonth,
                            in store: StoreDatabase) throws -> [Row] {
        try store.session(readOnly: true) { session in
            let stored = try session.rows("""
                SELECT month_index, indicator, programme, township, numerator, denominator, value, status,
                       computed_at, data_fingerprint, definitions_sha256
                FROM indicator_snapshot
                WHERE programme = ? AND month_index BETWEEN ? AND ?
                ORDER BY month_index, indicator, township, computed_at, data_fingerprint, definitions_sha256
                """, programme, from.index, through.index)
            var rows: [(key: String, row: Row)] = []
            var latest: [Int: String] = [:]
            for r in stored {
                guard let index: Int = r.optional("month_index"), let indicator: String = r.optional("indicator"),
                      let programme: String = r.optional("programme"), let township: String = r.optional("township"),
                      let at: String = r.optional("computed_at"), let fingerprint: String = r.optional("data_fingerprint"),
                      let sha: String = r.optional("definitions_sha256") else { continue }
                let key = "\(at)|\(fingerprint)|\(sha)"
                latest[index] = max(latest[index] ?? "", key)
                rows.append((key, Row(month: YearMonth(index: index), indicator: indicator, programme: programme,
                                      township: township, numerator: r.optional("numerator"), denominator: r.optional("denominator"),
                                      value: r.optional("value"), status: r.optional("status"))))
            }
            return rows.filter { latest[$0.row.month.index] == $0.key }.map(\.row)
        }
    }
}
