import GRDB

extension StoreDatabase {
    /// Indexes for the desk's queues (`ComplaintSelection`): a 承办人's queues are always one
    /// township's, the 督办's red and yellow queues are open states by deadline. Without them a
    /// queue page reads every complaint (bench/80-desk.sh: 100,000 complaints).
    static func migrateDeskIndexes(_ db: Database) throws {
        try db.execute(sql: """
        CREATE INDEX complaint_township_queue ON complaint(township, status, due_day);
        CREATE INDEX complaint_queue ON complaint(status, due_day);
        """)
    }
}
