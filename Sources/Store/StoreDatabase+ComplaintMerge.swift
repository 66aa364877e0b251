import GRDB

extension StoreDatabase {
    /// Reads two complaints, lets `change` update both and return an event for each, and writes them
    /// in one transaction: a merge changes the duplicate and records itself on the complaint it was
    /// merged into, and neither may happen without the other.
    public func changeComplaints<T>(
        id: String, other: String,
        _ change: (inout ComplaintRecord, inout ComplaintRecord) throws -> (events: (ComplaintEventRecord, ComplaintEventRecord), result: T)
    ) throws -> T {
        try writeRetryingWhenBusy { db in
            guard let first = try ComplaintRecord.fetchOne(db, key: id) else { throw ComplaintNotFound(id: id) }
            guard let second = try ComplaintRecord.fetchOne(db, key: other) else { throw ComplaintNotFound(id: other) }
            var (a, b) = (first, second)
            let (events, result) = try change(&a, &b)
            for (before, after, var event) in [(first, a, events.0), (second, b, events.1)] {
                if after != before { try after.update(db) }
                event.complaintId = after.complaintId
                try event.insert(db)
            }
            return result
        }
    }

    /// The numbers of the complaints merged into `id` as duplicates, in order.
    public func complaintIds(mergedInto id: String) throws -> [String] {
        try read { db in
            try String.fetchAll(db, sql: "SELECT complaint_id FROM complaint WHERE merged_into = ? ORDER BY complaint_id", arguments: [id])
        }
    }
}
