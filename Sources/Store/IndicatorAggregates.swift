import Foundation
import GongkaiCore

/// Monthly aggregates the indicator definitions read instead of scanning a million households' rows
/// for every statement and month (docs/indicators.md, "Monthly aggregates"). Both are pure functions of the stored
/// rows: the import refreshes them in its own transaction (`refresh(after:in:)`), `gongkai indicators
/// --rebuild-aggregates` rebuilds them from scratch, and the tests check that every shipped indicator
/// computed from them equals the same indicator computed from the rows.
///
/// - `enrolment_change` holds, per month, programme (and 'all') and township, by how much each count
///   of active enrolments changes in that month. The count in month m is the sum of the changes up to
///   m (`WHERE month_index <= :month`), so it is right for every month, also one later than any
///   data, and an enrolment touches two rows, not one per month. Distinct households are counted
///   from each household's active spans merged (a household in two programmes, or with two
///   enrolments one after the other, counts once), exactly as `COUNT(DISTINCT household_id)` over
///   `v_enrolment` counts them.
/// - `payment_tally` counts a month's payments by every value a definition filters or joins on
///   (programme, township, area, category, covered persons, frequency of the enrolment paid, amount,
///   whether paid by the month's end): at 100,000 households 57,879 payments of a month fall into
///   about 1,600 tallies, and a definition joining the office's payment standards still sees every
///   amount.
enum IndicatorAggregates {
    /// `enrolment_change`'s columns, as the v20 migration creates them on either database.
    static let enrolmentChangeColumns = ["month_index", "programme", "township", "households", "monthly_households",
                                         "served_monthly_households", "enrolments", "monthly_enrolments",
                                         "persons", "monthly_persons"]

    /// "Open": the end month of an enrolment that has not stopped (`enrolment_months`) and of a service
    /// that has not ended. No change row is written for it.
    static let open = 999_999

    /// More covered persons than this in one stored enrolment is damage (see `rebuildEnrolmentChanges`).
    static let maximumPersons: Int64 = 1_000_000

    /// What an import changed, for `refresh(after:in:)`.
    struct Changes {
        /// The months of the payments the import read, when it inserted or changed any.
        var paymentMonths: Set<Int> = []
        /// Whether rows that every month's aggregates depend on changed: enrolments (active spans,
        /// frequency, category, covered persons), services (served households), households (township
        /// and area are copied into or joined by both aggregates).
        var enrolments = false
        var services = false
        var households = false
    }

    /// Brings both aggregates up to date with the rows an import has just written, in its transaction.
    /// Enrolment changes are rebuilt whole (one ordered read of the enrolments: about a second per
    /// million); payment tallies only for the months whose payments, or whose payments' enrolments and
    /// households, may have changed.
    static func refresh(after changes: Changes, in session: any SQLSession) throws {
        if changes.enrolments || changes.services || changes.households {
            try rebuildEnrolmentChanges(in: session)
        }
        if changes.enrolments || changes.households {
            try rebuildPaymentTallies(months: nil, in: session)
        } else if !changes.paymentMonths.isEmpty {
            try rebuildPaymentTallies(months: changes.paymentMonths.sorted(), in: session)
        }
    }

    /// Both aggregates from scratch.
    static func rebuild(in session: any SQLSession) throws {
        try rebuildEnrolmentChanges(in: session)
        try rebuildPaymentTallies(months: nil, in: session)
    }

    // MARK: - Payment tallies

