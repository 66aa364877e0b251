/// The columns of `complaint` a queue row shows or works its light out from, and no others: a
/// queue page reads these for its 50 rows instead of the whole records (issue 28), never the
/// caller's sealed identity or the PIN.
public struct ComplaintListingRecord: Sendable, Equatable {
    public var complaintId: String
    public var receivedAt: String
    public var receivedDay: Int
    public var status: String
    public var type: String
    public var category: String
    public var channel: String
    public var summary: String
    public var programme: String?
    public var township: String?
    public var dueDay: Int?
    public var dueProvisional: Bool
    public var assignedHandler: String?
    public var pausedDay: Int?
    public var transferredDay: Int?
    public var acknowledgedDay: Int?
    public var urgedDay: Int?

    /// The columns read, in the order `init(row:)` decodes them.
    static let columns = """
        complaint_id, received_at, received_day, status, type, category, channel, summary, programme, township, \
        due_day, due_provisional, assigned_handler, paused_day, transferred_day, acknowledged_day, urged_day
        """

    /// Reads the row column by column by position (`columns`); a value of another type (a row
    /// edited outside gongkai) throws `StoredRecordDamage`, never traps.
    init(row: SQLRow) throws {
        var r = StoredRow(row)
        complaintId = try r.required()
        receivedAt = try r.required()
        receivedDay = try r.required()
        status = try r.required()
        type = try r.required()
        category = try r.required()
        channel = try r.required()
        summary = try r.required()
        programme = try r.optional()
        township = try r.optional()
        dueDay = try r.optional()
        dueProvisional = try r.flag()
        assignedHandler = try r.optional()
        pausedDay = try r.optional()
        transferredDay = try r.optional()
        acknowledgedDay = try r.optional()
        urgedDay = try r.optional()
    }
}

extension StoreDatabase {
    /// `complaintPage` with a queue row's columns only (`ComplaintListingRecord`).
    public func complaintListingPage(_ selection: ComplaintSelection, limit: Int, offset: Int) throws -> (total: Int, rows: [ComplaintListingRecord]) {
        try session(readOnly: true) { session in
            let (conditions, arguments) = selection.whereClause(session.dialect)
            let total = try Self.count(conditions, arguments, in: session)
            // Picked and ordered in the queue indexes first, as `complaintPage` does.
            let statement = Self.pageStatement(ComplaintListingRecord.columns, selection, conditions, limit: limit, offset: offset,
                                               dialect: session.dialect)
            return (total, try session.rows(statement, arguments).map(ComplaintListingRecord.init(row:)))
        }
    }
}
