import Accounts
import Foundation
import GongkaiCore
import Store

/// The complaint desk: intake, the workflow steps, lookups and listings over the store.
///
/// Every method that writes is one transaction that also appends the event saying who did what,
/// so the history and the record never disagree, even when a process is killed mid-way.
public struct ComplaintDesk: Sendable {
    public let store: StoreDatabase
    public let schedule: ComplaintSchedule
    public let clock: Clock
    /// Seals a new caller's name and phone and opens them for a reveal; without it the desk still
    /// lists, shows and works complaints, but refuses intake with a caller and reveals.
    public let identity: CallerIdentityCipher?

    public init(store: StoreDatabase, schedule: ComplaintSchedule, clock: Clock, identity: CallerIdentityCipher? = nil) {
        self.store = store; self.schedule = schedule; self.clock = clock; self.identity = identity
    }

    /// Details a step may need; which ones are required depends on the step.
    public struct StepDetails: Sendable {
        public var unit: String?
        public var assignee: String?
        public var rating: String?
        public var days: Int?
        public var reason: String?
        public var note: String?
        /// The complaint a duplicate is merged into (`merge`).
        public var into: String?
        public init(unit: String? = nil, assignee: String? = nil, rating: String? = nil, days: Int? = nil,
                    reason: String? = nil, note: String? = nil, into: String? = nil) {
            self.unit = unit; self.assignee = assignee; self.rating = rating; self.days = days
            self.reason = reason; self.note = note; self.into = into
        }
    }

    /// Everything `show` prints; the caller's identity only when revealed.
    public struct Detail: Sendable {
        public let view: ComplaintView
        public let summary: String
        public let assignedHandler: String?
        public let extensionReason: String?
        public let pauseReason: String?
        /// The extension asked for and not yet decided: days, reason, who asked.
        public let extensionRequest: (days: Int, reason: String, by: String)?
        /// The duplicates merged into this complaint.
        public let mergedFrom: [String]
        public let hasPIN: Bool
        public let caller: (name: String?, phone: String?)?
        public let events: [ComplaintEventRecord]
        /// The later complaints linked to this one as repeat calls, by number.
        public let repeatCalls: [String]
        /// The files attached to it, in the order they came.
        public let attachments: [ComplaintAttachmentRecord]
        /// The account that recorded the reply: it is offered no callback on it.
        public let repliedByAccount: Int64?
    }

    /// What intake returns: the number, the PIN when one was issued (shown once, stored only
    /// hashed), and the conclusion deadline (provisional when the calendar does not reach it).
    public struct Intake: Sendable {
        public let id: String
        public let pin: String?
        public let due: Deadline
    }

    /// Records a new complaint in 登记. A call is never turned away for a missing holiday calendar:
    /// its deadline is counted with weekends only and marked 暂定 until the year's file is added
    /// (`settleDeadlines`).
    public func add(_ intake: ComplaintIntake, by actor: DeskActor, issuePIN: Bool, source: String,
                    random: inout some RandomNumberGenerator) throws -> Intake {
        if let access = actor.access, !access.mayRecord { throw DeskError.notPermitted(account: actor.name, what: "登记投诉") }
        var intake = intake
        intake.receivedAt = intake.receivedAt ?? ChinaTime.minuteText(of: clock.now())
        let (receivedAt, receivedOn, programme) = try intake.validate(source: source, townships: schedule.townships)
        if let household = intake.householdId, try !store.householdExists(household) {
            throw InputError(file: source, field: "household_id", reason: "数据库中没有户 \(household)")
        }
        var caller = SealedCaller.none
        if intake.callerName != nil || intake.callerPhone != nil {
            guard let identity else { throw CallerIdentityKeyMissing(purpose: "保存来电人的姓名和电话") }
            caller = SealedCaller(name: intake.callerName, phone: intake.callerPhone, cipher: identity)
        }
        var record = ComplaintRecord(
            receivedAt: receivedAt, receivedOn: receivedOn, channel: intake.channel, type: intake.type,
            category: intake.category, programme: programme?.code, householdId: intake.householdId,
            township: intake.township, summary: intake.summary, caller: caller,
            anonymous: intake.anonymous, status: ComplaintStatus.registered.rawValue)
        if let earlier = intake.repeatOf {
            guard try store.complaint(id: earlier) != nil else {
                throw InputError(file: source, field: "repeat_of", reason: "没有编号为 \(earlier) 的投诉可以关联")
            }
            record.repeatOf = earlier
        }
        let due = setDue(&record)
        var pin: String?
        if issuePIN {
            let issued = EnquiryPIN.issue(using: &random)
            record.pinHash = issued.hash
            record.pinSalt = issued.salt
            pin = issued.pin
        }
        let intakeEvent = event(handler: actor.name, action: "add", from: nil, to: .registered,
                                note: record.repeatOf.map { "重复来电，首次来电 \($0)" })
        let id = try store.insertComplaint(record, event: intakeEvent) { newId, status in
            // The earlier complaint's history says a repeat came in; its state does not change.
            ComplaintEventRecord(at: intakeEvent.at, handler: actor.name, action: "repeat",
                                 fromState: status, toState: status, note: "重复来电 \(newId)")
        }
        return Intake(id: id, pin: pin, due: due)
    }

