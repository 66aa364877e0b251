/// The desk's limits applied on the holiday calendar: the one place that turns a complaint's dates
/// into deadlines, used by the desk, the CSV importer and the indicators alike.
public struct ComplaintSchedule: Sendable {
    public let settings: DeskSettings
    public let calendar: WorkCalendar
    /// The district's townships (templates/townships.toml): the desk and the importer accept only these.
    public let townships: Townships

    public init(settings: DeskSettings, calendar: WorkCalendar, townships: Townships) {
        self.settings = settings; self.calendar = calendar; self.townships = townships
    }

    /// templates/desk.toml, templates/calendar/ and templates/townships.toml.
    public static func load(templates: String) throws(InputError) -> ComplaintSchedule {
        let townships = try Townships.load(templates: templates)
        return ComplaintSchedule(settings: try DeskSettings.load(templates: templates, townships: townships),
                                 calendar: try WorkCalendar.load(templates: templates), townships: townships)
    }

    /// Every unit a complaint may be dispatched to: the centre's own (desk.toml), then each township's
    /// (its 民政办, or the name desk.toml gives it), in templates/townships.toml's order. All of a
    /// district's townships can be dispatched to without listing them.
    public var units: [DeskUnit] {
        settings.units.map { DeskUnit(name: $0, township: nil) }
            + townships.names.map { DeskUnit(name: settings.townshipUnits[$0] ?? DeskUnit.defaultName(of: $0), township: $0) }
    }

    /// The unit named so, or nil.
    public func unit(named name: String) -> DeskUnit? { units.first { $0.name == name } }

    /// The township's unit.
    public func unit(ofTownship township: String) -> DeskUnit? { units.first { $0.township == township } }

    /// The conclusion deadline of a complaint received (and accepted) on `receivedOn`; an extension
    /// runs on from the end of the original period, with the Civil Code's holiday rule, and the
    /// working days the clock was paused (waiting on the caller) are added last, so the order in
    /// which a complaint was extended and paused never changes its deadline.
    public func conclusionDeadline(type: String, receivedOn: CivilDate, extensionDays: Int = 0,
                                   pausedWorkdays: Int = 0) throws(CalendarError) -> CivilDate {
        let base = try settings.conclude(type: type).deadline(from: receivedOn, calendar: calendar)
        let extended = extensionDays > 0 ? try calendar.civilCodeDeadline(from: base, days: extensionDays) : base
        return pausedWorkdays > 0 ? try calendar.adding(workingDays: pausedWorkdays, to: extended) : extended
    }

    /// The conclusion deadline as the desk keeps it: on the holiday calendar where it reaches, else
    /// counted with weekends only and marked provisional (暂定) until the year's file is added, when
    /// the desk recomputes it (`ComplaintDesk.recomputeProvisionalDeadlines`). Never fails.
    public func deskDeadline(type: String, receivedOn: CivilDate, extensionDays: Int = 0,
                             pausedWorkdays: Int = 0) -> Deadline {
        if let day = try? conclusionDeadline(type: type, receivedOn: receivedOn, extensionDays: extensionDays,
                                             pausedWorkdays: pausedWorkdays) {
            return Deadline(day: day, isProvisional: false)
        }
        let fallback = ComplaintSchedule(settings: settings, calendar: calendar.provisional, townships: townships)
        // Weekends only cannot fail; a limit beyond any date (refused when the settings load) is not one.
        let day = (try? fallback.conclusionDeadline(type: type, receivedOn: receivedOn, extensionDays: extensionDays,
                                                   pausedWorkdays: pausedWorkdays)) ?? receivedOn
        return Deadline(day: day, isProvisional: true)
    }

    /// `limit` counted from `start` as the desk counts it: provisional (weekends only) where the
    /// calendar does not reach (a 复查's answer, a pause's end).
    public func deskDeadline(_ limit: Limit, from start: CivilDate) -> Deadline {
        if let day = try? limit.deadline(from: start, calendar: calendar) { return Deadline(day: day, isProvisional: false) }
        return Deadline(day: (try? limit.deadline(from: start, calendar: calendar.provisional)) ?? start, isProvisional: true)
    }

    /// Status and deadline for a row of the historical hotline log (complaints.csv): closed rows
    /// are 办结, the others 受理 (the log only holds accepted calls). Where the calendar does not cover
    /// the deadline, it is provisional (weekends only), as at the desk.
    public func historical(type: String, receivedOn: CivilDate, extensionDays: Int = 0,
                           closedOn: CivilDate?) -> HistoricalComplaint {
        HistoricalComplaint(status: closedOn == nil ? .accepted : .closed,
                            due: deskDeadline(type: type, receivedOn: receivedOn, extensionDays: extensionDays))
    }
}

/// A conclusion deadline, and whether it is provisional (暂定: counted with weekends only, because the
/// holiday calendar does not reach it yet).
public struct Deadline: Sendable, Equatable {
    public let day: CivilDate
    public let isProvisional: Bool

    public init(day: CivilDate, isProvisional: Bool) {
        self.day = day; self.isProvisional = isProvisional
    }

    /// "2027-01-26", or "2027-01-26（暂定）".
    public var text: String { isProvisional ? "\(day)（暂定）" : day.description }
}

/// What the importer stores for one historical complaint.
public struct HistoricalComplaint: Sendable, Equatable {
    public let status: ComplaintStatus
    public let due: Deadline

    public init(status: ComplaintStatus, due: Deadline) {
        self.status = status; self.due = due
    }
}
