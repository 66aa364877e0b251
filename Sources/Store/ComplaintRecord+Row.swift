/// How a complaint row is read and written, column by column, on either database.
///
/// Rows are read by position from `columns`, never through a Decodable path: GRDB's, converting
/// every key from snake case, cost about 150 µs a row — half of a queue page's time on a desk of
/// 100,000 complaints (bench/80-desk.sh). A value of another type (a row edited outside gongkai)
/// throws `StoredRecordDamage`, never traps.
extension ComplaintRecord {
    /// Every column of `complaint`, in the order `init(row:)` reads and `values` lists them.
    static let columnNames = [
        "complaint_id", "received_at", "received_day", "received_month_index", "channel", "type",
        "category", "programme", "household_id", "township", "summary", "caller_name",
        "caller_phone", "caller_phone_digest", "anonymous", "closed_at", "closed_day", "closed_month_index",
        "satisfaction", "status", "due_on", "due_day", "due_provisional", "pin_hash",
        "pin_salt", "supervised", "extension_days", "extension_reason", "acknowledged_on", "acknowledged_day",
        "assigned_unit", "assigned_handler", "replied_on", "replied_day", "reopened", "paused_day",
        "pause_reason", "paused_workdays", "extension_request_days", "extension_request_reason", "extension_requested_by", "merged_into",
        "transferred_day", "supervised_day", "repeat_of", "replied_by_account", "urged_day", "rating_by_replier",
        "reopened_day", "caller_rating", "caller_rating_comment",
    ]
    static let columns = columnNames.joined(separator: ", ")

    init(row: SQLRow) throws {
        var r = StoredRow(row)
        complaintId = try r.required()
        receivedAt = try r.required()
        receivedDay = try r.required()
        receivedMonthIndex = try r.required()
        channel = try r.required()
        type = try r.required()
        category = try r.required()
        programme = try r.optional()
        householdId = try r.optional()
        township = try r.optional()
        summary = try r.required()
        callerName = try r.optional()
        callerPhone = try r.optional()
        callerPhoneDigest = try r.optional()
        anonymous = try r.flag()
        closedAt = try r.optional()
        closedDay = try r.optional()
        closedMonthIndex = try r.optional()
        satisfaction = try r.optional()
        status = try r.required()
        dueOn = try r.optional()
        dueDay = try r.optional()
        dueProvisional = try r.flag()
        pinHash = try r.optional()
        pinSalt = try r.optional()
        supervised = try r.flag()
        extensionDays = try r.required()
        extensionReason = try r.optional()
        acknowledgedOn = try r.optional()
        acknowledgedDay = try r.optional()
        assignedUnit = try r.optional()
        assignedHandler = try r.optional()
        repliedOn = try r.optional()
        repliedDay = try r.optional()
        reopened = try r.flag()
        pausedDay = try r.optional()
        pauseReason = try r.optional()
        pausedWorkdays = try r.required()
        extensionRequestDays = try r.optional()
        extensionRequestReason = try r.optional()
        extensionRequestedBy = try r.optional()
        mergedInto = try r.optional()
        transferredDay = try r.optional()
        supervisedDay = try r.optional()
        repeatOf = try r.optional()
        repliedByAccount = try r.optional()
        urgedDay = try r.optional()
        ratingByReplier = try r.flag()
        reopenedDay = try r.optional()
        callerRating = try r.optional()
        callerRatingComment = try r.optional()
    }

    /// The values of `columnNames`, in order.
    var values: [SQLValue] {
        [
            complaintId.sqlValue, receivedAt.sqlValue, receivedDay.sqlValue, receivedMonthIndex.sqlValue, channel.sqlValue,
            type.sqlValue, category.sqlValue, programme.sqlValue, householdId.sqlValue, township.sqlValue,
            summary.sqlValue, callerName.sqlValue, callerPhone.sqlValue, callerPhoneDigest.sqlValue, anonymous.sqlValue,
            closedAt.sqlValue, closedDay.sqlValue, closedMonthIndex.sqlValue, satisfaction.sqlValue, status.sqlValue,
            dueOn.sqlValue, dueDay.sqlValue, dueProvisional.sqlValue, pinHash.sqlValue, pinSalt.sqlValue,
            supervised.sqlValue, extensionDays.sqlValue, extensionReason.sqlValue, acknowledgedOn.sqlValue, acknowledgedDay.sqlValue,
            assignedUnit.sqlValue, assignedHandler.sqlValue, repliedOn.sqlValue, repliedDay.sqlValue, reopened.sqlValue,
            pausedDay.sqlValue, pauseReason.sqlValue, pausedWorkdays.sqlValue, extensionRequestDays.sqlValue, extensionRequestReason.sqlValue,
            extensionRequestedBy.sqlValue, mergedInto.sqlValue, transferredDay.sqlValue, supervisedDay.sqlValue, repeatOf.sqlValue,
            repliedByAccount.sqlValue, urgedDay.sqlValue, ratingByReplier.sqlValue, reopenedDay.sqlValue, callerRating.sqlValue,
            callerRatingComment.sqlValue,
        ]
    }

