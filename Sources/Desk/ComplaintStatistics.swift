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
    /// 办结量: concluded in the month; 超期办结: of those with a deadline, concluded after it.
    public let concluded: Int
    public let concludedLate: Int
    /// The day the end-of-period counts are taken on: the month's last day, or today while the month
    /// is in progress (a count "at month end" of a month not over would count as overdue what is
    /// only due later in the month: 108 where the 超期 queue said 44).
    public let cutOff: CivilDate
    /// Whether the month is in progress (`cutOff` is today): its end counts are named 当前, not 月末.
    public var isInProgress: Bool { cutOff < month.lastDay }
    /// 月末（当前）未办结: neither concluded by `cutOff` nor returned or merged.
    public let openAtMonthEnd: Int
    /// 月末（当前）超期: of those open, not paused at `cutOff` and with a deadline before it — on
    /// today, exactly the 超期 queue (the red light).
    public let overdueAtMonthEnd: Int
    /// 重复投诉: complaints of the month linked at intake as a repeat call of an earlier one, or on
    /// the same household and category as one received in the preceding `repeatWindowDays` days.
    /// Each is also counted in `received`: like 12345, the desk counts calls, and a repeat is one.
    public let repeated: Int
    /// 催办次数: the 督办's urges (催办) recorded in the month, each counted (a unit urged twice, twice).
    public internal(set) var urges = 0

    static let notGiven = "未填写"

    /// The states that are no open matter of ours at any date: a returned item, a merged duplicate.
    static let finished: Set<ComplaintStatus> = [.returned, .merged]

    /// The days of receipt `init(…, endCounts:)` needs beside the month's conclusions: the month
    /// and the repeat window before it.
    static func relevantDays(_ month: YearMonth, schedule: ComplaintSchedule) -> ClosedRange<CivilDate> {
        month.firstDay.adding(days: -schedule.settings.repeatWindowDays)...month.lastDay
    }

    /// `complaints` must include everything received up to the month's end (earlier months too:
    /// they can be concluded, open or repeated in this month); `today` cuts the month in progress.
    ///
    /// With `endCounts` (open and overdue at the cut-off, counted in the store), `complaints` need
    /// only hold those received in the month or in the `repeatWindowDays` before it, and those
    /// concluded in the month: what `ComplaintDesk.statistics` reads (`relevantDays`).
    public init(month: YearMonth, complaints: [ComplaintView], schedule: ComplaintSchedule, today: CivilDate,
                endCounts: (open: Int, overdue: Int)? = nil) throws(CalendarError) {
        self.month = month
        let first = month.firstDay, last = month.lastDay
        let cutOff = min(last, today)
        self.cutOff = cutOff
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
        let onTime = concluded.filter { c in
            guard let closed = c.closedOn, let due = c.due else { return false }
            return closed <= due
        }.count
        concludedOnTime = Ratio(numerator: onTime, denominator: withDeadline.count)
        self.concluded = concluded.count
        concludedLate = withDeadline.count - onTime
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
        if let endCounts {
            (openAtMonthEnd, overdueAtMonthEnd) = endCounts
        } else {
            let open = complaints.filter { c in !Self.finished.contains(c.status) && (c.closedOn.map { $0 > cutOff } ?? true) }
            openAtMonthEnd = open.count
            // Paused by then: its clock stood still, so it is not overdue (as in `list --overdue`).
            overdueAtMonthEnd = open.filter { c in
                guard let due = c.due, due < cutOff else { return false }
                return c.pausedOn.map { $0 > cutOff } ?? true
            }.count
        }

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

    /// What each figure counts, in the words the statistics page, docs/desk.md ("统计口径", checked
    /// against this list by DeskTests) and the people reading them use.
    public static let definitions: [(item: String, definition: String)] = [
        ("受理量", "本月收到（登记）的投诉件数，含重复投诉；按类型、类别、项目、乡镇（街道）分列的也是受理量。"),
        ("办结量", "本月办结的件数，不论哪个月收到。"),
        ("按期办结", "本月办结、有办结期限、且办结日不晚于办结期限的件数。"),
        ("超期办结", "本月办结、有办结期限、且办结日晚于办结期限的件数。"),
        ("重复投诉", "本月收到、登记时标为重复来电，或与此前规定天数内同一户同一类别的投诉重复的件数（也计入受理量）。"),
        ("催办次数", "本月督办催办的次数，同一件催办两次计两次。"),
        ("按期办结率", "按期办结 ÷ 本月办结且有办结期限的件数。"),
        ("及时受理率", "在受理时限内受理告知的件数 ÷ 本月收到、到月末应已受理告知的件数（退回、合并的不计）。"),
        ("群众参评率", "作出评价（满意、基本满意、不满意）的件数 ÷ 办结量；评价取中心的独立回访（答复人本人记录的不算），没有时取来电人在网上的评价。"),
        ("满意率", "评价为满意或基本满意的件数 ÷ 作出评价的件数。"),
        ("月末未办结", "已过完的月份：到月末最后一天仍未办结的件数（退回、合并的不计）。"),
        ("月末超期", "月末未办结中，当天计时未暂停、且办结期限早于月末最后一天的件数。"),
        ("当前未办结", "本月尚未过完：到今天仍未办结的件数（退回、合并的不计）。"),
        ("当前超期", "到今天仍未办结、计时未暂停、且办结期限早于今天的件数，即“超期”队列（红灯）的件数。"),
    ]

    /// The heading of the table and CSV forms: 分组, 项目, 数值.
    public static let header = ["分组", "项目", "数值"]

    /// (section, item, value) rows in a fixed order: the table and CSV forms of the figures, each
    /// named by its definition (docs/desk.md, "统计口径").
    public var rows: [(section: String, item: String, value: String)] {
        var rows: [(String, String, String)] = [
            ("汇总", "受理量", String(received)), ("汇总", "办结量", String(concluded)),
            ("汇总", "按期办结", String(concludedOnTime.numerator)), ("汇总", "超期办结", String(concludedLate)),
            ("汇总", "重复投诉", String(repeated)), ("汇总", "催办次数", String(urges)),
        ]
        for (section, counts) in [("受理量按类型", byType), ("受理量按类别", byCategory),
                                  ("受理量按项目", byProgramme), ("受理量按乡镇（街道）", byTownship)] {
            rows += counts.map { (section, $0.name, String($0.count)) }
        }
        for (name, r) in [("按期办结率", concludedOnTime), ("及时受理率", acknowledgedInTime),
                          ("群众参评率", rated), ("满意率", satisfied)] {
            rows.append(("比率", name, "\(r.percent)（\(r.numerator)/\(r.denominator)）"))
        }
        let end = isInProgress ? "当前" : "月末"
        let section = isInProgress ? "当前（截至\(cutOff)）" : "月末（\(cutOff)）"
        rows += [(section, end + "未办结", String(openAtMonthEnd)), (section, end + "超期", String(overdueAtMonthEnd))]
        return rows
    }
}
