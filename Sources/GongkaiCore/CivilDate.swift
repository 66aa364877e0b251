/// A calendar date with no time zone: what a civil-affairs form records.
///
/// Dates are compared and counted through `dayNumber` (days since 1970-01-01), so deadline arithmetic
/// never touches `Date`, time zones or daylight saving.
public struct CivilDate: Hashable, Comparable, Sendable, TextCodable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// The years gongkai accepts in dates and months that come from outside (files, flags, the desk,
    /// manifests): the People's Republic's records to the end of the century. A year outside is a
    /// typing slip (0026, 20026), and refusing it at the door keeps every later computation (calendars,
    /// numbering, month arithmetic) inside the range it was written for. Birth dates inside ID numbers
    /// are not entries of this kind and keep the full range.
    public static let supportedYears = 1949...2100

    /// Creates a date, or nil when it does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              (1...CivilDate.daysIn(year: year, month: month)).contains(day) else { return nil }
        self.year = year; self.month = month; self.day = day
    }

    /// The date `dayNumber` days after 1970-01-01 (Howard Hinnant's civil_from_days).
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.year = yoe + era * 400 + (m <= 2 ? 1 : 0)
        self.month = m
        self.day = d
    }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var dayNumber: Int { YearMonth.dayNumber(year: year, month: month, day: day) }

    /// ISO weekday: 1 = Monday … 7 = Sunday.
    public var weekday: Int {
        let w = (dayNumber + 3) % 7  // 1970-01-01 was a Thursday
        return (w < 0 ? w + 7 : w) + 1
    }

    public var isWeekend: Bool { weekday >= 6 }

    public func adding(days: Int) -> CivilDate { CivilDate(dayNumber: dayNumber + days) }

    public var yearMonth: YearMonth { YearMonth(index: year * 12 + month - 1) }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { a.dayNumber < b.dayNumber }

    public static let textFormat = "日期（YYYY-MM-DD）"

    /// ISO form, "2026-01-05": what files and the database hold. The year always has four digits,
    /// so the text parses back to the same date.
    public var description: String {
        "\(YearMonth.fourDigits(year))-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    /// The official written form (GB/T 9704 §7.4.3): "2026年1月5日", no zero padding.
    public var chinese: String { "\(year)年\(month)月\(day)日" }

    /// Why a text is not a date gongkai accepts.
    public enum TextProblem: Error, Sendable, Equatable, CustomStringConvertible {
        case malformed
        case malformedMonth
        case notARealDate
        case yearOutOfRange(Int)

        public var description: String {
            switch self {
            case .malformed: "不是\(CivilDate.textFormat)"
            case .malformedMonth: "不是\(YearMonth.textFormat)"
            case .notARealDate: "不是真实存在的日期"
            case .yearOutOfRange(let year):
                "的年份 \(year) 超出 \(CivilDate.supportedYears.lowerBound)–\(CivilDate.supportedYears.upperBound)"
            }
        }
    }

    /// Parses "2026-01-05" or "2026/1/5"; nil when malformed, not a real date, or outside
    /// `supportedYears`. `parse(_:)` says which.
    public init?(parsing text: some StringProtocol) {
        guard case .success(let date) = Self.parse(text) else { return nil }
        self = date
    }

    /// Parses "2026-01-05" or "2026/1/5", saying why a text is refused. Byte-based: the importer
    /// parses several dates per row.
    public static func parse(_ text: some StringProtocol) -> Result<CivilDate, TextProblem> {
        let bytes = Array(text.trimmingASCIIWhitespace().utf8)
        guard bytes.count >= 8, bytes.count <= 10 else { return .failure(.malformed) }
        let slash = bytes[4] == UInt8(ascii: "/")
        guard slash || bytes[4] == UInt8(ascii: "-") else { return .failure(.malformed) }
        let separator = bytes[4]
        var fields: [Int] = [0]
        var digitsInField = 0
        var lengths: [Int] = []
        for b in bytes {
            if b == separator {
                lengths.append(digitsInField); fields.append(0); digitsInField = 0
            } else if b.isASCIIDigit {
                fields[fields.count - 1] = fields[fields.count - 1] * 10 + Int(b - 48); digitsInField += 1
            } else {
                return .failure(.malformed)
            }
        }
        lengths.append(digitsInField)
        guard fields.count == 3, lengths[0] == 4,
              slash ? (1...2).contains(lengths[1]) && (1...2).contains(lengths[2]) : lengths[1] == 2 && lengths[2] == 2
        else { return .failure(.malformed) }
        guard supportedYears.contains(fields[0]) else { return .failure(.yearOutOfRange(fields[0])) }
        guard let date = CivilDate(year: fields[0], month: fields[1], day: fields[2]) else { return .failure(.notARealDate) }
        return .success(date)
    }
}
