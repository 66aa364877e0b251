/// The dashboard's desk counts for one township (or for complaints without one: `township` nil),
/// counted in the database: open complaints by light, and those received in a month.
public struct ComplaintTownshipCounts: Sendable, Equatable {
    public var township: String?
    public var receivedInMonth = 0
    public var open = 0
    public var red = 0
    public var yellow = 0
    public var green = 0

    public init(township: String?) { self.township = township }
}

extension StoreDatabase {
    /// Counts per township, without reading a complaint: open ones (`status` in `openStatuses`)
    /// by light — a running clock (not paused, with a deadline) and a deadline before `todayDay`
    /// (red), from it through `warnThroughDay` (yellow), or later (green) — and those received in
    /// month `monthIndex`. The open ones are counted in the queue index (v10), the month's in
    /// `complaint_received_month` (v15).
    public func complaintTownshipCounts(openStatuses: [String], todayDay: Int, warnThroughDay: Int,
                                        monthIndex: Int) throws -> [ComplaintTownshipCounts] {
        let statuses = openStatuses.isEmpty ? "NULL" : openStatuses.map { _ in "?" }.joined(separator: ", ")
        return try session(readOnly: true) { session in
            var counts: [String?: ComplaintTownshipCounts] = [:]
            let running = "paused_day IS NULL AND due_day IS NOT NULL"
            let lights = try session.rows("""
                SELECT township, COUNT(*) AS n,
                       COUNT(CASE WHEN \(running) AND due_day < ? THEN 1 END) AS red,
                       COUNT(CASE WHEN \(running) AND due_day >= ? AND due_day <= ? THEN 1 END) AS yellow,
                       COUNT(CASE WHEN \(running) AND due_day > ? THEN 1 END) AS green
                FROM complaint WHERE status IN (\(statuses)) GROUP BY township
                """, [todayDay, todayDay, warnThroughDay, warnThroughDay].map(\.sqlValue) + openStatuses.map(\.sqlValue))
            for row in lights {
                var r = StoredRow(row)
                let township: String? = try r.optional()
                var c = ComplaintTownshipCounts(township: township)
                c.open = try r.required()
                c.red = try r.required()
                c.yellow = try r.required()
                c.green = try r.required()
                counts[township] = c
            }
            let received = try session.rows("""
                SELECT township, COUNT(*) AS n FROM complaint WHERE received_month_index = ? GROUP BY township
                """, monthIndex)
            for row in received {
                var r = StoredRow(row)
                let township: String? = try r.optional()
                counts[township, default: ComplaintTownshipCounts(township: township)].receivedInMonth = try r.required()
            }
            return counts.values.sorted { ($0.township ?? "") < ($1.township ?? "") }
        }
    }

    /// Complaints received in each month from `fromIndex` through `throughIndex` (month indexes:
    /// year × 12 + month − 1), counted in `complaint_received_month`; a month without any is absent.
    public func complaintsReceivedByMonth(fromIndex: Int, throughIndex: Int) throws -> [Int: Int] {
        try session(readOnly: true) { session in
            var counts: [Int: Int] = [:]
            let rows = try session.rows("""
                SELECT received_month_index, COUNT(*) AS n FROM complaint
                WHERE received_month_index BETWEEN ? AND ? GROUP BY received_month_index
                """, fromIndex, throughIndex)
            for row in rows {
                var r = StoredRow(row)
                let month: Int = try r.required()
                counts[month] = try r.required()
            }
            return counts
        }
    }

    /// What a month's statistics read (`ComplaintStatistics`), instead of every complaint received
    /// up to its end: those received from `fromDay` through `throughDay` (the month and the repeat
    /// window before it) and those concluded in month `monthIndex` but received before `fromDay`.
    /// The month indexes (`fromMonthIndex` is `fromDay`'s) let the database pick the rows in the indexes
    /// of migration v1 (`complaint_received`, `complaint_closed`).
    public func complaintsForStatistics(fromDay: Int, fromMonthIndex: Int, throughDay: Int, monthIndex: Int) throws -> [ComplaintRecord] {
        try session(readOnly: true) { session in
            try ComplaintRecord.fetchAll(session, """
                SELECT \(ComplaintRecord.columns) FROM complaint
                WHERE received_month_index BETWEEN ? AND ? AND received_day BETWEEN ? AND ?
                UNION ALL
                SELECT \(ComplaintRecord.columns) FROM complaint WHERE closed_month_index = ? AND received_day < ?
                ORDER BY received_day, complaint_id
                """, [fromMonthIndex, monthIndex, fromDay, throughDay, monthIndex, fromDay].map(\.sqlValue))
        }
    }

    /// The month-end counts of the statistics, counted in `complaint_open_at` (v15) without reading
    /// a complaint: of those received by `receivedThroughDay`, the ones not in `finishedStatuses`
    /// and not concluded by `cutOffDay` (open), and of them those whose clock ran at `cutOffDay`
    /// with a deadline before it (overdue).
    public func complaintOpenCounts(receivedThroughDay: Int, cutOffDay: Int,
                                    finishedStatuses: [String]) throws -> (open: Int, overdue: Int) {
        let statuses = finishedStatuses.isEmpty ? "NULL" : finishedStatuses.map { _ in "?" }.joined(separator: ", ")
        let counted = "COUNT(*) AS n, COUNT(CASE WHEN due_day IS NOT NULL AND due_day < ? AND (paused_day IS NULL OR paused_day > ?) THEN 1 END) AS overdue"
        let common = "received_day <= ? AND status NOT IN (\(statuses))"
        return try session(readOnly: true) { session in
            var open = 0, overdue = 0
            // Two ranges of the index, never concluded and concluded later, rather than an OR that
            // SQLite would answer by scanning the table.
            for (condition, extra) in [("closed_day IS NULL", [] as [Int]), ("closed_day > ?", [cutOffDay])] {
                let row = try session.rows("SELECT \(counted) FROM complaint WHERE \(condition) AND \(common)",
                                           ([cutOffDay, cutOffDay] + extra + [receivedThroughDay]).map(\.sqlValue) + finishedStatuses.map(\.sqlValue)).first
                guard let row else { continue }
                var r = StoredRow(row)
                open += try r.required()
                overdue += try r.required()
            }
            return (open, overdue)
        }
    }
}
