import GRDB
import GongkaiCore

/// All SQL of the complaint desk. Each public method is one transaction.
extension StoreDatabase {
    /// Numbers a new complaint TS-YYYYMM-NNNN (month of receipt, next after the highest number of
    /// that month, imported ones included) and stores it with its intake event.
    ///
    /// The number is taken inside the same IMMEDIATE write transaction as the insert, so two desk
    /// PCs writing at once queue on SQLite's write lock and never draw the same number. The import
    /// refuses numbers of this form with more than 8 digits, so the next number always exists; a
    /// database edited by hand to hold the largest integer is an error, not a trap.
    ///
    /// When the complaint is a repeat call (`repeatOf`), `repeatEvent` makes the event recorded on the
    /// earlier complaint, in the same transaction, from the new number and the earlier one's status;
    /// an earlier number that does not exist is `ComplaintNotFound`, and nothing is written.
    public func insertComplaint(_ complaint: ComplaintRecord, event: ComplaintEventRecord,
                                repeatEvent: ((_ newId: String, _ earlierStatus: String) -> ComplaintEventRecord)? = nil) throws -> String {
        try writeRetryingWhenBusy { db in
            var record = complaint
            let month = record.receivedOn.yearMonth
            let prefix = "TS-\(month.year)\(month.month < 10 ? "0" : "")\(month.month)-"
            // The month's numbers as a range of the primary key ("TS-202611-" ≤ id < "TS-202611."),
            // which SQLite reads from its index; `LIKE 'TS-202611-%'` scanned every complaint.
            let highest = try Int.fetchOne(db, sql: """
                SELECT max(CAST(substr(complaint_id, ?) AS INTEGER)) FROM complaint
                WHERE complaint_id >= ? AND complaint_id < ?
                """, arguments: [prefix.count + 1, prefix, prefix.dropLast() + "."]) ?? 0
            let (next, overflow) = highest.addingReportingOverflow(1)
            guard !overflow else { throw ComplaintNumbersExhausted(prefix: prefix, highest: highest) }
            record.complaintId = prefix + (next < 10000 ? String(String(next + 10000).dropFirst()) : String(next))
            try record.insert(db)
            var intake = event
            intake.complaintId = record.complaintId
            try intake.insert(db)
            if let earlierId = record.repeatOf {
                guard let earlier = try ComplaintRecord.fetchOne(db, key: earlierId) else { throw ComplaintNotFound(id: earlierId) }
                if var linked = repeatEvent?(record.complaintId, earlier.status) {
                    linked.complaintId = earlierId
                    try linked.insert(db)
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
        try writeRetryingWhenBusy { db in
            let before = try Self.complaintForChange(db, id: id)
            var after = before
            let (event, result) = try change(&after)
            try Self.save(before: before, after: after, event: event, in: db)
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
            changed += try writeRetryingWhenBusy { db in
                var done: [String] = []
                for id in ids[start..<min(ids.count, start + max(1, batch))] {
                    let before = try Self.complaintForChange(db, id: id)
                    var after = before
                    guard let event = try change(&after) else { continue }
                    try Self.save(before: before, after: after, event: event, in: db)
                    done.append(id)
                }
                return done
            }
        }
        return changed
    }

    /// The complaint a change starts from, read inside the change's transaction.
    private static func complaintForChange(_ db: Database, id: String) throws -> ComplaintRecord {
        guard let record = try ComplaintRecord.fetchOne(db, key: id) else { throw ComplaintNotFound(id: id) }
        return record
    }

    /// Writes a change: the row if it changed, and the event that records why.
    private static func save(before: ComplaintRecord, after: ComplaintRecord, event: ComplaintEventRecord, in db: Database) throws {
        if after != before { try after.update(db) }
        var event = event
        event.complaintId = before.complaintId
        try event.insert(db)
    }

    public func complaint(id: String) throws -> ComplaintRecord? {
        try read { db in try ComplaintRecord.fetchOne(db, key: id) }
    }

    public func complaintEvents(id: String) throws -> [ComplaintEventRecord] {
        try read { db in
            try ComplaintEventRecord.filter(Column("complaint_id") == id).order(Column("id")).fetchAll(db)
        }
    }

    /// How many history events of `action` were recorded from `from` (included) to `before`
    /// (excluded), both ISO 8601 UTC timestamps as the history stores them (催办 in a month).
    public func complaintEventCount(action: String, from: String, before: String) throws -> Int {
        try read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM complaint_event WHERE action = ? AND at >= ? AND at < ?",
                             arguments: [action, from, before]) ?? 0
        }
    }

    /// Every complaint, oldest first.
    public func complaints() throws -> [ComplaintRecord] {
        try read { db in try ComplaintRecord.order(Column("received_day"), Column("complaint_id")).fetchAll(db) }
    }

    public func householdExists(_ id: String) throws -> Bool {
        try read { db in try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM household WHERE household_id = ?)", arguments: [id]) ?? false }
    }

    /// `PRAGMA integrity_check`: "ok" when the file is sound.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }

    /// The busy timeout already waits 30 s for the write lock; a few more attempts cover the rare
    /// SQLITE_BUSY that SQLite returns without waiting (e.g. while another process checkpoints).
    func writeRetryingWhenBusy<T>(_ body: (Database) throws -> T) throws -> T {
        var attempt = 0
        while true {
            do {
                return try write(body)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 5 {
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
