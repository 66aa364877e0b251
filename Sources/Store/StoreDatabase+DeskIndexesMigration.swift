import GRDB

extension StoreDatabase {
    /// Indexes for the desk's queues (`ComplaintSelection`): a 承办人's queues are always one
    /// township's, the 督办's red and yellow queues are open states by deadline, and every list is
    /// paged newest first. Each holds every column a queue filters and sorts on, so a page is
    /// counted, filtered and ordered in the index alone and only its 50 rows are read from the table
    /// (bench/80-desk.sh, 100,000 complaints: the red queue of one township and category read 485
    /// table pages to count 128 complaints with the first two columns only, 20 with these).
    static func migrateDeskIndexes(_ db: Database) throws {
        try db.execute(sql: """
        CREATE INDEX complaint_township_queue
            ON complaint(township, status, due_day, paused_day, category, received_at, complaint_id);
        CREATE INDEX complaint_queue ON complaint(status, due_day, paused_day, township, category, received_at, complaint_id);
        CREATE INDEX complaint_received_at ON complaint(received_at, complaint_id);
        """)
    }
}
