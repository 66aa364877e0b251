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
        try store.session(readOnly: true) { session in
            try session.rows(try NamedStatement("""
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
                """), ["month": month.index, "previous": month.index - 1]).map(DepartmentMatches.init)
        }
    }

    public static func services(month: YearMonth, in store: StoreDatabase) throws -> [ServiceTypeSummary] {
        let first = month.adding(months: -11).firstDay.dayNumber, last = month.lastDay.dayNumber
        return try store.session(readOnly: true) { session in
            try session.rows(try NamedStatement("""
                SELECT service_type,
                       COUNT(CASE WHEN started_day BETWEEN :first AND :last THEN 1 END) AS started,
                       COUNT(CASE WHEN ended_day BETWEEN :first AND :last THEN 1 END) AS ended,
                       COUNT(CASE WHEN ended_day BETWEEN :first AND :last
                                   AND outcome IN ('就业', '创业') THEN 1 END) AS employed_or_started_business,
                       COUNT(CASE WHEN ended_day BETWEEN :first AND :last
                                   AND satisfaction IS NOT NULL THEN 1 END) AS rated,
                       COUNT(CASE WHEN ended_day BETWEEN :first AND :last AND satisfaction >= 4 THEN 1 END) AS satisfied
                FROM service GROUP BY service_type ORDER BY COUNT(*) DESC, service_type
                """), ["first": first, "last": last]).map(ServiceTypeSummary.init)
        }
    }

    public static func staff(in store: StoreDatabase) throws -> StaffSummary {
        try store.session(readOnly: true) { session in
            StaffSummary(roles: try session.rows("""
                SELECT role, COUNT(*) AS count, COUNT(CASE WHEN certificate <> '无' THEN 1 END) AS certified,
                       COALESCE(SUM(training_hours), 0) AS training_hours
                FROM staff GROUP BY role ORDER BY COUNT(*) DESC, role
                """).map(StaffSummary.Role.init))
        }
    }
}

// Rows decode by column name and throw `StoredRecordDamage` (never trap) on a value of the wrong type.

extension ReportAggregates.DepartmentMatches {
    init(_ row: SQLRow) throws {
        let key: String = try row.required("department", key: "data_match")
        self.init(department: key, pushed: try row.required("pushed", key: key),
                  pushedPreviousMonth: try row.required("pushed_previous_month", key: key),
                  verifiedWithin30Days: try row.required("verified_within_30_days", key: key),
                  confirmed: try row.required("confirmed", key: key), pending: try row.required("pending", key: key))
    }
}

extension ReportAggregates.ServiceTypeSummary {
    init(_ row: SQLRow) throws {
        let key: String = try row.required("service_type", key: "service")
        self.init(serviceType: key, started: try row.required("started", key: key),
                  ended: try row.required("ended", key: key),
                  employedOrStartedBusiness: try row.required("employed_or_started_business", key: key),
                  rated: try row.required("rated", key: key), satisfied: try row.required("satisfied", key: key))
    }
}

extension ReportAggregates.StaffSummary.Role {
    init(_ row: SQLRow) throws {
        let key: String = try row.required("role", key: "staff")
        self.init(role: key, count: try row.required("count", key: key),
                  certified: try row.required("certified", key: key), trainingHours: try row.required("training_hours", key: key))
    }
}
