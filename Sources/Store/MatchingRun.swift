import Foundation
import GongkaiCore

/// What `gongkai match run` did for a batch.
public struct MatchRunSummary: Sendable {
    public struct RuleResult: Sendable {
        public let rule: String
        public let department: String
        /// Findings this run wrote (a finding the batch already has, with its result, is kept as it was).
        public let written: Int
        public let alreadyThere: Int
    }
    public let batch: MatchBatch
    public let rules: [RuleResult]
    /// Rows read per list.
    public let rowsRead: [DepartmentList: Int]
    /// Lists of the batch that no rule reads (deleted all the same).
    public let unusedLists: [DepartmentList]
    /// 防返贫监测 rows whose household head the store does not know at all (no household to name).
    public let unknownMonitoredHeads: Int
    /// Rows deleted now (this batch's, and other batches' whose keeping period is over).
    public let rowsDeleted: Int
    /// The day until which this batch's rows are kept, when office.toml keeps them.
    public let keptUntil: CivilDate?
}

/// The month's matching: every rule of templates/matching.toml over the batch's department lists,
/// joined by normalised ID number to every member (and head) of the households concerned.
///
/// One transaction: the findings are written (待核查) into `data_match`, the table matches.csv
/// fills, with the rule's id; the lists' rows are deleted (or sealed for office.toml's period). Running
/// a batch again writes only findings it does not have yet and never touches a verifier's result.
public struct MatchingRun {
    public let store: StoreDatabase
    public let clock: Clock
    public let rules: MatchingRules
    public let settings: MatchingSettings

    public init(store: StoreDatabase, clock: Clock, rules: MatchingRules, settings: MatchingSettings = .standard) {
        self.store = store; self.clock = clock; self.rules = rules; self.settings = settings
    }

    /// A person the store knows, by ID number: a member of a household, or a head without a member row.
    struct Person {
        let household: String
        let name: String
        let relation: String
        let birth: CivilDate?
    }

    public func run(batch: MatchBatch) throws -> MatchRunSummary {
        let today = clock.today
        let now = ISO8601DateFormatter().string(from: clock.now())
        return try store.session(readOnly: false) { session in
            let month = batch.month
            let persons = try Self.persons(in: session)
            // Enrolled in the month by the one active-enrolment rule (the view enrolment_months, v19).
            let enrolled = try Self.programmes(in: session, """
                SELECT household_id, programme FROM enrolment_months WHERE start_month_index <= ? AND end_month_index > ?
                """, month.index, month.index)
            let paid = try Self.programmes(in: session, "SELECT household_id, programme FROM payment WHERE month_index = ?", month.index)
            var rowsRead: [DepartmentList: Int] = [:]
            for r in try session.rows("SELECT list, COUNT(*) AS n FROM department_list_row WHERE batch = ? GROUP BY list", batch.description) {
                let name: String? = try r.checked("list", key: "department_list_row")
                if let list = name.flatMap(DepartmentList.init(rawValue:)) { rowsRead[list] = r.value("n", or: 0) }
            }
            // A finding the batch already has (same household and wording) is left as it is, result and all.
            let insert = try session.prepare("""
                INSERT INTO data_match (batch, department, household_id, finding, pushed_on, pushed_day,
                    pushed_month_index, result, rule_id, person_name, programme, severity)
                VALUES (?, ?, ?, ?, ?, ?, ?, '待核查', ?, ?, ?, ?) ON CONFLICT DO NOTHING
                """)
            var results: [String: MatchRunSummary.RuleResult] = [:]
            var unknownHeads = Set<IDNumber>()
            /// One rule over its list's rows: the findings it writes, and those the batch already had.
            func apply(_ rule: MatchingRule, to rows: [DepartmentRow]) throws -> MatchRunSummary.RuleResult {
                let recent = try rule.without.map { try Self.households(in: session, enrolledIn: $0, months: month.index - rule.windowMonths + 1...month.index) }
                var written = 0, already = 0
                // A person listed twice (two cars) gives one finding: the second row is no finding "already there".
                var raised = Set<String>()
                for row in rows {
                    guard let person = persons[row.idNumber] else {
                        if rule.list == .monitoring { unknownHeads.insert(row.idNumber) }
                        continue
                    }
                    let recipient: Bool = switch rule.basis {
                    case .enrolled: rule.recipients.contains { enrolled[person.household]?.contains($0.code) == true }
                    case .paid: rule.recipients.contains { paid[person.household]?.contains($0.code) == true }
                    case .any: rule.recipients.isEmpty || rule.recipients.contains { enrolled[person.household]?.contains($0.code) == true }
                    }
                    guard recipient, Self.fires(rule, row, person, month: month, enrolled: enrolled, recent: recent) else { continue }
                    let finding = Self.wording(rule, row, person)
                    let changed = try insert([
                        batch.description.sqlValue, rule.department.sqlValue, person.household.sqlValue, finding.sqlValue,
                        today.description.sqlValue, today.dayNumber.sqlValue, today.yearMonth.index.sqlValue, rule.id.sqlValue,
                        person.name.sqlValue, rule.programme.code.sqlValue, rule.severity.sqlValue,
                    ])
                    let key = person.household + "\u{1F}" + finding
                    if changed > 0 { written += 1; raised.insert(key) } else if raised.insert(key).inserted { already += 1 }
                }
                return .init(rule: rule.id, department: rule.department, written: written, alreadyThere: already)
            }
            // One list in memory at a time, read once for all the rules that use it.
            var lists: [DepartmentList] = []
            for rule in rules.rules where !lists.contains(rule.list) { lists.append(rule.list) }
            for list in lists where rowsRead[list] != nil {
                let rows = try Self.rows(of: batch, list: list, in: session)
                for rule in rules.rules where rule.list == list { results[rule.id] = try apply(rule, to: rows) }
            }
            let used = Set(rules.rules.map(\.list))
            let unused = DepartmentList.allCases.filter { rowsRead[$0] != nil && !used.contains($0) }
            let (deleted, keptUntil) = try Self.minimise(batch, today: today, now: now, keepDays: settings.keepListsDays, in: session)
            let ordered = rules.rules.map { results[$0.id] ?? .init(rule: $0.id, department: $0.department, written: 0, alreadyThere: 0) }
            return MatchRunSummary(batch: batch, rules: ordered, rowsRead: rowsRead, unusedLists: unused,
                                   unknownMonitoredHeads: unknownHeads.count, rowsDeleted: deleted, keptUntil: keptUntil)
        }
    }

