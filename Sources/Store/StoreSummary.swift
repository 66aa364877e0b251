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

    /// The counts, months, imports and the departments' lists in one snapshot.
    public static func read(from store: StoreDatabase, recentImports limit: Int = 5) throws -> StoreSummary {
        let summary = try store.session(readOnly: true) { session in
            let tables: [(ImportKind, String)] = [
                (.households, "household"), (.members, "household_member"), (.enrolments, "enrolment"), (.payments, "payment"), (.services, "service"),
                (.staff, "staff"), (.matches, "data_match"), (.complaints, "complaint"),
            ]
            let counts = try tables.map { kind, table in
                Count(kind: kind.rawValue, rows: try session.value("SELECT COUNT(*) AS n FROM \(table)") ?? 0)
            }
            let row = try session.row("SELECT MIN(month_index) AS first, MAX(month_index) AS last, COUNT(DISTINCT month_index) AS months FROM payment")
            let first: Int? = row?.optional("first"), last: Int? = row?.optional("last")
            return (counts: counts,
                    firstMonth: first.map { YearMonth(index: $0).description },
                    lastMonth: last.map { YearMonth(index: $0).description },
                    monthsWithPayments: row?.optional("months") ?? 0,
                    recentImports: try ImportLog.recent(limit, in: session),
                    departmentLists: try DepartmentListHoldings.read(session))
        }
        return StoreSummary(counts: summary.counts, firstMonth: summary.firstMonth, lastMonth: summary.lastMonth,
                            monthsWithPayments: summary.monthsWithPayments, recentImports: summary.recentImports,
                            departmentLists: summary.departmentLists)
    }
}
