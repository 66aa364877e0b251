import GongkaiCore

/// What a listing row shows of a complaint, and what its deadline, light and sign-for deadline are
/// worked out from: `ComplaintView` (the whole complaint without its caller) and `ComplaintListing`
/// (only a queue row's columns, issue 28) both have it, and share one implementation of the rules.
public protocol ComplaintListed {
    var id: String { get }
    var receivedAt: String { get }
    var receivedOn: CivilDate { get }
    var status: ComplaintStatus { get }
    var type: String { get }
    var category: String { get }
    var channel: String { get }
    /// 诉求摘要, as recorded.
    var summary: String { get }
    var programme: Programme? { get }
    var township: String? { get }
    var due: CivilDate? { get }
    var dueIsProvisional: Bool { get }
    var assignedHandler: String? { get }
    var pausedOn: CivilDate? { get }
    var transferredOn: CivilDate? { get }
    var acknowledgedOn: CivilDate? { get }
    var urgedOn: CivilDate? { get }
}

extension ComplaintListed {
    /// "2027-02-18", or "2027-02-18（暂定）": how every page, printout, export and the CLI print it.
    public var dueText: String? { due.map { Deadline(day: $0, isProvisional: dueIsProvisional).text } }

    /// Past its conclusion deadline and still the office's to finish. A paused complaint's clock
    /// stands still, so it is never overdue while paused.
    public func isOverdue(on today: CivilDate) -> Bool {
        guard status.isOpen, pausedOn == nil, let due else { return false }
        return today > due
    }

    /// The last day to sign for (`assign`) a complaint transferred to a unit: `sign_within` after
    /// the transfer (for a transfer recorded before the day was kept: after acceptance or receipt).
    public func signDeadline(schedule: ComplaintSchedule) throws(CalendarError) -> CivilDate? {
        guard status == .transferred else { return nil }
        return try schedule.settings.signWithin.deadline(from: transferredOn ?? acknowledgedOn ?? receivedOn, calendar: schedule.calendar)
    }

    /// Transferred and not signed for by its sign-for deadline (签收超期). Without the calendar for
    /// the deadline's year it is marked: a warning too many, never a miss.
    public func isSignOverdue(on today: CivilDate, schedule: ComplaintSchedule) -> Bool {
        guard status == .transferred else { return false }
        return (try? signDeadline(schedule: schedule)).map { deadline in deadline.map { today > $0 } ?? false } ?? true
    }
}
