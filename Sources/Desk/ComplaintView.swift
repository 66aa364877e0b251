import GongkaiCore
import Store

/// A complaint as listings, exports and statistics see it: everything but the caller's identity
/// and the PIN. It has no field for them, so no output built from it can leak them.
public struct ComplaintView: ComplaintListed, Sendable, Equatable {
    public let id: String
    public let receivedAt: String
    public let receivedOn: CivilDate
    public let channel: String
    public let type: String
    public let category: String
    public let programme: Programme?
    public let householdId: String?
    public let township: String?
    /// 诉求摘要: what the caller asks, as recorded (never the caller's identity).
    public let summary: String
    public let status: ComplaintStatus
    public let anonymous: Bool
    public let supervised: Bool
    public let due: CivilDate?
    /// The deadline was counted with weekends only: its year has no holiday calendar yet (暂定).
    public let dueIsProvisional: Bool
    public let extensionDays: Int
    public let acknowledgedOn: CivilDate?
    public let repliedOn: CivilDate?
    public let closedOn: CivilDate?
    public let satisfaction: String?
    /// The rating came from a callback by whoever replied (before the centre's independent 回访):
    /// shown, but counted in no satisfaction figure.
    public let ratedByReplier: Bool
    public let assignedUnit: String?
    /// The member of staff handling it (a 承办人's display name): "my queue" reads it.
    public let assignedHandler: String?
    /// 暂停计时 since this day (nil while the clock runs): never overdue, no light.
    public let pausedOn: CivilDate?
    /// Working days credited to pauses so far (they move the conclusion deadline later).
    public let pausedWorkdays: Int
    /// Days of an extension the 承办人 asked for, waiting for the 督办's decision.
    public let extensionRequestDays: Int?
    /// The complaint this duplicate was merged into (status 合并).
    public let mergedInto: String?
    /// The day of the last 转办 (the sign-for deadline counts from it) and of the last 督办.
    public let transferredOn: CivilDate?
    public let supervisedOn: CivilDate?
    /// The earlier complaint this one was linked to at intake as a repeat call.
    public let repeatOf: String?
    /// Urged by the 督办 (催办) on this day, and not acted on by the unit since.
    public let urgedOn: CivilDate?
    /// The caller's own evaluation (来电人评价), given on the public channel after 办结.
    public let callerRating: String?

    init(_ r: ComplaintRecord) throws(DeskError) {
        guard let status = ComplaintStatus(rawValue: r.status) else { throw .unknownStatus(id: r.complaintId, status: r.status) }
        id = r.complaintId; receivedAt = r.receivedAt; receivedOn = r.receivedOn
        channel = r.channel; type = r.type; category = r.category
        programme = r.programme.flatMap { Programme(parsing: $0) }
        householdId = r.householdId; township = r.township; summary = r.summary
        self.status = status
        anonymous = r.anonymous; supervised = r.supervised
        due = r.dueDay.map(CivilDate.init(dayNumber:))
        dueIsProvisional = r.dueProvisional
        extensionDays = r.extensionDays
        acknowledgedOn = r.acknowledgedDay.map(CivilDate.init(dayNumber:))
        repliedOn = r.repliedDay.map(CivilDate.init(dayNumber:))
        closedOn = r.closedDay.map(CivilDate.init(dayNumber:))
        satisfaction = r.satisfaction
        ratedByReplier = r.ratingByReplier
        assignedUnit = r.assignedUnit
        assignedHandler = r.assignedHandler
        pausedOn = r.pausedDay.map(CivilDate.init(dayNumber:))
        pausedWorkdays = r.pausedWorkdays
        extensionRequestDays = r.extensionRequestDays
        mergedInto = r.mergedInto
        transferredOn = r.transferredDay.map(CivilDate.init(dayNumber:))
        supervisedOn = r.supervisedDay.map(CivilDate.init(dayNumber:))
        repeatOf = r.repeatOf
        urgedOn = r.urgedDay.map(CivilDate.init(dayNumber:))
        callerRating = r.callerRating
    }

    /// The evaluation 满意率 counts (docs/citizen-channel.md): the centre's independent 回访 when it
    /// recorded one (not a rating by whoever replied), else the caller's own evaluation on the public
    /// channel (an anonymous caller cannot be called back, so theirs is the only one); nil when
    /// neither exists.
    public var evaluation: String? {
        let ratings = ["满意", "基本满意", "不满意"]
        if !ratedByReplier, let satisfaction, ratings.contains(satisfaction) { return satisfaction }
        return callerRating.flatMap { ratings.contains($0) ? $0 : nil }
    }

    /// What besides the status decides the steps open now.
    public var situation: Workflow.Situation {
        Workflow.Situation(anonymous: anonymous, paused: pausedOn != nil, extensionRequested: extensionRequestDays != nil)
    }

    /// The deadline of the step the complaint waits for, with what it is for.
    public func nextDeadline(schedule: ComplaintSchedule) throws(CalendarError) -> (step: String, date: CivilDate)? {
        let s = schedule.settings
        switch status {
        case .registered:
            return ("受理告知", try s.acknowledge(type: type).deadline(from: receivedOn, calendar: schedule.calendar))
        case .accepted:
            return ("转办", try s.dispatch(type: type).deadline(from: acknowledgedOn ?? receivedOn, calendar: schedule.calendar))
        case .replied:
            guard let repliedOn else { return due.map { ("办结", $0) } }
            return ("回访", try s.callbackAfterReply.deadline(from: repliedOn, calendar: schedule.calendar))
        case .transferred, .inProgress, .redo, .calledBack:
            return due.map { ("办结", $0) }
        case .review:
            return due.map { ("复查答复", $0) }
        case .closed, .returned, .merged:
            return nil
        }
    }
}