    /// Recounts the tallies of `months` (every month with payments when nil): each payment with its
    /// household's area and the enrolment it pays for (the one of its household and programme active
    /// in its month; enrolments never overlap, so there is at most one — with none, the enrolment's
    /// values are NULL), counted by all those values. "Paid in the month" is `paid_day <=` the
    /// month's last day, as the views' definitions compared it.
    ///
    /// The join is done here, not in SQL: households and enrolments are read once, in order, and each
    /// month's payments from the index that covers them. Inside a first import of a million households
    /// every page SQLite reads is looked up in a write-ahead log of gigabytes, and a join that looks up
    /// a household and an enrolment for each of 24 million payments did not finish in ten minutes.
    static func rebuildPaymentTallies(months: [Int]?, in session: any SQLSession) throws {
        let every = months == nil
        let months = try months ?? paymentMonths(in: session)
        if every { try session.execute("DELETE FROM payment_tally", []) }
        if session.dialect.countsPaymentTalliesInSQL {
            return try countPaymentTallies(months: months, replacing: !every, in: session)
        }
        // Each household's area and enrolments in one entry: a payment costs one lookup by household.
        var households: [String: HouseholdFacts] = [:]
        var interned: [String: String] = [:]
        func intern(_ text: String) -> String {
            if let known = interned[text] { return known }
            interned[text] = text
            return text
        }
        try session.forEachRow("SELECT household_id, area FROM household", []) { row in
            let id: String = try row.checked(0, key: "household") ?? ""
            households[id] = HouseholdFacts(area: intern(try row.checked(1, key: id) ?? ""))
        }
        try session.forEachRow("""
            SELECT household_id, programme, category, covered_persons, frequency, start_month_index, end_month_index
            FROM enrolment_months
            """, []) { row in
            let id: String = try row.checked(0, key: "enrolment") ?? ""
            let start: Int = try row.checked(5, key: id) ?? 0
            guard start < open else { return }  // never active in a month that has payments (see below)
            households[id]?.enrolments.append(
                PaidEnrolment(programme: intern(try row.checked(1, key: id) ?? ""),
                              months: start..<max(start, min(try row.checked(6, key: id) ?? open, open)),
                              category: try row.checked(2, key: id).map(intern), persons: try row.checked(3, key: id),
                              frequency: try row.checked(4, key: id).map(intern)))
        }
        for month in months {
            if !every { try session.execute("DELETE FROM payment_tally WHERE month_index = ?", [.integer(Int64(month))]) }
            // A month past year 9999 (only in a database edited outside gongkai) compares with 9999's last day.
            let lastDay = YearMonth(index: min(max(month, 0), 9999 * 12 + 11)).lastDay.dayNumber
            var tallies: [Tally: Int64] = [:]
            try session.forEachRow("""
                SELECT programme, township, household_id, amount_fen, paid_day FROM payment WHERE month_index = ?
                """, [.integer(Int64(month))]) { row in
                let id: String = try row.checked(2, key: "payment") ?? ""
                guard let household = households[id] else { return }  // no household: the views' inner join drops it
                let programme: String = try row.checked(0, key: id) ?? ""
                let township: String = try row.checked(1, key: id) ?? ""
                let amount: Int64 = try row.checked(3, key: id) ?? 0
                let paidInMonth = (try row.checked(4, key: id) ?? Int.max) <= lastDay
                func count(_ e: PaidEnrolment?) {
                    tallies[Tally(programme: programme, township: township, area: household.area, category: e?.category,
                                  persons: e?.persons, frequency: e?.frequency, amount: amount, paidInMonth: paidInMonth),
                            default: 0] += 1
                }
                var paid = false
                for e in household.enrolments where e.programme == programme && e.months.contains(month) {
                    count(e); paid = true
                }
                if !paid { count(nil) }
            }
            let rows = tallies.sorted { $0.key < $1.key }
            try session.append(into: "payment_tally", columns: paymentTallyColumns, rows: rows.lazy.map { t, payments in
                [.integer(Int64(month)), .text(t.programme), .text(t.township), .text(t.area),
                 t.category.map(SQLValue.text) ?? .null, t.persons.map(SQLValue.integer) ?? .null,
                 t.frequency.map(SQLValue.text) ?? .null, .integer(t.amount), .integer(t.paidInMonth ? 1 : 0),
                 .integer(payments)]
            })
        }
    }

