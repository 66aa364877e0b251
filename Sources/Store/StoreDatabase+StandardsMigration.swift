import GRDB

extension StoreDatabase {
    /// What the payment check and `payments_within_standard_rate` read: each payment with the
    /// category and covered persons of the enrolment it pays for and the household's area (城市/农村),
    /// listed under its programme and under 'all' like the other indicator views. `category` is NULL
    /// for a payment no enrolment covers.
    ///
    /// `payment_standard` here stays empty: like `approval_limit`, statements read the temporary
    /// table of the same name that `ReferenceData` fills from templates/standards.toml; this one only
    /// lets a definition be prepared before any computation.
    static func migratePaymentStandards(_ db: Database) throws {
        try db.execute(sql: """
        CREATE VIEW v_paid_standard AS
        WITH base AS NOT MATERIALIZED (
            SELECT p.household_id, p.programme AS programme_code, p.township, p.month_index, p.amount_fen,
                   h.area, e.category, e.covered_persons
            FROM payment p
            JOIN household h ON h.household_id = p.household_id
            LEFT JOIN enrolment e ON e.household_id = p.household_id AND e.programme = p.programme
             AND e.start_month_index <= p.month_index
             AND (CASE WHEN e.frequency = 'one_off' THEN e.start_month_index + 1
                       ELSE COALESCE(e.stop_month_index, 999999) END) > p.month_index
        )
        SELECT programme_code AS programme, * FROM base
        UNION ALL
        SELECT 'all' AS programme, * FROM base;

        CREATE TABLE payment_standard (
            programme         TEXT NOT NULL,
            area              TEXT NOT NULL,
            category          TEXT NOT NULL,
            first_month_index INTEGER NOT NULL,
            last_month_index  INTEGER NOT NULL,
            allowed_fen       INTEGER NOT NULL,
            per_person        INTEGER NOT NULL
        );
        """)
    }
}
