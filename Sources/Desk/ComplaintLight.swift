import GongkaiCore

/// The traffic light of an open complaint, as the 12345 platforms show it: red once its conclusion
/// deadline has passed, yellow when the deadline is within `due_soon` (templates/desk.toml, 2
/// working days by default) of today, green otherwise; a provisional deadline (暂定) lights the
/// same way. A finished complaint has no light; nor has a paused one, whose clock stands still (its
/// page shows 已暂停 instead).
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

extension ComplaintListed {
    /// The light on `today`. When the calendar does not reach the end of the warning period, the
    /// period is counted with weekends only, as a provisional deadline is.
    public func light(on today: CivilDate, schedule: ComplaintSchedule) -> ComplaintLight? {
        guard status.isOpen, pausedOn == nil, let due else { return nil }
        if isOverdue(on: today) { return .red }
        let warnUntil = schedule.deskDeadline(schedule.settings.dueSoon, from: today).day
        return due <= warnUntil ? .yellow : .green
    }
}
