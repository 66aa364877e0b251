import GongkaiCore

/// All SQL of the complaint desk. Each public method is one transaction.
extension StoreDatabase {
    /// Numbers a new complaint TS-YYYYMM-NNNN (month of receipt, next after the highest number of
    /// that month, imported ones included) and stores it with its intake event.
    ///
    /// The number is taken inside the same write transaction as the insert, so two desk PCs writing
    /// at once never draw the same number: on SQLite they queue on its write lock; on PostgreSQL,
    /// where several nodes write at once, the month's intakes take turns on a lock held until commit
    /// (`SQLDialect.intakeNumberLock`), so a rolled-back intake leaves no gap either. The import
    /// refuses numbers of this form with more than 8 digits, so the next number always exists; a
    /// database edited by hand to hold the largest integer is an error, not a trap.
    ///
    /// When the complaint is a repeat call (`repeatOf`), `repeatEvent` makes the event recorded on the
    /// earlier complaint, in the same transaction, from the new number and the earlier one's status;
    /// an earlier number that does not exist is `ComplaintNotFound`, and nothing is written.
    public func insertComplaint(_ complaint: ComplaintRecord, event: ComplaintEventRecord,
                                repeatEvent: ((_ newId: String, _ earlierStatus: String) -> ComplaintEventRecord)? = nil) throws -> String {
        try writeRetryingWhenBusy { session in
            var record = complaint
            let month = record.receivedOn.yearMonth
            let prefix = "TS-\(month.year)\(month.month < 10 ? "0" : "")\(month.month)-"
            if let lock = session.dialect.intakeNumberLock(monthIndex: month.index) { try session.execute(lock.sql, lock.arguments) }
            // The month's numbers as a range of the primary key ("TS-202611-" ≤ id < "TS-202611."),
            // which SQLite reads from its index; `LIKE 'TS-202611-%'` scanned every complaint.
            let highest: Int = try session.value("""
                SELECT MAX(CAST(substr(complaint_id, CAST(? AS INTEGER)) AS BIGINT)) AS n FROM complaint
                WHERE complaint_id >= ? AND complaint_id < ?
                """, prefix.count + 1, prefix, prefix.dropLast() + ".") ?? 0
            let (next, overflow) = highest.addingReportingOverflow(1)
            guard !overflow else { throw ComplaintNumbersExhausted(prefix: prefix, highest: highest) }
            record.complaintId = prefix + (next < 10000 ? String(String(next + 10000).dropFirst()) : String(next))
            try record.insert(session)
            var intake = event
            intake.complaintId = record.complaintId
            try intake.insert(session)
            if let earlierId = record.repeatOf {
                guard let earlier = try ComplaintRecord.fetch(session, id: earlierId, locking: true) else { throw ComplaintNotFound(id: earlierId) }
                if var linked = repeatEvent?(record.complaintId, earlier.status) {
                    linked.complaintId = earlierId
                    try linked.insert(session)
                }
            }
            return record.complaintId
        }
    }

    /// Reads a complaint, lets `change` update it and return the event that records why, and
    /// writes both in one transaction (the row only if it changed).
    public func changeComplaint<T>(
        id: String, _ change: (inout ComplaintRecord) throws -> (event: ComplaintEventRecord, result: T)
    ) throws -> T {
        try writeRetryingWhenBusy { session in
            let before = try Self.complaintForChange(session, id: id)
            var after = before
            let (event, result) = try change(&after)
            try Self.save(before: before, after: after, event: event, in: session)
            return result
        }
    }