    /// Whether `rule` fires on `row` for `person`, in `month`.
    static func fires(_ rule: MatchingRule, _ row: DepartmentRow, _ person: Person, month: YearMonth,
                      enrolled: [String: Set<String>], recent: Set<String>?) -> Bool {
        if let labels = rule.labels, !labels.contains(row.label ?? "") { return false }
        if let label = row.label, rule.exceptLabels.contains(label) { return false }
        if let ages = rule.ages {
            guard let birth = person.birth, ages.contains(Self.age(born: birth, on: month.firstDay)) else { return false }
        }
        let first = month.firstDay.dayNumber, last = month.lastDay.dayNumber
        // Listed in the month: a dated entry (登记, 成立, 纳入) on or before its last day, a monthly one
        // (社保, 就业, 学年) begun by the month and not ended before it.
        let current = (row.day.map { $0.dayNumber <= last } ?? true)
            && (row.start.map { $0 <= month.index } ?? true) && (row.end.map { $0 >= month.index } ?? true)
        switch rule.condition {
        case .diedBeforeMonth:
            return row.day.map { $0.dayNumber < first } ?? false
        case .listed:
            return current
        case .amountAbove:
            guard let threshold = rule.moreThan, let amount = row.amount else { return false }
            return current && amount > threshold
        case .withoutProgramme:
            return current && !(recent?.contains(person.household) ?? false)
        case .householdUnassisted:
            return current && enrolled[person.household] == nil
        }
    }

    /// Whole years from `born` to `day`.
    static func age(born: CivilDate, on day: CivilDate) -> Int {
        let years = day.year - born.year
        return (day.month, day.day) < (born.month, born.day) ? years - 1 : years
    }

    /// The rule's wording with the row's and the person's values in its placeholders.
    static func wording(_ rule: MatchingRule, _ row: DepartmentRow, _ person: Person) -> String {
        let values: [String: String] = [
            "姓名": person.name, "关系": person.relation, "日期": row.day?.description ?? "",
            "类型": row.label ?? "", "金额": row.amount.map { Money(fen: $0).yuan } ?? "", "学段": row.stage ?? "",
        ]
        var text = rule.finding
        for (name, value) in values { text = text.replacingOccurrences(of: "{\(name)}", with: value) }
        return String(text.prefix(ColumnLimit.finding.characters))
    }

    // MARK: Reading

    static func rows(of batch: MatchBatch, list: DepartmentList, in session: any SQLSession) throws -> [DepartmentRow] {
        var rows: [DepartmentRow] = []
        // Columns by position: a list may have a million rows.
        try session.forEachRow("""
            SELECT list, line, id_number, person_name, label, stage, amount, base, day, start_month_index, end_month_index
            FROM department_list_row WHERE batch = ? AND list = ? ORDER BY line
            """, batch.description, list.rawValue) { r in
            func field<T: SQLColumnValue>(_ index: Int) throws -> T? { try r.checked(index, key: "department_list_row") }
            // Rows were checked on the way in; one whose ID number no longer reads (an edited database) is
            // skipped, a value of another type is said (StoredRecordDamage), never trapped on.
            guard let list = (try field(0) as String?).flatMap(DepartmentList.init(rawValue:)),
                  let id = try? IDNumber(validating: try field(2) ?? "") else { return }
            var row = DepartmentRow(list: list, line: try field(1) ?? 0, idNumber: id)
            row.name = try field(3); row.label = try field(4); row.stage = try field(5)
            row.amount = try field(6); row.base = try field(7)
            row.day = (try field(8) as Int?).map(CivilDate.init(dayNumber:))
            row.start = try field(9); row.end = try field(10)
            rows.append(row)
        }
        return rows
    }