    /// The history's name for 交办 taken by the unit's own 承办人: 签收 (signing for a dispatched complaint).
    public static let signEvent = "sign"

    /// Sets the conclusion deadline from receipt, extension and pauses (provisional where the
    /// calendar does not reach it) and returns it.
    @discardableResult
    func setDue(_ record: inout ComplaintRecord) -> Deadline {
        let due = schedule.deskDeadline(type: record.type, receivedOn: record.receivedOn,
                                        extensionDays: record.extensionDays, pausedWorkdays: record.pausedWorkdays)
        Self.store(due, in: &record)
        return due
    }

    static func store(_ due: Deadline, in record: inout ComplaintRecord) {
        record.dueOn = due.day.description
        record.dueDay = due.day.dayNumber
        record.dueProvisional = due.isProvisional
    }

    /// Applies one workflow step and returns the complaint as it now stands.
    @discardableResult
    public func perform(_ action: ComplaintAction, on id: String, by actor: DeskActor,
                        details: StepDetails = StepDetails()) throws -> ComplaintView {
        let today = clock.today
        if action == .merge {
            if let found = try store.complaint(id: id) { try authorise(.merge, on: found, by: actor) }
            return try merge(id, into: details.into, by: actor, note: details.note)
        }
        let candidates = action == .assign ? try assignees() : []
        return try store.changeComplaint(id: id) { record in
            let before = try ComplaintView(record)
            let after = try Workflow.next(id: id, from: before.status, before.situation, action: action, rating: details.rating)
            try authorise(action, on: record, by: actor)
            if record.dueDay == nil && !record.reopened { setDue(&record) }
            let note = try apply(action, to: &record, view: before, details: details, by: actor, today: today,
                                 assignees: candidates)
            if Self.unitSteps.contains(action) { record.urgedDay = nil }
            record.status = after.rawValue
            let signing = action == .assign && actor.access.map { !$0.supervises(.assign) } == true
            return (event(handler: actor.name, action: signing ? Self.signEvent : action.rawValue, from: before.status, to: after, note: note),
                    try ComplaintView(record))
        }
    }