    /// `changeComplaint` for many complaints, `batch` of them to a transaction: a sweep over
    /// thousands commits a few times instead of once each (every commit also empties each reader's
    /// page cache, which slowed every page served meanwhile). `change` returns nil to leave a
    /// complaint as it is; the numbers of those changed are returned.
    public func changeComplaints(
        ids: [String], batch: Int = 500, _ change: (inout ComplaintRecord) throws -> ComplaintEventRecord?
    ) throws -> [String] {
        var changed: [String] = []
        for start in stride(from: 0, to: ids.count, by: max(1, batch)) {
            changed += try writeRetryingWhenBusy { session in
                var done: [String] = []
                for id in ids[start..<min(ids.count, start + max(1, batch))] {
                    let before = try Self.complaintForChange(session, id: id)
                    var after = before
                    guard let event = try change(&after) else { continue }
                    try Self.save(before: before, after: after, event: event, in: session)
                    done.append(id)
                }
                return done
            }
        }
        return changed
    }

    /// The complaint a change starts from, read inside the change's transaction and locked for it
    /// (`SQLDialect.lockingRead`).
    static func complaintForChange(_ session: any SQLSession, id: String) throws -> ComplaintRecord {
        guard let record = try ComplaintRecord.fetch(session, id: id, locking: true) else { throw ComplaintNotFound(id: id) }
        return record
    }

    /// Writes a change: the row if it changed, and the event that records why.
    static func save(before: ComplaintRecord, after: ComplaintRecord, event: ComplaintEventRecord, in session: any SQLSession) throws {
        if after != before { try after.update(session) }
        var event = event
        event.complaintId = before.complaintId
        try event.insert(session)
    }

    public func complaint(id: String) throws -> ComplaintRecord? {
        try session(readOnly: true) { try ComplaintRecord.fetch($0, id: id) }
    }

    public func complaintEvents(id: String) throws -> [ComplaintEventRecord] {
        try session(readOnly: true) { session in
            try session.rows("SELECT \(ComplaintEventRecord.columns) FROM complaint_event WHERE complaint_id = ? ORDER BY id", id)
                .map(ComplaintEventRecord.init(row:))
        }
    }

    /// How many history events of `action` were recorded from `from` (included) to `before`
    /// (excluded), both ISO 8601 UTC timestamps as the history stores them (催办 in a month).
    public func complaintEventCount(action: String, from: String, before: String) throws -> Int {
        try session(readOnly: true) { session in
            try session.value("SELECT COUNT(*) AS n FROM complaint_event WHERE action = ? AND at >= ? AND at < ?", action, from, before) ?? 0
        }
    }

    /// Every complaint, oldest first.
    public func complaints() throws -> [ComplaintRecord] {
        try session(readOnly: true) { session in
            try ComplaintRecord.fetchAll(session, "SELECT \(ComplaintRecord.columns) FROM complaint ORDER BY received_day, complaint_id", [])
        }
    }

    public func householdExists(_ id: String) throws -> Bool {
        try session(readOnly: true) { session in
            try session.row("SELECT household_id FROM household WHERE household_id = ?", id) != nil
        }
    }

    /// One write transaction, run again (at most five more times) when it met another writer
    /// (`SQLDialect.isTransientConflict`). On SQLite the busy timeout already waits 30 s for the
    /// write lock; the retries cover the rare SQLITE_BUSY that SQLite returns without waiting (e.g.
    /// while another process checkpoints). On PostgreSQL they cover a deadlock or serialization
    /// failure between nodes; the transaction was rolled back, so running it again is safe.
    func writeRetryingWhenBusy<T>(_ body: (any SQLSession) throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try session(readOnly: false, body)
            } catch where SQLDialect.isTransientConflict(error) && attempt < 5 {
                attempt += 1
            }
        }
    }
}

public struct ComplaintNotFound: Error, Sendable, CustomStringConvertible {
    public let id: String
    public init(id: String) { self.id = id }
    public var description: String { "没有编号为 \(id) 的投诉：请核对编号（TS-YYYYMM-NNNN）" }
}

public struct ComplaintNumbersExhausted: Error, Sendable, CustomStringConvertible {
    public let prefix: String
    public let highest: Int
    public var description: String {
        "\(prefix)\(highest) 之后已没有可用的投诉编号：数据库中该月有一个过大的编号，请更正那件投诉的编号"
    }
}
