import GRDB

extension StoreDatabase {
    /// The desk as a 12345 work-order desk (退单, 催办, the centre's independent 回访):
    /// - `replied_by_account`: the account that recorded the reply, so that it cannot also record the
    ///   callback on it;
    /// - `urged_day`: the day the 督办 last urged the unit (催办), cleared when the unit next acts; an
    ///   urged complaint heads the unit's pending work;
    /// - `rating_by_replier`: the rating was given in a callback by whoever had replied (possible
    ///   before this version). Such ratings stay in the record and its history but count in no
    ///   satisfaction figure; the migration marks the ones earlier versions let through;
    /// - `reopened_day`: the day of the 复查 request, from which its answer's deadline is counted (and
    ///   counted again when a provisional one can be settled on the year's calendar).
    static func migrateDeskDispatch(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE complaint ADD COLUMN replied_by_account INTEGER;
            ALTER TABLE complaint ADD COLUMN urged_day INTEGER;
            ALTER TABLE complaint ADD COLUMN rating_by_replier INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE complaint ADD COLUMN reopened_day INTEGER;
            UPDATE complaint SET rating_by_replier = 1
             WHERE satisfaction IN ('满意', '基本满意', '不满意')
               AND EXISTS (SELECT 1 FROM complaint_event c JOIN complaint_event r ON r.complaint_id = c.complaint_id
                            WHERE c.complaint_id = complaint.complaint_id AND c.action = 'callback'
                              AND r.action = 'reply' AND r.handler = c.handler);
            CREATE INDEX complaint_urged ON complaint(urged_day) WHERE urged_day IS NOT NULL;

            -- The indicators' view gains the flag, so 群众满意率 leaves self-rated callbacks out.
            DROP VIEW v_complaint;
            CREATE VIEW v_complaint AS
            WITH base AS NOT MATERIALIZED (
                SELECT complaint_id, programme AS programme_code, township, type, category, channel,
                       received_day, received_month_index, closed_day, closed_month_index, due_day,
                       satisfaction, rating_by_replier, status
                FROM complaint
            )
            SELECT programme_code AS programme, * FROM base WHERE programme_code IS NOT NULL
            UNION ALL
            SELECT 'all' AS programme, * FROM base;
            """)
    }
}