    /// The same tallies in one statement (`SQLDialect.countsPaymentTalliesInSQL`), with the same
    /// answers on every row the Swift path reads: a start at or past "open" is never active, a month
    /// at or past it has no enrolment, and each month's last day comes from a list of the months.
    private static func countPaymentTallies(months: [Int], replacing: Bool, in session: any SQLSession) throws {
        for chunk in stride(from: 0, to: months.count, by: 1000).map({ Array(months[$0..<min($0 + 1000, months.count)]) }) {
            let list = chunk.map { _ in "(?, ?)" }.joined(separator: ", ")
            let bounds = chunk.flatMap { month -> [SQLValue] in
                [.integer(Int64(month)), .integer(Int64(YearMonth(index: min(max(month, 0), 9999 * 12 + 11)).lastDay.dayNumber))]
            }
            if replacing {
                try session.execute("DELETE FROM payment_tally WHERE month_index IN (\(chunk.map { _ in "?" }.joined(separator: ", ")))",
                                    chunk.map { .integer(Int64($0)) })
            }
            try session.execute("""
                INSERT INTO payment_tally (\(paymentTallyColumns.joined(separator: ", ")))
                SELECT p.month_index, p.programme, p.township, h.area, e.category, e.covered_persons, e.frequency,
                       p.amount_fen, CASE WHEN p.paid_day <= l.last_day THEN 1 ELSE 0 END, COUNT(*)
                FROM payment p
                JOIN (VALUES \(list)) AS l(month_index, last_day) ON l.month_index = p.month_index
                JOIN household h ON h.household_id = p.household_id
                LEFT JOIN enrolment_months e ON e.household_id = p.household_id AND e.programme = p.programme
                 AND e.start_month_index <= p.month_index AND e.end_month_index > p.month_index
                 AND e.start_month_index < \(open) AND p.month_index < \(open)
                GROUP BY p.month_index, p.programme, p.township, h.area, e.category, e.covered_persons, e.frequency,
                         p.amount_fen, CASE WHEN p.paid_day <= l.last_day THEN 1 ELSE 0 END
                """, bounds)
        }
    }

    static let paymentTallyColumns = ["month_index", "programme", "township", "area", "category", "covered_persons",
                                      "frequency", "amount_fen", "paid_in_month", "payments"]

    /// Every month that has payments: the range between the first and the last when it is no longer
    /// than a century (an empty month costs one index probe), else the distinct months themselves.
    private static func paymentMonths(in session: any SQLSession) throws -> [Int] {
        guard let row = try session.rows("SELECT MIN(month_index) AS first, MAX(month_index) AS last FROM payment", []).first,
              let first: Int = try row.checked("first", key: "payment"), let last: Int = try row.checked("last", key: "payment")
        else { return [] }
        let (span, overflow) = last.subtractingReportingOverflow(first)
        if !overflow && span <= 1200 { return Array(first...last) }
        return try session.column("SELECT DISTINCT month_index FROM payment ORDER BY month_index")
    }

    private struct HouseholdFacts {
        let area: String
        var enrolments: [PaidEnrolment] = []
    }

    /// What a payment's tally takes from the enrolment it pays for.
    private struct PaidEnrolment {
        let programme: String
        let months: Range<Int>
        let category: String?
        let persons: Int64?
        let frequency: String?
    }

    private struct Tally: Hashable, Comparable {
        let programme: String, township: String, area: String
        let category: String?, persons: Int64?, frequency: String?
        let amount: Int64
        let paidInMonth: Bool

        /// The order rows are written in, so that the same payments always give the same table.
        static func < (a: Tally, b: Tally) -> Bool {
            if (a.programme, a.township, a.area) != (b.programme, b.township, b.area) {
                return (a.programme, a.township, a.area) < (b.programme, b.township, b.area)
            }
            let (ac, bc) = (a.category ?? "", b.category ?? ""), (af, bf) = (a.frequency ?? "", b.frequency ?? "")
            if (ac, af) != (bc, bf) { return (ac, af) < (bc, bf) }
            return (a.persons ?? -1, a.amount, a.paidInMonth ? 1 : 0) < (b.persons ?? -1, b.amount, b.paidInMonth ? 1 : 0)
        }
    }

    // MARK: - Enrolment changes

