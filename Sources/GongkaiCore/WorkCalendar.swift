/// Which days the office works, from the State Council's yearly holiday notice plus Ningxia's
/// regional holidays, so that "N 个工作日" and Civil Code "N 日" deadlines are computed, not guessed.
///
/// The calendar only answers for years it has a table for: a deadline in an uncovered year is an
/// error that tells the desk which file to add, because a silent weekday-only guess would be wrong
/// around every Spring Festival and National Day. The desk alone uses `provisional`, which counts
/// weekends only there and says so (暂定), so that no open complaint is ever without a deadline.
public struct WorkCalendar: Sendable {
    /// One year's national table: 法定节假日 (days off, weekends included) and 调休 working weekend days.
    public struct Year: Sendable, Equatable {
        public let year: Int
        public let holidays: Set<CivilDate>
        public let adjustedWorkingDays: Set<CivilDate>

        public init(year: Int, holidays: Set<CivilDate>, adjustedWorkingDays: Set<CivilDate>) {
            self.year = year; self.holidays = holidays; self.adjustedWorkingDays = adjustedWorkingDays
        }
    }

    private let years: [Int: Year]
    /// Regional days off (宁夏 开斋节/古尔邦节 when confirmed); they only apply in covered years.
    public let regionalHolidays: Set<CivilDate>
    /// Whether a year without a table counts weekends only (for a 暂定 provisional deadline) instead
    /// of being an error.
    public let weekendsOnlyWhereUncovered: Bool

    public init(years: [Year], regionalHolidays: Set<CivilDate> = [], weekendsOnlyWhereUncovered: Bool = false) {
        self.years = Dictionary(years.map { ($0.year, $0) }, uniquingKeysWith: { _, last in last })
        self.regionalHolidays = regionalHolidays
        self.weekendsOnlyWhereUncovered = weekendsOnlyWhereUncovered
    }

    /// The same calendar, counting weekends only in years it has no table for: what a 12345 desk does
    /// until the State Council publishes next year's holidays, marking such a deadline 暂定.
    public var provisional: WorkCalendar {
        WorkCalendar(years: Array(years.values), regionalHolidays: regionalHolidays, weekendsOnlyWhereUncovered: true)
    }

    /// The years with a national table, ascending.
    public var coveredYears: [Int] { years.keys.sorted() }

    public func covers(year: Int) -> Bool { years[year] != nil }

    public func isWorkingDay(_ date: CivilDate) throws(CalendarError) -> Bool {
        guard let table = years[date.year] else {
            if weekendsOnlyWhereUncovered { return !date.isWeekend }
            throw .notCovered(year: date.year)
        }
        if table.adjustedWorkingDays.contains(date) { return true }
        return !date.isWeekend && !table.holidays.contains(date) && !regionalHolidays.contains(date)
    }

    /// The `n`th working day after `date` (the start day is never counted): "within 1 个工作日".
    public func adding(workingDays n: Int, to date: CivilDate) throws(CalendarError) -> CivilDate {
        precondition(n >= 0, "a working-day count is never negative")
        var day = date
        var left = n
        while left > 0 {
            day = day.adding(days: 1)
            if try isWorkingDay(day) { left -= 1 }
        }
        return day
    }

    /// The last day of an "N 日" period under the Civil Code: §201 the start day is not counted;
    /// §203 a last day that is a day off moves to the next working day.
    public func civilCodeDeadline(from date: CivilDate, days n: Int) throws(CalendarError) -> CivilDate {
        precondition(n >= 0, "a period is never negative")
        var day = date.adding(days: n)
        while try !isWorkingDay(day) { day = day.adding(days: 1) }
        return day
    }

    /// Working days in (a, b]: the day of application is not counted, the day of decision is.
    /// Zero when b is not after a.
    public func workingDays(after a: CivilDate, through b: CivilDate) throws(CalendarError) -> Int {
        guard b > a else { return 0 }
        var count = 0
        for n in (a.dayNumber + 1)...b.dayNumber where try isWorkingDay(CivilDate(dayNumber: n)) {
            count += 1
        }
        return count
    }

    /// Every day of `range` as (day number, working?), for building a calendar table in SQL so
    /// indicator queries can count working days with plain integer joins.
    public func days(in range: ClosedRange<CivilDate>) throws(CalendarError) -> [(day: Int, isWorkingDay: Bool)] {
        var result: [(day: Int, isWorkingDay: Bool)] = []
        result.reserveCapacity(range.upperBound.dayNumber - range.lowerBound.dayNumber + 1)
        for n in range.lowerBound.dayNumber...range.upperBound.dayNumber {
            result.append((n, try isWorkingDay(CivilDate(dayNumber: n))))
        }
        return result
    }
}

public enum CalendarError: Error, Sendable, Equatable, CustomStringConvertible {
    case notCovered(year: Int)

    public var description: String {
        switch self {
        case .notCovered(let year): "no holiday calendar for \(year): add templates/calendar/\(year).toml"
        }
    }

    /// The same in the words of the desk's pages.
    public var chinese: String {
        switch self {
        case .notCovered(let year): "缺少 \(year) 年的节假日安排，请添加 templates/calendar/\(year).toml"
        }
    }
}
