import GRDB

extension StoreDatabase {
    /// `due_provisional`: the conclusion deadline was counted with weekends only, because no holiday
    /// calendar covered its year when it was set (暂定); the desk recomputes such deadlines once the
    /// year's file is there. Complaints left without a deadline by earlier versions get none here:
    /// the desk's next sweep gives them one.
    static func migrateProvisionalDeadlines(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE complaint ADD COLUMN due_provisional INTEGER NOT NULL DEFAULT 0")
    }
}
