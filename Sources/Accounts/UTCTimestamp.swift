import Foundation
import GongkaiCore

/// Timestamps as the accounts tables and the audit log store them: UTC, ISO 8601, whole seconds,
/// "2026-11-05T01:30:00Z". Fixed width, so text order is time order in any SQL database.
public enum UTCTimestamp {
    public static func text(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = Int((Double(seconds) / 86400).rounded(.down))
        let rest = seconds - day * 86400
        return "\(CivilDate(dayNumber: day))T\(two(rest / 3600)):\(two(rest % 3600 / 60)):\(two(rest % 60))Z"
    }

    public static func date(_ text: String) -> Date? {
        let parts = text.split(separator: "T")
        guard parts.count == 2, text.hasSuffix("Z"), let day = CivilDate(parsing: parts[0]) else { return nil }
        let hms = parts[1].dropLast().split(separator: ":")
        guard hms.count == 3, let h = Int(hms[0]), let m = Int(hms[1]), let s = Int(hms[2]),
              (0..<24).contains(h), (0..<60).contains(m), (0..<60).contains(s) else { return nil }
        return Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86400 + h * 3600 + m * 60 + s))
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
