import Foundation
import GRDB
import GongkaiCore

/// Stored indicator values with the data fingerprint and definitions they were computed from.
/// The first computation of a figure is kept (INSERT OR IGNORE): recomputing on the same data and
/// definitions must give the same value, which `verify` checks.
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
        try store.write { db in
            let insert = try db.makeStatement(sql: """
                INSERT OR IGNORE INTO indicator_snapshot
                (month_index, indicator, programme, township, numerator, denominator, value, status,
                 data_fingerprint, definitions_version, definitions_sha256, computed_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for r in rows {
                try insert.execute(arguments: [r.month.index, r.indicator, r.programme, r.township, r.numerator,
                                               r.denominator, r.value, r.status, dataFingerprint, definitionsVersion,
                                               definitionsSHA256, time])
            }
        }
    }

    public static func load(month: YearMonth, dataFingerprint: String, definitionsSHA256: String,
                            in store: StoreDatabase) throws -> [Row] {
        try store.read { db in
            try GRDB.Row.fetchAll(db, sql: """
                SELECT indicator, programme, township, numerator, denominator, value, status FROM indicator_snapshot
                WHERE month_index = ? AND data_fingerprint = ? AND definitions_sha256 = ?
                ORDER BY indicator, programme, township
                """, arguments: [month.index, dataFingerprint, definitionsSHA256]).map {
                Row(month: month, indicator: $0[0], programme: $0[1], township: $0[2], numerator: $0[3],
                    denominator: $0[4], value: $0[5], status: $0[6])
            }
        }
    }
}
