/// A calendar month, the unit of payments and publication.
///
/// `index` (year × 12 + month − 1) is what the database stores next to the text form, so month
/// arithmetic in SQL is integer arithmetic on any engine (see DESIGN.md, portable SQL).
public struct YearMonth: Hashable, Comparable, Sendable, TextCodable {
    public let year: Int
    public let month: Int

    public init?(year: Int, month: Int) {
        guard (1...9999).contains(year), (1...12).contains(month) else { return nil }
        self.year = year; self.month = month
    }

    public init(index: Int) {
        self.year = index / 12
        self.month = index % 12 + 1
    }

    public var index: Int { year * 12 + month - 1 }

    public func adding(months: Int) -> YearMonth { YearMonth(index: index + months) }

    public var firstDay: CivilDate { CivilDate(year: year, month: month, day: 1)! }
    public var lastDay: CivilDate {
        CivilDate(year: year, month: month, day: CivilDate.daysIn(year: year, month: month))!
    }

    public static func < (a: YearMonth, b: YearMonth) -> Bool { a.index < b.index }

    public static let textFormat = "a month (YYYY-MM)"

    /// "2026-10"
    public var description: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }

    /// "2026年10月"
    public var chinese: String { "\(year)年\(month)月" }

    /// Parses "2026-10" (also "2026/10" and "2026-1").
    public init?(parsing text: some StringProtocol) {
        let s = text.trimmingASCIIWhitespace()
        let parts = s.split(whereSeparator: { $0 == "-" || $0 == "/" })
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count),
              parts.allSatisfy({ $0.utf8.allSatisfy({ $0.isASCIIDigit }) }),
              let y = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(year: y, month: m)
    }
}
