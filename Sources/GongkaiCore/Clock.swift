import Foundation

/// The source of "now". Computations receive a clock instead of calling `Date()`, so tests and
/// published files are deterministic. The CLI reads `GONGKAI_NOW` (ISO 8601, e.g.
/// "2026-11-05T09:30:00+08:00") when set, for reproducible runs and end-to-end tests.
public struct Clock: Sendable {
    public let now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) { self.now = now }

    public static let system = Clock { Date() }

    public static func fixed(_ date: Date) -> Clock { Clock { date } }

    /// `GONGKAI_NOW` when set, else the system clock. A value that is not a time, or whose day in
    /// Beijing falls outside `CivilDate.supportedYears`, is refused rather than ignored: a silently
    /// ignored test clock would stamp real dates into files that were meant to be reproducible.
    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) throws(InputError) -> Clock {
        guard let text = env["GONGKAI_NOW"] else { return .system }
        guard let date = ChinaTime.parseTimestamp(text) else {
            throw InputError(file: "GONGKAI_NOW", reason: "'\(text)' 不是时间：请用 ISO 8601 格式，如 2026-11-05T09:30:00+08:00，或 \"2026-11-05 09:30\"（北京时间）")
        }
        let year = ChinaTime.civilDate(of: date).year
        guard CivilDate.supportedYears.contains(year) else {
            throw InputError(file: "GONGKAI_NOW", reason: "'\(text)' 的年份 \(year) 超出 \(CivilDate.supportedYears.lowerBound)–\(CivilDate.supportedYears.upperBound)")
        }
        return .fixed(date)
    }

    /// Today's civil date in Asia/Shanghai.
    public var today: CivilDate { ChinaTime.civilDate(of: now()) }
}

/// Beijing time (UTC+8, no daylight saving since 1991): how the office reads timestamps.
public enum ChinaTime {
    public static let offsetSeconds = 8 * 3600

    public static func civilDate(of date: Date) -> CivilDate {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        return CivilDate(dayNumber: Int((Double(seconds) / 86400).rounded(.down)))
    }

    /// "2026-11-05 09:30" in Beijing time.
    public static func minuteText(of date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
        let day = Int((Double(seconds) / 86400).rounded(.down))
        let rest = seconds - day * 86400
        let h = rest / 3600, m = rest % 3600 / 60
        return "\(CivilDate(dayNumber: day)) \(h < 10 ? "0" : "")\(h):\(m < 10 ? "0" : "")\(m)"
    }

    /// Reads "YYYY-MM-DD HH:MM" (Beijing time) as written by the desk and in complaints.csv.
    public static func parseMinute(_ text: some StringProtocol) -> Date? {
        let s = text.trimmingASCIIWhitespace()
        let parts = s.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 2, let date = CivilDate(parsing: parts[0]) else { return nil }
        let hm = parts[1].split(separator: ":")
        guard (2...3).contains(hm.count), let h = Int(hm[0]), let m = Int(hm[1]),
              (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        let seconds = date.dayNumber * 86400 + h * 3600 + m * 60 - offsetSeconds
        return Date(timeIntervalSince1970: TimeInterval(seconds))
    }

    /// ISO 8601 with an offset or Z, or the desk's "YYYY-MM-DD HH:MM".
    public static func parseTimestamp(_ text: String) -> Date? {
        if let d = parseMinute(text) { return d }
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        return f.date(from: text)
    }
}
