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

    public static func matches(month: YearMonth, in store: StoreDatabase) throws -> [DepartmentMatches] {
        try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT department,
                       SUM(pushed_month_index = ?),
                       SUM(pushed_month_index = ?),
                       SUM(pushed_month_index = ? AND result <> '待核查' AND resolved_day <= pushed_day + 30),
                       SUM(pushed_month_index = ? AND result = '属实'),
                       SUM(pushed_month_index = ? AND result = '待核查')
                FROM data_match
                WHERE pushed_month_index IN (?, ?)
                GROUP BY department ORDER BY department
                """, arguments: [month.index, month.index - 1, month.index - 1, month.index - 1, month.index - 1,
                                 month.index, month.index - 1]).map {
                DepartmentMatches(department: $0[0], pushed: $0[1], pushedPreviousMonth: $0[2],
                                  verifiedWithin30Days: $0[3], confirmed: $0[4], pending: $0[5])
            }
        }
    }

    public static func services(month: YearMonth, in store: StoreDatabase) throws -> [ServiceTypeSummary] {
        let first = month.adding(months: -11).firstDay.dayNumber, last = month.lastDay.dayNumber
        return try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT service_type,
                       SUM(started_day BETWEEN ? AND ?),
                       SUM(ended_day BETWEEN ? AND ?),
                       SUM(ended_day BETWEEN ? AND ? AND outcome IN ('就业', '创业')),
                       SUM(ended_day BETWEEN ? AND ? AND satisfaction IS NOT NULL),
                       SUM(ended_day BETWEEN ? AND ? AND satisfaction >= 4)
                FROM service GROUP BY service_type ORDER BY COUNT(*) DESC, service_type
                """, arguments: [first, last, first, last, first, last, first, last, first, last]).map {
                ServiceTypeSummary(serviceType: $0[0], started: $0[1], ended: $0[2], employedOrStartedBusiness: $0[3],
                                   rated: $0[4], satisfied: $0[5])
            }
        }
    }

    public static func staff(in store: StoreDatabase) throws -> StaffSummary {
        try store.read { db in
            StaffSummary(roles: try Row.fetchAll(db, sql: """
                SELECT role, COUNT(*), SUM(certificate <> '无'), SUM(COALESCE(training_hours, 0))
                FROM staff GROUP BY role ORDER BY COUNT(*) DESC, role
                """).map { StaffSummary.Role(role: $0[0], count: $0[1], certified: $0[2], trainingHours: $0[3]) })
        }
    }
}
