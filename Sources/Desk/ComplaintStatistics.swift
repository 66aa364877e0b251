import GongkaiCore

/// The month's complaint figures for the notice and the evaluation report (docs/domain.md §2c):
/// counts and ratios only, built from `ComplaintView`s, which carry no caller identity.
///
/// Ratios keep numerator and denominator so they can be recomputed at any level, never averaged.
public struct ComplaintStatistics: Sendable, Equatable {
    public struct Count: Sendable, Equatable {
        public let name: String
        public let count: Int
    }

    public struct Ratio: Sendable, Equatable {
        public let numerator: Int
        public let denominator: Int
        public init(numerator: Int, denominator: Int) { self.numerator = numerator; self.denominator = denominator }
        /// "98.7%", rounded half up to one decimal at presentation only; "—" with no denominator.
        public var percent: String { Fraction.percentText(numerator, of: denominator).map { $0 + "%" } ?? "—" }
    }

    public let month: YearMonth
    /// Complaints received in the month.
    public let received: Int
    public let byType: [Count]
    public let byCategory: [Count]
    public let byProgramme: [Count]
    public let byTownship: [Count]
    /// 按期办结率: concluded in the month by their deadline / concluded in the month (with a deadline).
    public let concludedOnTime: Ratio
    /// 及时受理率: acknowledged within the limit / received in the month and due for acknowledgement
    /// by its end (items returned as outside our remit are not counted).
    public let acknowledgedInTime: Ratio
    /// 群众参评率: rated (by the centre's 回访 or by the caller online) / concluded in the month.
    public let rated: Ratio
    /// 参评群众满意率: 满意 + 基本满意 / rated.
    public let satisfied: Ratio
    public let openAtMonthEnd: Int
    public let overdueAtMonthEnd: Int
    /// 重复投诉: complaints of the month linked at intake as a repeat call of an earlier one, or on
    /// the same household and category as one received in the preceding `repeatWindowDays` days.
    /// Each is also counted in `received`: like 12345, the desk counts calls, and a repeat is one.
    public let repeated: Int
    /// 催办次数: the 督办's urges (催办) recorded in the month, each counted (a unit urged twice, twice).
    public internal(set) var urges = 0

    static let notGiven = "未填写"

    /// `complaints` must include everything received up to the month's end (earlier months too:
    /// they can be concluded, open or repeated in this month).
    public init(month: YearMonth, complaints: [ComplaintView], schedule: ComplaintSchedule) throws(CalendarError) {
        self.month = month
        let first = month.firstDay, last = month.lastDay
        let ofMonth = complaints.filter { $0.receivedOn >= first && $0.receivedOn <= last }
        received = ofMonth.count

        func counts(_ names: [String], _ key: (ComplaintView) -> String?) -> [Count] {
            var tally: [String: Int] = [:]
            for c in ofMonth { tally[key(c) ?? Self.notGiven, default: 0] += 1 }
            let extra = tally.keys.filter { !names.contains($0) }.sorted()
            return (names + extra).map { Count(name: $0, count: tally[$0] ?? 0) }
                .filter { names.contains($0.name) || $0.count > 0 }
        }
        byType = counts(Codelist.complaintType) { $0.type }
        byCategory = counts(Codelist.complaintCategory) { $0.category }
        byProgramme = counts(Programme.allCases.map(\.shortName)) { $0.programme?.shortName }
        byTownship = counts(schedule.townships.names) { $0.township }

        let concluded = complaints.filter { c in c.closedOn.map { $0 >= first && $0 <= last } ?? false }
        let withDeadline = concluded.filter { $0.due != nil }
        concludedOnTime = Ratio(numerator: concluded.filter { c in
            guard let closed = c.closedOn, let due = c.due else { return false }
            return closed <= due
        }.count, denominator: withDeadline.count)
        // The centre's independent 回访 (a rating recorded by whoever replied does not count), else the
        // caller's own evaluation online (`ComplaintView.evaluation`).
        let ratings = concluded.compactMap(\.evaluation)
        rated = Ratio(numerator: ratings.count, denominator: concluded.count)
        satisfied = Ratio(numerator: ratings.filter { $0 != "不满意" }.count, denominator: ratings.count)

        var due = 0, inTime = 0
        for c in ofMonth where c.status != .returned && c.status != .merged {
            // The hotline log records calls accepted at intake: without an acknowledgement date, a
            // complaint past 登记 counts as acknowledged on the day it was received.
            let acknowledged = c.acknowledgedOn ?? (c.status == .registered ? nil : c.receivedOn)
            // No deadline falls before `earliest` (a working day is at least a day), so a call late in
            // December needs next year's calendar only when that bound cannot decide: the desk never
            // turns a call away, and its figures must not either.
            let limit = schedule.settings.acknowledge(type: c.type)
            let earliest = c.receivedOn.adding(days: limit.amount)
            if acknowledged == nil && earliest > last { continue }
            if let acknowledged, acknowledged <= earliest { due += 1; inTime += 1; continue }
            let deadline = try limit.deadline(from: c.receivedOn, calendar: schedule.calendar)
            guard acknowledged != nil || deadline <= last else { continue }
            due += 1
            if let acknowledged, acknowledged <= deadline { inTime += 1 }
        }
        acknowledgedInTime = Ratio(numerator: inTime, denominator: due)

        // A merged duplicate, like a returned item, is no open matter of ours: the complaint it was
        // merged into carries it on.
        let open = complaints.filter { c in c.status != .returned && c.status != .merged && (c.closedOn.map { $0 > last } ?? true) }
        openAtMonthEnd = open.count
        // Paused by the month's end: its clock stood still, so it is not overdue (as in `list --overdue`).
        overdueAtMonthEnd = open.filter { c in
            guard let due = c.due, due < last else { return false }
            return c.pausedOn.map { $0 > last } ?? true
        }.count

        let window = schedule.settings.repeatWindowDays
        var byHousehold: [String: [ComplaintView]] = [:]
        for c in complaints { if let household = c.householdId { byHousehold[household, default: []].append(c) } }
        repeated = ofMonth.filter { c in
            if c.repeatOf != nil { return true }
            guard let household = c.householdId else { return false }
            return byHousehold[household, default: []].contains { earlier in
                earlier.id != c.id && earlier.category == c.category
                    && (earlier.receivedOn, earlier.id) < (c.receivedOn, c.id)
                    && c.receivedOn.dayNumber - earlier.receivedOn.dayNumber <= window
            }
        }.count
    }

    /// (section, item, value) rows in a fixed order: the table and CSV forms of the figures.
    public var rows: [(section: String, item: String, value: String)] {
        var rows: [(String, String, String)] = [("汇总 summary", "受理量 received", String(received))]
        for (section, counts) in [("类型 type", byType), ("类别 category", byCategory),
                                  ("项目 programme", byProgramme), ("乡镇 township", byTownship)] {
            rows += counts.map { (section, $0.name, String($0.count)) }
        }
        for (name, r) in [("按期办结率 concluded on time", concludedOnTime), ("及时受理率 acknowledged in time", acknowledgedInTime),
                          ("群众参评率 rated", rated), ("满意率 satisfied", satisfied)] {
            rows.append(("比率 rate", name, "\(r.percent) (\(r.numerator)/\(r.denominator))"))
        }
        rows += [("月末 month end", "未办结 open", String(openAtMonthEnd)),
                 ("月末 month end", "超期 overdue", String(overdueAtMonthEnd)),
                 ("重复 repeated", "重复投诉 repeated complaints", String(repeated))]
        return rows
    }
}
