import GongkaiCore
import Store

/// A queue with filters and an order: what the browser's complaint list and its CSV export show.
/// Every filter is optional; dates are days of receipt, both ends included.
public struct ComplaintQuery: Sendable, Equatable {
    public enum Order: String, CaseIterable, Sendable {
        /// Newest received first (the default).
        case received
        /// Earliest conclusion deadline first; complaints without one last.
        case due
        /// By number.
        case number
    }

    public var queue: ComplaintQueue?
    /// Whose queue `mine` is: the name the desk's events record for them.
    public var person = ""
    public var township: String?
    public var programme: Programme?
    public var category: String?
    public var type: String?
    public var channel: String?
    public var receivedFrom: CivilDate?
    public var receivedThrough: CivilDate?
    /// A complaint number (`ComplaintNumber`: with or without `TS-`), which finds that complaint
    /// alone; else text to find in the summary or a reply's note (`ComplaintSelection.text`), never
    /// matched against the caller.
    public var search: String?

    /// The number the search names, when it names one.
    public var searchedNumber: String? { search.flatMap(ComplaintNumber.parse) }
    public var order = Order.received

    public init() {}

    /// The query as one SQL selection on `today`: each queue's rule (`ComplaintQueue.contains`, the
    /// lights of `ComplaintView.light`) written as column conditions. DeskTests hold the two to the
    /// same answer.
    func selection(today: CivilDate, schedule: ComplaintSchedule) -> ComplaintSelection {
        var s = ComplaintSelection()
        s.township = township; s.category = category; s.type = type; s.channel = channel
        s.programme = programme?.code
        s.receivedFromDay = receivedFrom?.dayNumber
        s.receivedThroughDay = receivedThrough?.dayNumber
        if let number = searchedNumber { s.complaintId = number } else { s.text = search }
        s.statuses = queue?.statuses.map(\.rawValue)
        switch queue {
        case .urged: s.urged = true
        case .mine: s.assignedHandler = person
        case .overdue:
            s.clockRunning = true
            s.dueBeforeDay = today.dayNumber
        case .due:
            // Not red (due on or after today) and within the warning period, counted as `light` counts it.
            s.clockRunning = true
            s.dueFromDay = today.dayNumber
            s.dueThroughDay = schedule.deskDeadline(schedule.settings.dueSoon, from: today).day.dayNumber
        case .unsigned, .callback, .closed, nil: break
        }
        s.order = switch order {
        case .received: .receivedNewestFirst
        case .due: .dueSoonestFirst
        case .number: .number
        }
        return s
    }
}

extension ComplaintDesk {
    /// The complaints of the query, in its order, as of the desk's clock (an export's whole list).
    public func complaints(_ query: ComplaintQuery) throws -> [ComplaintView] {
        try store.complaints(query.selection(today: clock.today, schedule: schedule))
            .map { record throws(DeskError) in try ComplaintView(record) }
    }

    /// How many complaints the query holds as of the desk's clock, without reading them.
    public func count(_ query: ComplaintQuery) throws -> Int {
        try store.complaintCount(query.selection(today: clock.today, schedule: schedule))
    }

    /// One page of the query (`page` from 1) and how many complaints the whole query holds: only the
    /// page's rows are read.
    public func complaints(_ query: ComplaintQuery, page: Int, size: Int) throws -> (total: Int, page: [ComplaintView]) {
        let found = try store.complaintPage(query.selection(today: clock.today, schedule: schedule),
                                            limit: size, offset: (max(1, page) - 1) * size)
        return (found.total, try found.rows.map { record throws(DeskError) in try ComplaintView(record) })
    }
}
