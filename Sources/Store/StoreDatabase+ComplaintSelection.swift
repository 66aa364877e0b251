import GRDB

/// Which complaint rows a desk listing can use, as SQL picks them: plain column conditions, so the
/// 100,000 rows of a busy desk are not read and decoded for a page of 50 (bench/80-desk.sh). The
/// caller still applies its own rules (lights, programme names) to the rows it gets: a selection
/// only narrows, it never decides on its own what a queue holds.
public struct ComplaintSelection: Sendable, Equatable {
    public var township: String?
    public var category: String?
    public var type: String?
    public var channel: String?
    /// Days of receipt (`received_day`), both ends included.
    public var receivedFromDay: Int?
    public var receivedThroughDay: Int?
    /// The workflow states (`status`) allowed; nil: any.
    public var statuses: [String]?
    /// Only rows whose conclusion deadline (`due_day`) is before this day.
    public var dueBeforeDay: Int?

    public init() {}
}

extension StoreDatabase {
    /// The complaints of `selection`, oldest first (as `complaints(receivedThrough:)`).
    public func complaints(_ selection: ComplaintSelection) throws -> [ComplaintRecord] {
        try read { db in
            var request = ComplaintRecord.all()
            for (column, value) in [("township", selection.township), ("category", selection.category),
                                    ("type", selection.type), ("channel", selection.channel)] {
                if let value { request = request.filter(Column(column) == value) }
            }
            if let day = selection.receivedFromDay { request = request.filter(Column("received_day") >= day) }
            if let day = selection.receivedThroughDay { request = request.filter(Column("received_day") <= day) }
            if let statuses = selection.statuses { request = request.filter(statuses.contains(Column("status"))) }
            if let day = selection.dueBeforeDay { request = request.filter(Column("due_day") < day) }
            return try request.order(Column("received_day"), Column("complaint_id")).fetchAll(db)
        }
    }
}
