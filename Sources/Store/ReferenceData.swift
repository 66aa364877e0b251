import GRDB
import GongkaiCore

/// Reference tables derived from templates/ (holiday calendar, approval limits) that definition SQL
/// joins against. They are rewritten only when their content changed, so a computation on unchanged
/// templates writes nothing.
public enum ReferenceData {
    public struct CalendarDay: Sendable, Equatable {
        public let day: Int
        public let working: Bool
        public init(day: Int, working: Bool) { self.day = day; self.working = working }
    }

    public static func sync(calendar days: [CalendarDay], approvalLimits: [String: Int], in store: StoreDatabase) throws {
        try store.write { db in
            let current = try Row.fetchAll(db, sql: "SELECT day, working FROM calendar_day ORDER BY day")
                .map { CalendarDay(day: $0[0], working: $0[1]) }
            if current != days {
                try db.execute(sql: "DELETE FROM calendar_day")
                let insert = try db.makeStatement(sql: "INSERT INTO calendar_day (day, date, working, ordinal) VALUES (?, ?, ?, ?)")
                var ordinal = 0
                for d in days {
                    if d.working { ordinal += 1 }
                    try insert.execute(arguments: [d.day, CivilDate(dayNumber: d.day).description, d.working, ordinal])
                }
            }
            let limits = try [String: Int](uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT programme, working_days FROM approval_limit")
                .map { ($0[0], $0[1]) })
            if limits != approvalLimits {
                try db.execute(sql: "DELETE FROM approval_limit")
                for (p, n) in approvalLimits.sorted(by: { $0.key < $1.key }) {
                    try db.execute(sql: "INSERT INTO approval_limit (programme, working_days) VALUES (?, ?)", arguments: [p, n])
                }
            }
        }
    }

    /// Townships known to the store, for listing every township even where a figure is zero.
    public static func townships(in store: StoreDatabase) throws -> [String] {
        try store.read { try String.fetchAll($0, sql: "SELECT DISTINCT township FROM household") }
    }
}
