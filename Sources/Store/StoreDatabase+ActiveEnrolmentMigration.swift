import GRDB

extension StoreDatabase {
    /// "Enrolment active in month m" is written once: `enrolment_months` gives every enrolment its
    /// `end_month_index`, the first month it no longer pays for (a one-off pays for its start month
    /// only, an open enrolment runs on), and an enrolment is active in m when
    /// `start_month_index <= m AND end_month_index > m`. The indicator views, the payment check and
    /// the notices read it; before this version each wrote the CASE itself.
    ///
    /// The views are recreated over it with the columns they had, in the same order. SQLite flattens
    /// the view into each statement, so the plans are the ones the inline CASE gave.
    static func migrateActiveEnrolment(_ db: Database) throws {
        try db.execute(sql: activeEnrolmentSQL)
    }

    /// The migration's SQL, the same on both databases (PostgresSchema+Indicators runs it too).
    static let activeEnrolmentSQL = """
        CREATE VIEW enrolment_months AS
        SELECT e.household_id, e.programme, e.category, e.covered_persons, e.amount_fen, e.frequency,
               e.applied_on, e.applied_day, e.approved_on, e.approved_day, e.approved_month_index,
               e.start_month, e.start_month_index, e.stop_month, e.stop_month_index, e.exit_reason, e.reason,
               e.township,
               CASE WHEN e.frequency = 'one_off' THEN e.start_month_index + 1
                    ELSE COALESCE(e.stop_month_index, 999999) END AS end_month_index
        FROM enrolment e;

        DROP VIEW v_enrolment;
        CREATE VIEW v_enrolment AS
        WITH base AS NOT MATERIALIZED (
            SELECT e.household_id, e.programme AS programme_code, e.township,
                   e.category, e.covered_persons, e.amount_fen, e.frequency,
                   e.applied_day, e.approved_day, e.approved_month_index,
                   e.start_month_index, e.stop_month_index, e.end_month_index,
                   e.exit_reason, e.reason
            FROM enrolment_months e
        )
        SELECT programme_code AS programme, * FROM base
        UNION ALL
        SELECT 'all' AS programme, * FROM base;

        DROP VIEW v_paid_enrolment;
        CREATE VIEW v_paid_enrolment AS
        WITH base AS NOT MATERIALIZED (
            SELECT p.household_id, p.programme AS programme_code, p.township,
                   p.month_index, p.amount_fen, p.paid_day, e.frequency, e.covered_persons
            FROM payment p
            JOIN enrolment_months e ON e.household_id = p.household_id AND e.programme = p.programme
             AND e.start_month_index <= p.month_index AND e.end_month_index > p.month_index
        )
        SELECT programme_code AS programme, * FROM base
        UNION ALL
        SELECT 'all' AS programme, * FROM base;

        DROP VIEW v_paid_standard;
        CREATE VIEW v_paid_standard AS
        WITH base AS NOT MATERIALIZED (
            SELECT p.household_id, p.programme AS programme_code, p.township, p.month_index, p.amount_fen,
                   h.area, e.category, e.covered_persons
            FROM payment p
            JOIN household h ON h.household_id = p.household_id
            LEFT JOIN enrolment_months e ON e.household_id = p.household_id AND e.programme = p.programme
             AND e.start_month_index <= p.month_index AND e.end_month_index > p.month_index
        )
        SELECT programme_code AS programme, * FROM base
        UNION ALL
        SELECT 'all' AS programme, * FROM base;
        """
}
