import GRDB
import GongkaiCore

/// Aggregates the evaluation report shows beside the indicators. Counts only: no names, no IDs.
public enum ReportAggregates {
    /// Data matching for one department: findings pushed in the month and the month before, and how
    /// the previous month's were resolved (the 30-day window closes within the month).
    public struct DepartmentMatches: Sendable, Equatable {
        public let department: String
        public let pushed: Int
        public let pushedPreviousMonth: Int
        public let verifiedWithin30Days: Int
        public let confirmed: Int
        public let pending: Int
    }

    /// Services of one type over the 12 months ending with the month.
    public struct ServiceTypeSummary: Sendable, Equatable {
        public let serviceType: String
        public let started: Int
        public let ended: Int
        public let employedOrStartedBusiness: Int
        public let rated: Int
        public let satisfied: Int
    }

    public struct StaffSummary: Sendable, Equatable {
        public struct Role: Sendable, Equatable {
            public let role: String
            public let count: Int
            public let certified: Int
            public let trainingHours: Int
        }
        public let roles: [Role]
        public var total: Int { roles.reduce(0) { $0 + $1.count } }
        public var certified: Int { roles.reduce(0) { $0 + $1.certified } }
        public var trainingHours: Int { roles.reduce(0) { $0 + $1.trainingHours } }
    }

    // Every count is COUNT(CASE WHEN … THEN 1 END): never NULL, whatever the rows hold. SUM over a
    // condition is NULL when the condition is NULL on every row (a service type none of whose services
    // ended, a finding confirmed without a resolution date), and that NULL once trapped the publication.

    public static func matches(month: YearMonth, in store: StoreDatabase) throws -> [DepartmentMatches] {
        try store.read { db in
            try DepartmentMatches.fetchAll(db, sql: """
                SELECT department,
                       COUNT(CASE WHEN pushed_month_index = :month THEN 1 END) AS pushed,
                       COUNT(CASE WHEN pushed_month_index = :previous THEN 1 END) AS pushed_previous_month,
                       COUNT(CASE WHEN pushed_month_index = :previous AND result <> '待核查'
                                   AND resolved_day <= pushed_day + 30 THEN 1 END) AS verified_within_30_days,
                       COUNT(CASE WHEN pushed_month_index = :previous AND result = '属实' THEN 1 END) AS confirmed,
                       COUNT(CASE WHEN pushed_month_index = :previous AND result = '待核查' THEN 1 END) AS pending
                FROM data_match
                WHERE pushed_month_index IN (:month, :previous)
                GROUP BY department ORDER BY department
                """, arguments: ["month": month.index, "previous": month.index - 1])
        }
    }

    public static func services(month: YearMonth, in store: StoreDatabase) throws -> [ServiceTypeSummary] {
        let first = month.adding(months: -11).firstDay.dayNumber, last = month.lastDay.dayNumber
        return try store.read { db in
            try ServiceTypeSummary.fetchAll(db, sql: """
                SELECT service_type,
                       COUNT(CASE WHEN started_day BETWEEN :first AND :last THEN 1 END) AS started,
                       COUNT(CASE WHEN ended_day BETWEEN :first AND :last THEN 1 END) AS ended,
                       COUNT(CASE WHEN ended_day BETWEEN :first AND :last
                                   AND outcome IN ('就业', '创业') THEN 1 END) AS employed_or_started_business,
                       COUNT(CASE WHEN ended_day BETWEEN :first AND :last
                                   AND satisfaction IS NOT NULL THEN 1 END) AS rated,
                       COUNT(CASE WHEN ended_day BETWEEN :first AND :last AND satisfaction >= 4 THEN 1 END) AS satisfied
                FROM service GROUP BY service_type ORDER BY COUNT(*) DESC, service_type
                """, arguments: ["first": first, "last": last])
        }
    }

    public static func staff(in store: StoreDatabase) throws -> StaffSummary {
        try store.read { db in
            StaffSummary(roles: try StaffSummary.Role.fetchAll(db, sql: """
                SELECT role, COUNT(*) AS count, COUNT(CASE WHEN certificate <> '无' THEN 1 END) AS certified,
                       COALESCE(SUM(training_hours), 0) AS training_hours
                FROM staff GROUP BY role ORDER BY COUNT(*) DESC, role
                """))
        }
    }
}

// Rows decode by column name and throw (never trap) on a value of the wrong type.

extension ReportAggregates.DepartmentMatches: FetchableRecord {
    public init(row: Row) throws {
        self.init(department: try row.decode(forColumn: "department"), pushed: try row.decode(forColumn: "pushed"),
                  pushedPreviousMonth: try row.decode(forColumn: "pushed_previous_month"),
                  verifiedWithin30Days: try row.decode(forColumn: "verified_within_30_days"),
                  confirmed: try row.decode(forColumn: "confirmed"), pending: try row.decode(forColumn: "pending"))
    }
}

extension ReportAggregates.ServiceTypeSummary: FetchableRecord {
    public init(row: Row) throws {
        self.init(serviceType: try row.decode(forColumn: "service_type"), started: try row.decode(forColumn: "started"),
                  ended: try row.decode(forColumn: "ended"),
                  employedOrStartedBusiness: try row.decode(forColumn: "employed_or_started_business"),
                  rated: try row.decode(forColumn: "rated"), satisfied: try row.decode(forColumn: "satisfied"))
    }
}

extension ReportAggregates.StaffSummary.Role: FetchableRecord {
    public init(row: Row) throws {
        self.init(role: try row.decode(forColumn: "role"), count: try row.decode(forColumn: "count"),
                  certified: try row.decode(forColumn: "certified"), trainingHours: try row.decode(forColumn: "training_hours"))
    }
}
