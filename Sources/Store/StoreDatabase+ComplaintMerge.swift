extension StoreDatabase {
    /// Reads two complaints, lets `change` update both and return an event for each, and writes them
    /// in one transaction: a merge changes the duplicate and records itself on the complaint it was
    /// merged into, and neither may happen without the other.
    public func changeComplaints<T>(
        id: String, other: String,
        _ change: (inout ComplaintRecord, inout ComplaintRecord) throws -> (events: (ComplaintEventRecord, ComplaintEventRecord), result: T)
    ) throws -> T {
        try writeRetryingWhenBusy { session in
            let first = try Self.complaintForChange(session, id: id)
            let second = try Self.complaintForChange(session, id: other)
            var (a, b) = (first, second)
            let (events, result) = try change(&a, &b)
            for (before, after, event) in [(first, a, events.0), (second, b, events.1)] {
                try Self.save(before: before, after: after, event: event, in: session)
            }
            return result
        }
    }

    /// The numbers of the complaints merged into `id` as duplicates, in order.
    public func complaintIds(mergedInto id: String) throws -> [String] {
        try session(readOnly: true) { session in
            try session.column("SELECT complaint_id FROM complaint WHERE merged_into = ? ORDER BY complaint_id", id)
        }
    }
}