    static let insertStatement = "INSERT INTO complaint (\(columns)) VALUES (\(columnNames.map { _ in "?" }.joined(separator: ", ")))"
    /// Every column but the number, by the number.
    static let updateStatement = "UPDATE complaint SET \(columnNames.dropFirst().map { "\($0) = ?" }.joined(separator: ", ")) WHERE complaint_id = ?"

    func insert(_ session: any SQLSession) throws {
        try session.execute(Self.insertStatement, values)
    }

    func update(_ session: any SQLSession) throws {
        try session.execute(Self.updateStatement, Array(values.dropFirst()) + [complaintId.sqlValue])
    }

    /// The complaint `id`, or nil; `locking`: read to be changed (`SQLDialect.lockingRead`).
    static func fetch(_ session: any SQLSession, id: String, locking: Bool = false) throws -> ComplaintRecord? {
        try session.rows("SELECT \(columns) FROM complaint WHERE complaint_id = ?\(locking ? session.dialect.lockingRead : "")",
                         [.text(id)]).first.map(ComplaintRecord.init(row:))
    }

    /// The complaints a statement selects with `SELECT \(columns) …`, in its order.
    static func fetchAll(_ session: any SQLSession, _ sql: String, _ arguments: [SQLValue]) throws -> [ComplaintRecord] {
        try session.rows(sql, arguments).map(ComplaintRecord.init(row:))
    }
}

extension ComplaintEventRecord {
    static let columns = "id, complaint_id, at, handler, action, from_state, to_state, note"

    init(row: SQLRow) throws {
        var r = StoredRow(row, keyColumn: 1)
        id = try r.required()
        complaintId = try r.required()
        at = try r.required()
        handler = try r.required()
        action = try r.required()
        fromState = try r.optional()
        toState = try r.required()
        note = try r.optional()
    }

    /// Appends the event (its `id` is the database's).
    func insert(_ session: any SQLSession) throws {
        try session.execute("""
            INSERT INTO complaint_event (complaint_id, at, handler, action, from_state, to_state, note) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, complaintId, at, handler, action, fromState, toState, note)
    }
}

/// A row's columns read one after another in the order its statement lists them. A NULL where the
/// schema forbids one, or a value of another type, throws `StoredRecordDamage` naming the record (the
/// text of the column at `keyColumn`), the column and the value.
struct StoredRow {
    private let row: SQLRow
    private let keyColumn: Int
    private var index = 0

    init(_ row: SQLRow, keyColumn: Int = 0) { self.row = row; self.keyColumn = keyColumn }

    private func damage(_ value: SQLValue, at position: Int) -> StoredRecordDamage {
        let key = String(sqlValue: row[keyColumn]) ?? "?"
        return StoredRecordDamage(key: key, field: row.columns.indices.contains(position) ? row.columns[position] : "#\(position)",
                                  value: value.description)
    }

    private mutating func next() -> (value: SQLValue, position: Int) {
        defer { index += 1 }
        return (row[index], index)
    }

    mutating func optional<T: SQLColumnValue>() throws -> T? {
        let (value, position) = next()
        if value == .null { return nil }
        guard let typed = T(sqlValue: value) else { throw damage(value, at: position) }
        return typed
    }

    mutating func required<T: SQLColumnValue>() throws -> T {
        let (value, position) = next()
        guard let typed = T(sqlValue: value) else { throw damage(value, at: position) }
        return typed
    }

    /// A flag stored as an integer: anything but 0 is true.
    mutating func flag() throws -> Bool {
        let n: Int64 = try required()
        return n != 0
    }
}
