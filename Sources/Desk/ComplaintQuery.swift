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
    /// Text to find in the summary or a reply's note (`StoreDatabase.complaintIds(containing:)`);
    /// never matched against the caller.
    public var search: String?
    public var order = Order.received

    public init() {}

    func matches(_ v: ComplaintView, today: CivilDate, schedule: ComplaintSchedule) -> Bool {
        if let queue, !queue.contains(v, person: person, today: today, schedule: schedule) { return false }
        if let township, v.township != township { return false }
        if let programme, v.programme != programme { return false }
        if let category, v.category != category { return false }
        if let type, v.type != type { return false }
        if let channel, v.channel != channel { return false }
        if let receivedFrom, v.receivedOn < receivedFrom { return false }
        if let receivedThrough, v.receivedOn > receivedThrough { return false }
        return true
    }

    /// The rows the store needs to read for this query on `today`: the conditions that are plain
    /// columns (the programme is compared by its parsed value, so `matches` alone checks it).
    func selection(today: CivilDate) -> ComplaintSelection {
        var s = ComplaintSelection()
        s.township = township; s.category = category; s.type = type; s.channel = channel
        s.receivedFromDay = receivedFrom?.dayNumber
        s.receivedThroughDay = receivedThrough?.dayNumber
        s.statuses = queue?.statuses.map(\.rawValue)
        if queue == .overdue { s.dueBeforeDay = today.dayNumber }
        return s
    }

    /// The order, with the number as the tie-break so a page never reshuffles.
    func precedes(_ a: ComplaintView, _ b: ComplaintView) -> Bool {
        switch order {
        case .received where a.receivedAt != b.receivedAt: return a.receivedAt > b.receivedAt
        case .due where a.due != b.due:
            guard let x = a.due else { return false }
            guard let y = b.due else { return true }
            return x < y
        default: return a.id < b.id
        }
    }
}

extension ComplaintDesk {
    /// The complaints of the query, in its order, as of the desk's clock. The store reads only the
    /// rows the query's column conditions allow; `matches` then applies every rule.
    public func complaints(_ query: ComplaintQuery) throws -> [ComplaintView] {
        let today = clock.today
        let found = try query.search.map { try store.complaintIds(containing: $0) }
        return try store.complaints(query.selection(today: today)).map { record throws(DeskError) in try ComplaintView(record) }
            .filter { query.matches($0, today: today, schedule: schedule) && (found?.contains($0.id) ?? true) }
            .sorted(by: query.precedes)
    }
}
