/// A time limit as the rules write it: "15日" (calendar days, Civil Code counting) or
/// "1个工作日" (working days on the holiday calendar).
public struct Limit: Sendable, Equatable, CustomStringConvertible {
    public enum Unit: Sendable, Equatable { case days, workdays }

    public let amount: Int
    public let unit: Unit

    /// The longest limit gongkai counts: ten years of days. Statutory limits are 1 to 90 days; a
    /// larger number in a template or on the command line is a slip, and bounding it keeps deadline
    /// arithmetic far from overflow.
    public static let maximumAmount = 3660

    /// A limit from code (the statutory defaults); text from outside goes through `init?(parsing:)`
    /// or `init?(amount:unitText:)`, which refuse amounts outside 0...maximumAmount.
    public init(amount: Int, unit: Unit) {
        precondition((0...Limit.maximumAmount).contains(amount), "a statutory limit is 0 to \(Limit.maximumAmount) days")
        self.amount = amount; self.unit = unit
    }

    public static func days(_ n: Int) -> Limit { Limit(amount: n, unit: .days) }
    public static func workdays(_ n: Int) -> Limit { Limit(amount: n, unit: .workdays) }

    /// `unitText` in English or Chinese: days, day, 日, 天 / workdays, workday, 工作日, 个工作日.
    public init?(amount: Int, unitText: some StringProtocol) {
        guard (0...Limit.maximumAmount).contains(amount) else { return nil }
        switch unitText.trimmingASCIIWhitespace().lowercased() {
        case "days", "day", "日", "天": self.init(amount: amount, unit: .days)
        case "workdays", "workday", "working days", "工作日", "个工作日": self.init(amount: amount, unit: .workdays)
        default: return nil
        }
    }

    /// "60 days", "1 workday", "15日", "5个工作日".
    public init?(parsing text: some StringProtocol) {
        let s = text.trimmingASCIIWhitespace()
        let digits = s.prefix(while: { $0.isASCII && $0.isNumber })
        guard !digits.isEmpty, let n = Int(digits) else { return nil }
        self.init(amount: n, unitText: s.dropFirst(digits.count))
    }

    /// The last day of the limit counted from `start` (the start day itself never counts).
    public func deadline(from start: CivilDate, calendar: WorkCalendar) throws(CalendarError) -> CivilDate {
        switch unit {
        case .days: try calendar.civilCodeDeadline(from: start, days: amount)
        case .workdays: try calendar.adding(workingDays: amount, to: start)
        }
    }

    public var description: String {
        switch unit {
        case .days: "\(amount) \(amount == 1 ? "day" : "days")"
        case .workdays: "\(amount) \(amount == 1 ? "workday" : "workdays")"
        }
    }

    /// "15日", "5个工作日": how notices and the desk write it.
    public var chinese: String {
        switch unit {
        case .days: "\(amount)日"
        case .workdays: "\(amount)个工作日"
        }
    }
}
