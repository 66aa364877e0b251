import GRDB

/// The dashboard's desk counts for one township (or for complaints without one: `township` nil),
/// counted in SQLite: open complaints by light, and those received in a month.
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
        return try read { db in
            var counts: [String?: ComplaintTownshipCounts] = [:]
            let lights = try Row.fetchCursor(db, sql: """
                SELECT township, COUNT(*),
                       TOTAL(paused_day IS NULL AND due_day IS NOT NULL AND due_day < ?),
                       TOTAL(paused_day IS NULL AND due_day IS NOT NULL AND due_day >= ? AND due_day <= ?),
                       TOTAL(paused_day IS NULL AND due_day IS NOT NULL AND due_day > ?)
                FROM complaint WHERE status IN (\(statuses)) GROUP BY township
                """, arguments: StatementArguments([todayDay, todayDay, warnThroughDay, warnThroughDay]) + StatementArguments(openStatuses))
            while let row = try lights.next() {
                let township = try row.decode(String?.self, atIndex: 0)
                var c = ComplaintTownshipCounts(township: township)
                c.open = try row.decode(Int.self, atIndex: 1)
                c.red = Int(try row.decode(Double.self, atIndex: 2))
                c.yellow = Int(try row.decode(Double.self, atIndex: 3))
                c.green = Int(try row.decode(Double.self, atIndex: 4))
                counts[township] = c
            }
            let received = try Row.fetchCursor(db, sql: """
                SELECT township, COUNT(*) FROM complaint WHERE received_month_index = ? GROUP BY township
                """, arguments: [monthIndex])
            while let row = try received.next() {
                let township = try row.decode(String?.self, atIndex: 0)
                counts[township, default: ComplaintTownshipCounts(township: township)].receivedInMonth = try row.decode(Int.self, atIndex: 1)
            }
            return counts.values.sorted { ($0.township ?? "") < ($1.township ?? "") }
        }
    }

    /// Complaints received in each month from `fromIndex` through `throughIndex` (month indexes:
    /// year × 12 + month − 1), counted in `complaint_received_month`; a month without any is absent.
    public func complaintsReceivedByMonth(fromIndex: Int, throughIndex: Int) throws -> [Int: Int] {
        try read { db in
            var counts: [Int: Int] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT received_month_index, COUNT(*) FROM complaint
                WHERE received_month_index BETWEEN ? AND ? GROUP BY received_month_index
                """, arguments: [fromIndex, throughIndex])
            while let row = try rows.next() { counts[try row.decode(Int.self, atIndex: 0)] = try row.decode(Int.self, atIndex: 1) }
            return counts
        }
    }

    /// What a month's statistics read (`ComplaintStatistics`), instead of every complaint received
    /// up to its end: those received from `fromDay` through `throughDay` (the month and the repeat
    /// window before it) and those concluded in month `monthIndex` but received before `fromDay`.
    /// The month indexes (`fromMonthIndex` is `fromDay`'s) let SQLite pick the rows in the indexes
    /// of migration v1 (`complaint_received`, `complaint_closed`).
    public func complaintsForStatistics(fromDay: Int, fromMonthIndex: Int, throughDay: Int, monthIndex: Int) throws -> [ComplaintRecord] {
        try read { db in
            try ComplaintRecord.fetchAll(db, sql: """
                SELECT * FROM complaint WHERE received_month_index BETWEEN ? AND ? AND received_day BETWEEN ? AND ?
                UNION ALL
                SELECT * FROM complaint WHERE closed_month_index = ? AND received_day < ?
                ORDER BY received_day, complaint_id
                """, arguments: [fromMonthIndex, monthIndex, fromDay, throughDay, monthIndex, fromDay])
        }
    }

    /// The month-end counts of the statistics, counted in `complaint_open_at` (v15) without reading
    /// a complaint: of those received by `receivedThroughDay`, the ones not in `finishedStatuses`
    /// and not concluded by `cutOffDay` (open), and of them those whose clock ran at `cutOffDay`
    /// with a deadline before it (overdue).
    public func complaintOpenCounts(receivedThroughDay: Int, cutOffDay: Int,
                                    finishedStatuses: [String]) throws -> (open: Int, overdue: Int) {
        let statuses = finishedStatuses.isEmpty ? "NULL" : finishedStatuses.map { _ in "?" }.joined(separator: ", ")
        let counted = "COUNT(*), TOTAL(due_day IS NOT NULL AND due_day < ? AND (paused_day IS NULL OR paused_day > ?))"
        let common = "received_day <= ? AND status NOT IN (\(statuses))"
        return try read { db in
            var open = 0, overdue = 0
            // Two ranges of the index, never concluded and concluded later, rather than an OR that
            // SQLite would answer by scanning the table.
            for (condition, extra) in [("closed_day IS NULL", [] as [Int]), ("closed_day > ?", [cutOffDay])] {
                let row = try Row.fetchOne(db, sql: "SELECT \(counted) FROM complaint WHERE \(condition) AND \(common)",
                                           arguments: StatementArguments([cutOffDay, cutOffDay] + extra + [receivedThroughDay])
                                               + StatementArguments(finishedStatuses))
                guard let row else { continue }
                open += try row.decode(Int.self, atIndex: 0)
                overdue += Int(try row.decode(Double.self, atIndex: 1))
            }
            return (open, overdue)
        }
    }
}