    /// One enrolment's active months and what it counts.
    private struct Span {
        let programme: String
        let township: String
        let monthly: Bool
        let persons: Int64
        let months: Range<Int>
    }

    /// The seven counts of a change row.
    private struct Counts {
        var households: Int64 = 0, monthlyHouseholds: Int64 = 0, served: Int64 = 0
        var enrolments: Int64 = 0, monthlyEnrolments: Int64 = 0, persons: Int64 = 0, monthlyPersons: Int64 = 0

        var isNonZero: Bool {
            households != 0 || monthlyHouseholds != 0 || served != 0 || enrolments != 0 || monthlyEnrolments != 0
                || persons != 0 || monthlyPersons != 0
        }
    }

    private struct Cell: Hashable {
        let month: Int
        let programme: String
        let township: String
    }

    /// Reads every enrolment household by household (the primary key's order) with the household's
    /// services, and replaces the change rows.
    static func rebuildEnrolmentChanges(in session: any SQLSession) throws {
        let services = try serviceMonths(in: session)
        var changes: [Cell: Counts] = [:]
        var household: String?
        var spans: [Span] = []
        func flush() {
            guard let id = household else { return }
            add(spans, served: services[id] ?? [], to: &changes)
            spans.removeAll(keepingCapacity: true)
        }
        try session.forEachRow("""
            SELECT household_id, programme, township, frequency, covered_persons, start_month_index, end_month_index
            FROM enrolment_months ORDER BY household_id, programme, start_month_index
            """, []) { row in
            let id: String = try row.checked(0, key: "enrolment") ?? ""
            if id != household { flush(); household = id }
            let start: Int = try row.checked(5, key: id) ?? 0
            // A start at or after "open" (only in a database edited outside gongkai) is never active
            // in a month any definition asks for; its end may not even be an integer (start + 1
            // past the largest one).
            guard start < open else { return }
            let end = min(try row.checked(6, key: id) ?? open, open)
            guard end > start else { return }  // a stop before its start: never active
            let persons: Int64 = try row.checked(4, key: id) ?? 0
            // The import allows at most 30; a far larger number was written outside gongkai, and summing
            // it could overflow.
            guard (0...Self.maximumPersons).contains(persons) else {
                throw StoredRecordDamage(key: id, field: "covered_persons", value: String(persons))
            }
            spans.append(Span(programme: try row.checked(1, key: id) ?? "", township: try row.checked(2, key: id) ?? "",
                              monthly: try row.checked(3, key: id) == "monthly", persons: persons, months: start..<end))
        }
        flush()
        try session.execute("DELETE FROM enrolment_change", [])
        let cells = changes.filter { $0.value.isNonZero }.sorted {
            ($0.key.programme, $0.key.township, $0.key.month) < ($1.key.programme, $1.key.township, $1.key.month)
        }
        try session.append(into: "enrolment_change", columns: enrolmentChangeColumns, rows: cells.lazy.map { cell, c in
            [.integer(Int64(cell.month)), .text(cell.programme), .text(cell.township), .integer(c.households),
             .integer(c.monthlyHouseholds), .integer(c.served), .integer(c.enrolments), .integer(c.monthlyEnrolments),
             .integer(c.persons), .integer(c.monthlyPersons)]
        })
    }

    /// Each household's months in which it "had a service in the 12 months ending with the month":
    /// a service started on or before the month's last day and not ended before the first day of
    /// the month 11 months earlier, i.e. months from its start month to 11 months after its end
    /// month, merged. Read from the day numbers the views compare, so the two agree on every row.
    private static func serviceMonths(in session: any SQLSession) throws -> [String: [Range<Int>]] {
        var spans: [String: [Range<Int>]] = [:]
        try session.forEachRow("SELECT household_id, started_day, ended_day FROM service", []) { row in
            let id: String = try row.checked(0, key: "service") ?? ""
            let start = monthIndex(ofDay: try row.checked(1, key: id) ?? 0)
            let ended: Int? = try row.checked(2, key: id)
            let end = ended.map { monthIndex(ofDay: $0) + 12 } ?? open
            if end > start { spans[id, default: []].append(start..<end) }
        }
        return spans.mapValues(merged)
    }

