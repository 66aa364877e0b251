import GRDB

extension StoreDatabase {
    /// The desk's later steps: pausing the clock while waiting on the caller, an extension asked for
    /// by the 承办人 and decided by the 督办, merging a duplicate into another complaint, the day of
    /// the transfer (the sign-for deadline counts from it) and of the last 督办 (the automatic sweep
    /// supervises a complaint once each time it turns red). Day columns are day numbers (CivilDate).
    static func migrateDeskSteps(_ db: Database) throws {
        try db.execute(sql: """
        ALTER TABLE complaint ADD COLUMN paused_day INTEGER;          -- 暂停计时 since; NULL when running
        ALTER TABLE complaint ADD COLUMN pause_reason TEXT;
        ALTER TABLE complaint ADD COLUMN paused_workdays INTEGER NOT NULL DEFAULT 0;  -- credited, all pauses
        ALTER TABLE complaint ADD COLUMN extension_request_days INTEGER;   -- 延期申请 pending
        ALTER TABLE complaint ADD COLUMN extension_request_reason TEXT;
        ALTER TABLE complaint ADD COLUMN extension_requested_by TEXT;
        ALTER TABLE complaint ADD COLUMN merged_into TEXT REFERENCES complaint(complaint_id);  -- 合并 into
        ALTER TABLE complaint ADD COLUMN transferred_day INTEGER;     -- last 转办
        ALTER TABLE complaint ADD COLUMN supervised_day INTEGER;      -- last 督办
        CREATE INDEX complaint_merged_into ON complaint(merged_into);
        """)
    }
}
