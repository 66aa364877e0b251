import GRDB
import GongkaiCore

/// What the store holds: rows per kind, the months its payments cover, and the latest imports.
public struct StoreSummary: Sendable, Codable {
    public struct Count: Sendable, Codable {
        public let kind: String
        public let rows: Int
    }
    public let counts: [Count]
    /// First and last month with payments, and how many distinct months have any.
    public let firstMonth: String?
    public let lastMonth: String?
    public let monthsWithPayments: Int
    public let recentImports: [ImportLog.Entry]
    /// The departments' lists for data matching: what is still held, what was deleted when.
    public let departmentLists: DepartmentListHoldings

    public static func read(from store: StoreDatabase, recentImports limit: Int = 5) throws -> StoreSummary {
        try store.read { db in
            let tables: [(ImportKind, String)] = [
                (.households, "household"), (.members, "household_member"), (.enrolments, "enrolment"), (.payments, "payment"), (.services, "service"),
                (.staff, "staff"), (.matches, "data_match"), (.complaints, "complaint"),
            ]
            let counts = try tables.map { kind, table in
                Count(kind: kind.rawValue, rows: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0)
            }
            let row = try Row.fetchOne(db, sql: "SELECT MIN(month_index), MAX(month_index), COUNT(DISTINCT month_index) FROM payment")
            let first: Int? = row?[0], last: Int? = row?[1]
            return StoreSummary(counts: counts,
                                firstMonth: first.map { YearMonth(index: $0).description },
                                lastMonth: last.map { YearMonth(index: $0).description },
                                monthsWithPayments: row?[2] ?? 0,
                                recentImports: try ImportLog.recent(limit, in: db),
                                departmentLists: try DepartmentListHoldings.read(SQLiteSession(db: db)))
        }
    }
}
