/// A calendar month, the unit of payments and publication.
///
/// `index` (year × 12 + month − 1) is what the database stores next to the text form, so month
/// arithmetic in SQL is integer arithmetic on any engine (see docs/architecture.md, "Portable SQL").
public struct YearMonth: Hashable, Comparable, Sendable, TextCodable {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year; self.month = month
    }

    /// The month with this index; floor division, so indices below zero (which no accepted input
    /// produces) still give a valid month rather than month 0.
    public init(index: Int) {
        let (quotient, remainder) = index.quotientAndRemainder(dividingBy: 12)
        self.year = remainder < 0 ? quotient - 1 : quotient
        self.month = (remainder < 0 ? remainder + 12 : remainder) + 1
    }

    public var index: Int { year * 12 + month - 1 }

    public func adding(months: Int) -> YearMonth { YearMonth(index: index + months) }

    public var firstDay: CivilDate { CivilDate(dayNumber: Self.dayNumber(year: year, month: month, day: 1)) }
    public var lastDay: CivilDate {
        CivilDate(dayNumber: Self.dayNumber(year: year, month: month, day: CivilDate.daysIn(year: year, month: month)))
    }

    /// Days since 1970-01-01 of a day of this month (Howard Hinnant's days_from_civil), defined for
    /// every year, so the first and last days of any month exist without a failable initialiser.
    static func dayNumber(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = month > 2 ? month - 3 : month + 9
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }

    public static let textFormat = "月份（YYYY-MM）"

    /// "2026-10"; the year always has four digits, so the text parses back to the same month.
    public var description: String { "\(Self.fourDigits(year))-\(month < 10 ? "0" : "")\(month)" }

    /// A year as at least four digits ("0026"), as ISO 8601 writes it.
    static func fourDigits(_ year: Int) -> String {
        let digits = String(year.magnitude)
        return (year < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// "2026年10月"
    public var chinese: String { "\(year)年\(month)月" }

    /// Parses "2026-10" (also "2026/10" and "2026-1"); nil when malformed or the year is outside
    /// `CivilDate.supportedYears`. `parse(_:)` says which.
    public init?(parsing text: some StringProtocol) {
        guard case .success(let month) = Self.parse(text) else { return nil }
        self = month
    }

    /// Parses "2026-10", saying why a text is refused.
    public static func parse(_ text: some StringProtocol) -> Result<YearMonth, CivilDate.TextProblem> {
        let s = text.trimmingASCIIWhitespace()
        let parts = s.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.utf8.allSatisfy({ $0.isASCIIDigit }) }),
              let y = Int(parts[0]), let m = Int(parts[1]) else { return .failure(.malformedMonth) }
        guard CivilDate.supportedYears.contains(y) else { return .failure(.yearOutOfRange(y)) }
        guard let month = YearMonth(year: y, month: m) else { return .failure(.malformedMonth) }
        return .success(month)
    }
}