    /// The step's own rules and effects on the record; returns the note for the event.
    private func apply(_ action: ComplaintAction, to record: inout ComplaintRecord, view: ComplaintView,
                       details: StepDetails, by actor: DeskActor, today: CivilDate, assignees: [Account]) throws -> String? {
        let s = schedule.settings
        switch action {
        case .accept:
            record.acknowledgedOn = today.description
            record.acknowledgedDay = today.dayNumber
            return details.note
        case .transfer:
            return try transfer(&record, to: details.unit, note: details.note, today: today)
        case .assign:
            return try assign(&record, view: view, to: details.assignee, by: actor, among: assignees, note: details.note)
        case .sendBack:
            guard let reason = details.reason else { throw DeskError.reasonRequired(action: .sendBack) }
            let deadline = schedule.deskDeadline(s.signWithin, from: view.transferredOn ?? view.acknowledgedOn ?? view.receivedOn).day
            guard today <= deadline else { throw DeskError.periodOver(id: view.id, action: .sendBack, limit: s.signWithin, deadline: deadline) }
            let unit = record.assignedUnit ?? ""
            record.assignedUnit = nil; record.transferredDay = nil; record.assignedHandler = nil
            return "\(unit)退单: \(reason)"
        case .urge:
            record.urgedDay = today.dayNumber
            return ["催办 \(record.assignedUnit ?? record.township ?? "")", details.reason ?? details.note].compactMap { $0 }.joined(separator: ": ")
        case .reply:
            record.repliedOn = today.description
            record.repliedDay = today.dayNumber
            record.repliedByAccount = actor.accountId
            return details.note
        case .callback:
            guard let rating = details.rating, ["满意", "基本满意", "不满意"].contains(rating) else {
                throw DeskError.unknownRating(details.rating ?? "")
            }
            record.satisfaction = rating
            record.ratingByReplier = false
            return ["回访评价 \(rating)", details.note].compactMap { $0 }.joined(separator: ": ")
        case .close:
            let now = clock.now()
            record.closedAt = ChinaTime.minuteText(of: now)
            record.closedDay = today.dayNumber
            record.closedMonthIndex = today.yearMonth.index
            record.satisfaction = record.satisfaction ?? "未评价"
            return details.note
        case .extend:
            guard let reason = details.reason else { throw DeskError.reasonRequired(action: .extend) }
            return try extend(&record, view: view, days: details.days ?? 0, reason: reason, approving: nil)
        case .extendRequest:
            guard record.extensionDays == 0 else { throw DeskError.extensionAlreadyUsed(id: view.id) }
            let days = details.days ?? 0
            guard days >= 1, days <= s.extensionMaxDays else { throw DeskError.extensionTooLong(days: days, max: s.extensionMaxDays) }
            guard let reason = details.reason else { throw DeskError.reasonRequired(action: .extendRequest) }
            record.extensionRequestDays = days
            record.extensionRequestReason = reason
            record.extensionRequestedBy = actor.name
            return "申请延期 \(days)日: \(reason)"
        case .extendApprove:
            // The workflow only offers approval while a request is pending, so the days are there.
            let days = record.extensionRequestDays ?? 0
            let extended = try extend(&record, view: view, days: days, reason: record.extensionRequestReason ?? "",
                                      approving: record.extensionRequestedBy ?? "")
            return [extended, details.note].compactMap { $0 }.joined(separator: "; ")
        case .extendReject:
            guard let reason = details.reason else { throw DeskError.reasonRequired(action: .extendReject) }
            let days = record.extensionRequestDays ?? 0
            clearExtensionRequest(&record)
            return "不批准延期申请 \(days)日: \(reason)"
        case .pause:
            guard let reason = details.reason else { throw DeskError.reasonRequired(action: .pause) }
            guard record.pausedWorkdays < s.pauseMaxDays else { throw DeskError.pauseAllowanceUsed(id: view.id, max: s.pauseMaxDays) }
            record.pausedDay = today.dayNumber
            record.pauseReason = reason
            return "暂停计时: \(reason)"
        case .resume:
            return try resume(&record, today: today, note: details.note)
        case .return:
            guard let reason = details.reason else { throw DeskError.reasonRequired(action: .return) }
            let deadline = try s.returnWithin.deadline(from: view.receivedOn, calendar: schedule.calendar)
            guard today <= deadline else { throw DeskError.periodOver(id: view.id, action: .return, limit: s.returnWithin, deadline: deadline) }
            return reason
        case .merge:
            // `perform` hands a merge to `merge(_:into:by:note:)`, which changes two complaints.
            throw DeskError.mergeTargetRequired
        case .reopen:
            guard !record.reopened else { throw DeskError.reopenAlreadyUsed(id: view.id) }
            // Rows imported from the hotline log have no reply date: their closing was the reply.
            let replied = view.repliedOn ?? view.closedOn ?? today
            let deadline = try s.reopenWithin.deadline(from: replied, calendar: schedule.calendar)
            guard today <= deadline else { throw DeskError.periodOver(id: view.id, action: .reopen, limit: s.reopenWithin, deadline: deadline) }
            let due = schedule.deskDeadline(s.review, from: today)
            record.reopened = true
            record.reopenedDay = today.dayNumber
            record.closedAt = nil; record.closedDay = nil; record.closedMonthIndex = nil
            record.satisfaction = nil
            Self.store(due, in: &record)
            return ["复查 答复期限 \(due.text)", details.note].compactMap { $0 }.joined(separator: ": ")
        case .supervise:
            record.supervised = true
            record.supervisedDay = today.dayNumber
            return ["督办", details.reason ?? details.note].compactMap { $0 }.joined(separator: ": ")
        }
    }

