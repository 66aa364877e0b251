import GongkaiCore

extension ReportAggregates {
    /// The data-matching loop for one rule (or for matches.csv's findings, `rule` nil) of one
    /// department: findings pushed in a month and what became of them. Counts only.
    public struct RuleLoop: Sendable, Equatable {
        public let department: String
        public let rule: String?
        public let pushed: Int
        /// With a result (not 待核查) dated no later than the 30th working day after the push.
        public let verifiedWithin30WorkingDays: Int
        public let confirmed: Int
        /// Confirmed, and the household's enrolment in the finding's programme stopped in the month
        /// pushed or the two after (停发).
        public let stopped: Int
        /// Confirmed, not stopped, and the household's payment of the programme in one of the two
        /// months after differs from the month pushed (金额调整).
        public let adjusted: Int

        public var counts: [Int] { [pushed, verifiedWithin30WorkingDays, confirmed, stopped, adjusted] }
    }

    /// The loop of the findings pushed in `month`, by department and rule; working days by `calendar`
    /// (weekends only for a year it does not cover, as the desk's provisional deadlines).
    public static func matchingLoop(pushedIn month: YearMonth, calendar: WorkCalendar, in store: StoreDatabase) throws -> [RuleLoop] {
        struct Key: Hashable { let department: String; let rule: String? }
        var counts: [Key: [Int]] = [:]
        try store.session(readOnly: true) { session in
            // The two flags are 0 or 1 on either database (PostgreSQL's booleans are read as integers).
            let rows = try session.rows("""
                SELECT m.department, m.rule_id, m.pushed_day, m.result, m.resolved_day,
                       m.result = '属实' AND m.programme IS NOT NULL AND EXISTS (
                           SELECT 1 FROM enrolment e WHERE e.household_id = m.household_id AND e.programme = m.programme
                              AND e.stop_month_index BETWEEN m.pushed_month_index AND m.pushed_month_index + 2) AS stopped,
                       m.result = '属实' AND m.programme IS NOT NULL AND EXISTS (
                           SELECT 1 FROM payment a JOIN payment b ON b.household_id = a.household_id AND b.programme = a.programme
                            WHERE a.household_id = m.household_id AND a.programme = m.programme
                              AND a.month_index = m.pushed_month_index
                              AND b.month_index BETWEEN m.pushed_month_index + 1 AND m.pushed_month_index + 2
                              AND b.amount_fen <> a.amount_fen) AS adjusted
                FROM data_match m WHERE m.pushed_month_index = ?
                """, month.index)
            for r in rows {
                func field<T: SQLColumnValue>(_ column: String) throws -> T? { try r.checked(column, key: "data_match") }
                let key = Key(department: try field("department") ?? "", rule: try field("rule_id"))
                let pushed = CivilDate(dayNumber: try field("pushed_day") ?? 0)
                let result: String = try field("result") ?? ""
                let resolved = (try field("resolved_day") as Int?).map(CivilDate.init(dayNumber:))
                let deadline = (try? calendar.adding(workingDays: 30, to: pushed)) ?? (try? calendar.provisional.adding(workingDays: 30, to: pushed))
                let verified = result != "待核查" && resolved != nil && deadline != nil && (resolved ?? pushed) <= (deadline ?? pushed)
                let stopped = (try field("stopped") ?? 0 as Int64) != 0, adjusted = (try field("adjusted") ?? 0 as Int64) != 0
                let add = [1, verified ? 1 : 0, result == "属实" ? 1 : 0, stopped ? 1 : 0, !stopped && adjusted ? 1 : 0]
                counts[key] = zip(counts[key] ?? [0, 0, 0, 0, 0], add).map(+)
            }
        }
        return counts.sorted { ($0.key.department, $0.key.rule ?? "") < ($1.key.department, $1.key.rule ?? "") }.map { key, c in
            RuleLoop(department: key.department, rule: key.rule, pushed: c[0], verifiedWithin30WorkingDays: c[1],
                     confirmed: c[2], stopped: c[3], adjusted: c[4])
        }
    }
}