    /// Every member by ID number, and every head that has no member row of their own.
    static func persons(in session: any SQLSession) throws -> [IDNumber: Person] {
        var persons: [IDNumber: Person] = [:]
        try session.forEachRow("SELECT id_number, household_id, name, relation, birth_day FROM household_member") { r in
            func field<T: SQLColumnValue>(_ index: Int) throws -> T? { try r.checked(index, key: "household_member") }
            guard let id = try? IDNumber(validating: try field(0) ?? "") else { return }
            persons[id] = Person(household: try field(1) ?? "", name: try field(2) ?? "", relation: try field(3) ?? "",
                                 birth: (try field(4) as Int?).map(CivilDate.init(dayNumber:)))
        }
        try session.forEachRow("SELECT head_id_number, household_id, head_name FROM household") { r in
            func field(_ index: Int) throws -> String? { try r.checked(index, key: "household") }
            guard let id = try? IDNumber(validating: try field(0) ?? ""), persons[id] == nil else { return }
            persons[id] = Person(household: try field(1) ?? "", name: try field(2) ?? "", relation: "户主", birth: id.birthDate)
        }
        return persons
    }

    /// Household → programme codes, from a statement of (household_id, programme).
    static func programmes(in session: any SQLSession, _ sql: String, _ arguments: any SQLArgument...) throws -> [String: Set<String>] {
        var result: [String: Set<String>] = [:]
        try session.forEachRow(sql, arguments.map(\.sqlValue)) { r in
            let household: String? = try r.checked(0, key: "enrolment"), programme: String? = try r.checked(1, key: "enrolment")
            if let household, let programme { result[household, default: []].insert(programme) }
        }
        return result
    }

    /// Households with an enrolment of `programme` in any month of `months`.
    static func households(in session: any SQLSession, enrolledIn programme: Programme, months: ClosedRange<Int>) throws -> Set<String> {
        Set(try session.column("""
            SELECT DISTINCT household_id FROM enrolment
            WHERE programme = ? AND start_month_index <= ?
              AND CASE WHEN frequency = 'one_off' THEN start_month_index >= ?
                       ELSE stop_month_index IS NULL OR stop_month_index > ? END
            """, programme.code, months.upperBound, months.lowerBound, months.lowerBound) as [String])
    }

    // MARK: Data minimisation

    /// Deletes the batch's rows (or keeps them until `keepDays` from today) and every other batch's
    /// rows whose keeping period is over; records what happened on the lists' file rows.
    static func minimise(_ batch: MatchBatch, today: CivilDate, now: String, keepDays: Int,
                         in session: any SQLSession) throws -> (deleted: Int, keptUntil: CivilDate?) {
        let key = batch.description
        try session.execute("UPDATE department_list_file SET used_at = ? WHERE batch = ? AND deleted_at IS NULL", now, key)
        var keptUntil: CivilDate?
        if keepDays > 0 {
            let until = today.adding(days: keepDays)
            keptUntil = until
            try session.execute("UPDATE department_list_file SET keep_until_day = ? WHERE batch = ? AND deleted_at IS NULL",
                                until.dayNumber, key)
        } else {
            try session.execute("UPDATE department_list_file SET keep_until_day = NULL WHERE batch = ? AND deleted_at IS NULL", key)
        }
        return (try purge(today: today, now: now, alsoBatch: keepDays > 0 ? nil : key, in: session), keptUntil)
    }

    /// Deletes the rows of every list that was used and whose keeping period is over (and of
    /// `alsoBatch`, just used and not kept). Returns the rows deleted.
    static func purge(today: CivilDate, now: String, alsoBatch: String?, in session: any SQLSession) throws -> Int {
        let due = try session.rows("""
            SELECT batch, list FROM department_list_file
            WHERE deleted_at IS NULL AND used_at IS NOT NULL
              AND ((keep_until_day IS NULL AND batch = ?) OR keep_until_day < ?)
            ORDER BY batch, list
            """, alsoBatch, today.dayNumber)
        var deleted = 0
        for l in due {
            let batch: String = l.value("batch", or: ""), list: String = l.value("list", or: "")
            deleted += try session.execute("DELETE FROM department_list_row WHERE batch = ? AND list = ?", batch, list)
            try session.execute("UPDATE department_list_file SET deleted_at = ? WHERE batch = ? AND list = ?", now, batch, list)
        }
        return deleted
    }
}
