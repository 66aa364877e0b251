import GongkaiCore
import Store

/// A complaint as a queue row shows it, read with only the row's columns
/// (`StoreDatabase.complaintListingPage`); its light and deadlines follow the same rules as the
/// whole `ComplaintView`'s (`ComplaintListed`).
public struct ComplaintListing: ComplaintListed, Sendable, Equatable {
    public let id: String
    public let receivedAt: String
    public let receivedOn: CivilDate
    public let status: ComplaintStatus
    public let type: String
    public let category: String
    public let channel: String
    public let summary: String
    public let programme: Programme?
    public let township: String?
    public let due: CivilDate?
    public let dueIsProvisional: Bool
    public let assignedHandler: String?
    public let pausedOn: CivilDate?
    public let transferredOn: CivilDate?
    public let acknowledgedOn: CivilDate?
    public let urgedOn: CivilDate?

    init(_ r: ComplaintListingRecord) throws(DeskError) {
        guard let status = ComplaintStatus(rawValue: r.status) else { throw .unknownStatus(id: r.complaintId, status: r.status) }
        id = r.complaintId; receivedAt = r.receivedAt; receivedOn = CivilDate(dayNumber: r.receivedDay)
        self.status = status
        type = r.type; category = r.category; channel = r.channel; summary = r.summary
        programme = r.programme.flatMap { Programme(parsing: $0) }
        township = r.township
        due = r.dueDay.map(CivilDate.init(dayNumber:)); dueIsProvisional = r.dueProvisional
        assignedHandler = r.assignedHandler
        pausedOn = r.pausedDay.map(CivilDate.init(dayNumber:))
        transferredOn = r.transferredDay.map(CivilDate.init(dayNumber:))
        acknowledgedOn = r.acknowledgedDay.map(CivilDate.init(dayNumber:))
        urgedOn = r.urgedDay.map(CivilDate.init(dayNumber:))
    }
}

extension ComplaintDesk {
    /// One page of the query as queue rows (`page` from 1) and how many complaints the whole query
    /// holds: only the page's rows, and only a row's columns, are read.
    public func listing(_ query: ComplaintQuery, page: Int, size: Int) throws -> (total: Int, page: [ComplaintListing]) {
        let found = try store.complaintListingPage(query.selection(today: clock.today, schedule: schedule),
                                                   limit: size, offset: (max(1, page) - 1) * size)
        return (found.total, try found.rows.map { record throws(DeskError) in try ComplaintListing(record) })
    }
}