    /// The complaint with its history. A `revealReason` adds the caller's identity, opened with the
    /// key, and records in the history who looked and why (the reason is required: need to know).
    public func show(id: String, revealReason: String?, by actor: DeskActor) throws -> Detail {
        let record: ComplaintRecord
        var caller: (name: String?, phone: String?)?
        if let revealReason {
            let reason = revealReason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw DeskError.revealReasonRequired }
            guard let identity else { throw CallerIdentityKeyMissing(purpose: "显示来电人的姓名和电话") }
            record = try store.changeComplaint(id: id) { record in
                let view = try ComplaintView(record)
                let status = view.status
                if actor == .citizen || actor.access.map({ !($0.mayView(view) && $0.mayReveal(assignedHandler: record.assignedHandler)) }) == true {
                    throw DeskError.notPermitted(account: actor.name, what: "查看 \(id) 的来电人身份")
                }
                return (event(handler: actor.name, action: "reveal", from: status, to: status,
                              note: "来电人身份已查看：\(reason)"), record)
            }
            caller = (try record.callerName.map { try identity.open($0, .name) },
                      try record.callerPhone.map { try identity.open($0, .phone) })
        } else {
            guard let found = try store.complaint(id: id) else { throw ComplaintNotFound(id: id) }
            // Another unit's complaint reads as one that does not exist (as the browser's 404).
            if let access = actor.access, !access.mayView(try ComplaintView(found)) { throw ComplaintNotFound(id: id) }
            record = found
        }
        let request = record.extensionRequestDays.map { ($0, record.extensionRequestReason ?? "", record.extensionRequestedBy ?? "") }
        return Detail(view: try ComplaintView(record), summary: record.summary, assignedHandler: record.assignedHandler,
                      extensionReason: record.extensionReason, pauseReason: record.pauseReason, extensionRequest: request,
                      mergedFrom: try store.complaintIds(mergedInto: id), hasPIN: record.pinHash != nil,
                      caller: caller,
                      events: try store.complaintEvents(id: id), repeatCalls: try store.repeatCalls(of: id),
                      attachments: try store.attachments(of: id), repliedByAccount: record.repliedByAccount)
    }

    /// Status and next deadline for a caller who gives the number and the PIN. A wrong PIN and an
    /// unknown number give the same answer, so the lookup cannot be used to probe numbers.
    public func lookup(id: String, pin: String) throws -> ComplaintView {
        guard let record = try store.complaint(id: id),
              EnquiryPIN.matches(pin: pin, salt: record.pinSalt, hash: record.pinHash) else { throw DeskError.pinMismatch }
        return try ComplaintView(record)
    }

    /// Listing filters; all optional.
    public struct Filter: Sendable {
        public var status: ComplaintStatus?
        public var overdue = false
        public var dueWithinDays: Int?
        public var category: String?
        public var programme: Programme?
        /// Text in the summary or a reply's note (as `ComplaintQuery.search`).
        public var search: String?
        public init(status: ComplaintStatus? = nil, overdue: Bool = false, dueWithinDays: Int? = nil,
                    category: String? = nil, programme: Programme? = nil, search: String? = nil) {
            self.status = status; self.overdue = overdue; self.dueWithinDays = dueWithinDays
            self.category = category; self.programme = programme; self.search = search
        }
    }

    public func list(_ filter: Filter) throws -> [ComplaintView] {
        let today = clock.today
        let found = try filter.search.map { try store.complaintIds(containing: $0) }
        return try store.complaints().map { record throws(DeskError) in try ComplaintView(record) }.filter { v in
            if let found, !found.contains(v.id) { return false }
            if let s = filter.status, v.status != s { return false }
            if filter.overdue, !v.isOverdue(on: today) { return false }
            if let n = filter.dueWithinDays {
                guard v.status.isOpen, let due = v.due, due >= today, due.dayNumber - today.dayNumber <= n else { return false }
            }
            if let c = filter.category, v.category != c { return false }
            if let p = filter.programme, v.programme != p { return false }
            return true
        }
    }

    /// The month's figures over every complaint received up to the month's end.
    public func statistics(month: YearMonth) throws -> ComplaintStatistics {
        // Only the complaints the month's figures look at; those open at its end are counted in SQLite.
        let days = ComplaintStatistics.relevantDays(month, schedule: schedule)
        let views = try store.complaintsForStatistics(fromDay: days.lowerBound.dayNumber, fromMonthIndex: days.lowerBound.yearMonth.index,
                                                      throughDay: days.upperBound.dayNumber, monthIndex: month.index)
            .map { record throws(DeskError) in try ComplaintView(record) }
        let endCounts = try store.complaintOpenCounts(receivedThroughDay: month.lastDay.dayNumber, cutOffDay: min(month.lastDay, clock.today).dayNumber,
                                                      finishedStatuses: ComplaintStatistics.finished.map(\.rawValue).sorted())
        var statistics = try ComplaintStatistics(month: month, complaints: views, schedule: schedule, today: clock.today, endCounts: endCounts)
        // The month in Beijing time, as the history's UTC timestamps count it.
        let start = ChinaTime.parseMinute("\(month.firstDay) 00:00"), end = ChinaTime.parseMinute("\(month.lastDay.adding(days: 1)) 00:00")
        if let start, let end {
            statistics.urges = try store.complaintEventCount(action: ComplaintAction.urge.rawValue,
                                                             from: timestamp(at: start), before: timestamp(at: end))
        }
        return statistics
    }


    func event(handler: String, action: String, from: ComplaintStatus?, to: ComplaintStatus,
               note: String?, at now: Date? = nil) -> ComplaintEventRecord {
        ComplaintEventRecord(at: timestamp(at: now), handler: handler, action: action,
                             fromState: from?.rawValue, toState: to.rawValue, note: note)
    }

    /// `now` (by default the desk's clock), ISO 8601 UTC, as the history stores times.
    func timestamp(at now: Date? = nil) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: now ?? clock.now())
    }
}
