import Foundation

/// Which complaint rows a desk listing shows, in which order, as one SQL statement: the queue page
/// reads and decodes only its 50 rows and counts the rest in SQLite, instead of reading the
/// thousands a queue of a busy desk holds (bench/80-desk.sh: 100,000 complaints). The Desk module
/// turns its queues and lights into these column conditions (`ComplaintQuery.selection`);
/// DeskTests check them against its one-by-one rules.
public struct ComplaintSelection: Sendable, Equatable {
    public enum Order: Sendable, Equatable {
        /// Newest received first, then by number.
        case receivedNewestFirst
        /// Earliest conclusion deadline first, those without one last, then by number.
        case dueSoonestFirst
        case number
    }

    public var township: String?
    public var category: String?
    public var type: String?
    public var channel: String?
    /// A programme's code, as the desk stores it (`Programme.code`).
    public var programme: String?
    /// The handler it is assigned to (`assigned_handler`).
    public var assignedHandler: String?
    /// Days of receipt (`received_day`), both ends included.
    public var receivedFromDay: Int?
    public var receivedThroughDay: Int?
    /// The workflow states (`status`) allowed; nil: any.
    public var statuses: [String]?
    /// Only complaints whose clock runs: not paused, with a conclusion deadline.
    public var clockRunning = false
    /// Conclusion deadlines (`due_day`): before, from (included), through (included).
    public var dueBeforeDay: Int?
    public var dueFromDay: Int?
    public var dueThroughDay: Int?
    /// Text in the summary or in a reply's note, compared as SQL's LIKE does (case-insensitive for
    /// Latin letters); never the caller, which is stored sealed.
    public var text: String?
    /// One complaint by its number (`complaint_id`), as typed into the search box.
    public var complaintId: String?
    /// The caller's phone as its keyed digest (`caller_phone_digest`): a 督办's audited phone search.
    public var callerPhoneDigest: String?
    /// Only complaints urged by the 督办 (催办) and not acted on by the unit since (`urged_day`).
    public var urged = false
    /// Only complaints whose conclusion deadline is provisional (`due_provisional`), or missing
    /// (set by no step yet, or by an earlier version without a calendar for its year).
    public var deadlineUnsettled = false
    public var order = Order.receivedNewestFirst

    public init() {}

    /// Whether a column condition narrows the rows, so that matching `text` row by row is cheaper
    /// than asking the full-text index for every complaint that holds it.
    var narrows: Bool {
        township != nil || category != nil || type != nil || channel != nil || programme != nil
            || assignedHandler != nil || receivedFromDay != nil || receivedThroughDay != nil || statuses != nil
            || callerPhoneDigest != nil
    }

