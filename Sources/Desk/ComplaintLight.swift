import GongkaiCore

/// The traffic light of an open complaint, as the 12345 platforms show it: red once its conclusion
/// deadline has passed, yellow when the deadline is within `due_soon` (templates/desk.toml, 2
/// working days by default) of today, green otherwise. A finished complaint, or one whose deadline
/// is not known yet (no holiday calendar for its year), has no light; nor has a paused one, whose
/// clock stands still (its page shows 已暂停 instead).
///
/// It reads the same deadline as `complaint list --overdue`, so the browser's red and the CLI's
/// overdue list are the same complaints.
public enum ComplaintLight: String, Sendable, CaseIterable {
    case red, yellow, green

    /// 红灯 / 黄灯 / 绿灯 with what each means, for pages and exports.
    public var chinese: String {
        switch self {
        case .red: "红灯（超期）"
        case .yellow: "黄灯（即将到期）"
        case .green: "绿灯（期限内）"
        }
    }
}

extension ComplaintView {
    /// The light on `today`. When the calendar does not reach the end of the warning period, an
    /// open complaint not yet overdue counts as yellow: better a warning too many than a miss.
    public func light(on today: CivilDate, schedule: ComplaintSchedule) -> ComplaintLight? {
        guard status.isOpen, pausedOn == nil, let due else { return nil }
        if isOverdue(on: today) { return .red }
        guard let warnUntil = try? schedule.settings.dueSoon.deadline(from: today, calendar: schedule.calendar) else { return .yellow }
        return due <= warnUntil ? .yellow : .green
    }
}