    private static let firstDay = YearMonth(index: 12).firstDay.dayNumber
    private static let lastDay = YearMonth(index: 9999 * 12 + 11).lastDay.dayNumber

    /// The month index of a day number; days outside years 1–9999 (only in a database edited outside
    /// gongkai) count as the first or last of them, which orders them the same against any month.
    private static func monthIndex(ofDay day: Int) -> Int {
        let date = CivilDate(dayNumber: min(max(day, firstDay), lastDay))
        return date.year * 12 + date.month - 1
    }

    /// Overlapping or touching ranges joined; the result is sorted and disjoint.
    private static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in ranges.sorted(by: { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }

    /// One household's contributions: each enrolment counts at its start and stops counting at its
    /// end, under its programme and 'all'; the household counts once per (programme or 'all',
    /// township) for each merged stretch of its active months, and once more for the months of those
    /// stretches (monthly enrolments only) that fall in its service months.
    private static func add(_ spans: [Span], served: [Range<Int>], to changes: inout [Cell: Counts]) {
        func change(_ month: Int, _ programme: String, _ township: String, _ body: (inout Counts) -> Void) {
            guard month < open else { return }
            body(&changes[Cell(month: month, programme: programme, township: township), default: Counts()])
        }
        for s in spans {
            for p in [s.programme, "all"] {
                change(s.months.lowerBound, p, s.township) {
                    $0.enrolments += 1; $0.persons += s.persons
                    if s.monthly { $0.monthlyEnrolments += 1; $0.monthlyPersons += s.persons }
                }
                change(s.months.upperBound, p, s.township) {
                    $0.enrolments -= 1; $0.persons -= s.persons
                    if s.monthly { $0.monthlyEnrolments -= 1; $0.monthlyPersons -= s.persons }
                }
            }
        }
        struct Holding: Hashable { let programme: String; let township: String }
        var all: [Holding: [Range<Int>]] = [:], monthly: [Holding: [Range<Int>]] = [:]
        for s in spans {
            for p in [s.programme, "all"] {
                let h = Holding(programme: p, township: s.township)
                all[h, default: []].append(s.months)
                if s.monthly { monthly[h, default: []].append(s.months) }
            }
        }
        for (h, ranges) in all {
            for r in merged(ranges) {
                change(r.lowerBound, h.programme, h.township) { $0.households += 1 }
                change(r.upperBound, h.programme, h.township) { $0.households -= 1 }
            }
        }
        for (h, ranges) in monthly {
            for r in merged(ranges) {
                change(r.lowerBound, h.programme, h.township) { $0.monthlyHouseholds += 1 }
                change(r.upperBound, h.programme, h.township) { $0.monthlyHouseholds -= 1 }
                for v in served where v.overlaps(r) {
                    let both = r.clamped(to: v)
                    change(both.lowerBound, h.programme, h.township) { $0.served += 1 }
                    change(both.upperBound, h.programme, h.township) { $0.served -= 1 }
                }
            }
        }
    }
}

extension StoreDatabase {
    /// What `rebuildIndicatorAggregates()` wrote.
    public struct AggregateCounts: Sendable, Equatable {
        public let enrolmentChanges: Int
        public let paymentTallies: Int
    }

    /// Rebuilds the indicators' monthly aggregates from the stored rows in one transaction: for a
    /// store whose rows were changed outside gongkai's import, or to check that the kept aggregates
    /// are what the rows give (the tests compare the two). The import keeps them up to date itself.
    public func rebuildIndicatorAggregates() throws -> AggregateCounts {
        try session(readOnly: false) { session in
            try IndicatorAggregates.rebuild(in: session)
            let changes: Int64 = try session.value("SELECT COUNT(*) FROM enrolment_change") ?? 0
            let tallies: Int64 = try session.value("SELECT COUNT(*) FROM payment_tally") ?? 0
            return AggregateCounts(enrolmentChanges: Int(changes), paymentTallies: Int(tallies))
        }
    }
}
