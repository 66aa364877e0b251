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
        ComplaintSchedule(settings: try DeskSettings.load(templates: templates),
                          calendar: try WorkCalendar.load(templates: templates),
                          townships: try Townships.load(templates: templates))
    }

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

    /// Status and deadline for a row of the historical hotline log (complaints.csv): closed rows
    /// are 办结, the others 受理 (the log only holds accepted calls). When the calendar does not cover
    /// the deadline, `dueOn` is nil and `uncovered` says which year's file is missing.
    public func historical(type: String, receivedOn: CivilDate, extensionDays: Int = 0,
                           closedOn: CivilDate?) -> HistoricalComplaint {
        let status: ComplaintStatus = closedOn == nil ? .accepted : .closed
        do {
            let due = try conclusionDeadline(type: type, receivedOn: receivedOn, extensionDays: extensionDays)
            return HistoricalComplaint(status: status, dueOn: due, uncovered: nil)
        } catch {
            return HistoricalComplaint(status: status, dueOn: nil, uncovered: error)
        }
    }
}

/// What the importer stores for one historical complaint.
public struct HistoricalComplaint: Sendable, Equatable {
    public let status: ComplaintStatus
    public let dueOn: CivilDate?
    public let uncovered: CalendarError?

    public init(status: ComplaintStatus, dueOn: CivilDate?, uncovered: CalendarError?) {
        self.status = status; self.dueOn = dueOn; self.uncovered = uncovered
    }
}
