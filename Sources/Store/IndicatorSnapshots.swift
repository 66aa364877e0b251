import Foundation
import GongkaiCore

/// Published indicator values with the data fingerprint and definitions they were computed from,
/// written by `publish` once the month's release is in place (nothing else writes them). The first
/// computation of a figure is kept (ON CONFLICT DO NOTHING): recomputing on the same data and definitions
/// gives the same value, and `verify` re-renders a release to confirm its figures.
public enum IndicatorSnapshots {
    public struct Row: Sendable, Equatable {
        public let month: YearMonth
        public let indicator: String
        public let programme: String
        public let township: String
        public let numerator: Int64?
        public let denominator: Int64?
        public let value: String?
        public let status: String?

        public init(month: YearMonth, indicator: String, programme: String, township: String,
                    numerator: Int64?, denominator: Int64?, value: String?, status: String?) {
            self.month = month; self.indicator = indicator; self.programme = programme; self.township = township
            self.numerator = numerator; self.denominator = denominator; self.value = value; self.status = status
        }
    }

    public static func save(_ rows: [Row], dataFingerprint: String, definitionsVersion: String,
                            definitionsSHA256: String, computedAt: Date, in store: StoreDatabase) throws {
        let time = ISO8601DateFormatter().string(from: computedAt)
        try store.session(readOnly: false) { session in
            for r in rows {
                try session.execute("""
                    INSERT INTO indicator_snapshot
                    (month_index, indicator, programme, township, numerator, denominator, value, status,
                     data_fingerprint, definitions_version, definitions_sha256, computed_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING
                    """, r.month.index, r.indicator, r.programme, r.township, r.numerator,
                    r.denominator, r.value, r.status, dataFingerprint, definitionsVersion, definitionsSHA256, time)
            }
        }
    }
}
