import GRDB

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

    /// Reads the row column by column by position (`columns`); `decode` throws on a value of
    /// another type (a row edited outside gongkai), where a subscript would trap.
    init(row: Row) throws {
        complaintId = try row.decode(String.self, atIndex: 0)
        receivedAt = try row.decode(String.self, atIndex: 1)
        receivedDay = try row.decode(Int.self, atIndex: 2)
        status = try row.decode(String.self, atIndex: 3)
        type = try row.decode(String.self, atIndex: 4)
        category = try row.decode(String.self, atIndex: 5)
        channel = try row.decode(String.self, atIndex: 6)
        summary = try row.decode(String.self, atIndex: 7)
        programme = try row.decode(String?.self, atIndex: 8)
        township = try row.decode(String?.self, atIndex: 9)
        dueDay = try row.decode(Int?.self, atIndex: 10)
        dueProvisional = try row.decode(Bool.self, atIndex: 11)
        assignedHandler = try row.decode(String?.self, atIndex: 12)
        pausedDay = try row.decode(Int?.self, atIndex: 13)
        transferredDay = try row.decode(Int?.self, atIndex: 14)
        acknowledgedDay = try row.decode(Int?.self, atIndex: 15)
        urgedDay = try row.decode(Int?.self, atIndex: 16)
    }
}

extension StoreDatabase {
    /// `complaintPage` with a queue row's columns only (`ComplaintListingRecord`).
    public func complaintListingPage(_ selection: ComplaintSelection, limit: Int, offset: Int) throws -> (total: Int, rows: [ComplaintListingRecord]) {
        let (conditions, arguments) = selection.whereClause()
        return try read { db in
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM complaint \(conditions)", arguments: arguments) ?? 0
            // Picked and ordered in the queue indexes first, as `complaintPage` does.
            let rows = try Row.fetchCursor(db, sql: """
                SELECT \(ComplaintListingRecord.columns) FROM complaint WHERE rowid IN (SELECT rowid FROM complaint \(conditions)
                \(selection.orderClause) LIMIT \(max(0, limit)) OFFSET \(max(0, offset))) \(selection.orderClause)
                """, arguments: arguments)
            var records: [ComplaintListingRecord] = []
            while let row = try rows.next() { records.append(try ComplaintListingRecord(row: row)) }
            return (total, records)
        }
    }
}