    /// The WHERE clause (empty when nothing is asked) and its arguments, in `dialect`.
    func whereClause(_ dialect: SQLDialect) -> (sql: String, arguments: [SQLValue]) {
        var conditions: [String] = []
        var arguments: [SQLValue] = []
        func add(_ sql: String, _ values: [any SQLArgument]) {
            conditions.append(sql)
            arguments += values.map(\.sqlValue)
        }
        for (column, value) in [("township", township), ("category", category), ("type", type), ("channel", channel),
                                ("programme", programme), ("assigned_handler", assignedHandler)] {
            if let value { add("\(column) = ?", [value]) }
        }
        if let complaintId { add("complaint_id = ?", [complaintId]) }
        if let callerPhoneDigest { add("caller_phone_digest = ?", [callerPhoneDigest]) }
        if urged { conditions.append("urged_day IS NOT NULL") }
        if deadlineUnsettled { conditions.append("(due_provisional = 1 OR due_day IS NULL)") }
        if let day = receivedFromDay { add("received_day >= ?", [day]) }
        if let day = receivedThroughDay { add("received_day <= ?", [day]) }
        if let statuses {
            add("status IN (\(statuses.isEmpty ? "NULL" : statuses.map { _ in "?" }.joined(separator: ", ")))", statuses)
        }
        if clockRunning { conditions.append("paused_day IS NULL AND due_day IS NOT NULL") }
        if let day = dueBeforeDay { add("due_day < ?", [day]) }
        if let day = dueFromDay { add("due_day >= ?", [day]) }
        if let day = dueThroughDay { add("due_day <= ?", [day]) }
        if let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty {
            let pattern = "%" + StoreDatabase.likeEscaped(text) + "%"
            add("""
                (\(dialect.containsText("summary")) OR EXISTS (SELECT 1 FROM complaint_event e WHERE e.complaint_id = complaint.complaint_id
                 AND e.action = 'reply' AND \(dialect.containsText("e.note"))))
                """, [pattern, pattern])
            // Trigram matching needs three characters. It finds every row LIKE finds (it folds case
            // at least as widely), so it only narrows what LIKE then decides.
            if text.count >= 3, !narrows {
                let narrowing = dialect.textSearchNarrowing(text)
                conditions.append(narrowing.sql)
                arguments += narrowing.arguments
            }
        }
        return (conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND "), arguments)
    }

    var orderClause: String {
        switch order {
        case .receivedNewestFirst: "ORDER BY received_at DESC, complaint_id"
        case .dueSoonestFirst: "ORDER BY due_day IS NULL, due_day, complaint_id"
        case .number: "ORDER BY complaint_id"
        }
    }
}

extension StoreDatabase {
    /// Every complaint of `selection`, in its order.
    public func complaints(_ selection: ComplaintSelection) throws -> [ComplaintRecord] {
        try session(readOnly: true) { session in
            let (conditions, arguments) = selection.whereClause(session.dialect)
            return try ComplaintRecord.fetchAll(session, "SELECT \(ComplaintRecord.columns) FROM complaint \(conditions) \(selection.orderClause)",
                                                arguments)
        }
    }

    /// How many complaints `selection` holds, counted in the database (home's pending work: a number
    /// per queue, never the rows).
    public func complaintCount(_ selection: ComplaintSelection) throws -> Int {
        try session(readOnly: true) { session in
            let (conditions, arguments) = selection.whereClause(session.dialect)
            return try Self.count(conditions, arguments, in: session)
        }
    }

    static func count(_ conditions: String, _ arguments: [SQLValue], in session: any SQLSession) throws -> Int {
        try session.rows("SELECT COUNT(*) AS n FROM complaint \(conditions)", arguments).first?.optional("n") ?? 0
    }

    /// The statement of a page of `selection`: its rows are picked and ordered in the queue indexes,
    /// then read (`SQLDialect.complaintRowKey`): sorting the whole rows of a queue would read every
    /// one of them from the table.
    static func pageStatement(_ columns: String, _ selection: ComplaintSelection, _ conditions: String,
                              limit: Int, offset: Int, dialect: SQLDialect) -> String {
        let key = dialect.complaintRowKey
        return """
            SELECT \(columns) FROM complaint WHERE \(key) IN (SELECT \(key) FROM complaint \(conditions) \(selection.orderClause)
            LIMIT \(max(0, limit)) OFFSET \(max(0, offset))) \(selection.orderClause)
            """
    }

    /// `limit` complaints of `selection` after skipping `offset`, and how many it holds in all, read
    /// together (a complaint added between the two cannot make them disagree).
    public func complaintPage(_ selection: ComplaintSelection, limit: Int, offset: Int) throws -> (total: Int, rows: [ComplaintRecord]) {
        try session(readOnly: true) { session in
            let (conditions, arguments) = selection.whereClause(session.dialect)
            let total = try Self.count(conditions, arguments, in: session)
            let statement = Self.pageStatement(ComplaintRecord.columns, selection, conditions, limit: limit, offset: offset,
                                               dialect: session.dialect)
            return (total, try ComplaintRecord.fetchAll(session, statement, arguments))
        }
    }
}
