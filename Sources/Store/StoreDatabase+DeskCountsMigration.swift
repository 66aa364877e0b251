import GRDB

extension StoreDatabase {
    /// Indexes for the dashboard's counts (`complaintTownshipCounts`, `complaintOpenCounts`, issue
    /// 28): a month's complaints by township are counted in the first alone; the complaints open at
    /// a day (never concluded, or concluded after it) with their deadline and pause in the second,
    /// instead of scanning every complaint of the desk for each load of the dashboard; and a month's
    /// 催办 among the desk's events (1,000,000 on the bench desk: a full scan took 220 ms).
    static func migrateDeskCounts(_ db: Database) throws {
        try db.execute(sql: """
        CREATE INDEX complaint_received_month_township ON complaint(received_month_index, township);
        CREATE INDEX complaint_open_at ON complaint(closed_day, status, received_day, due_day, paused_day);
        CREATE INDEX complaint_event_action_at ON complaint_event(action, at);
        """)
    }
}
