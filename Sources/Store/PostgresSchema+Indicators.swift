/// The indicator views, reference tables and snapshots on PostgreSQL (SQLite's v3-indicator-views:
/// StoreDatabase+IndicatorViews; v6-payment-standards: +StandardsMigration; v19-active-enrolment:
/// +ActiveEnrolmentMigration, whose SQL both databases run as written; v20-indicator-aggregates:
/// +IndicatorAggregatesMigration, with BIGINT for INTEGER, then the same rebuild).
///
/// The views are SQLite's, word for word but for the types: each programme-bearing view lists its rows
/// under their programme and under 'all', from a `NOT MATERIALIZED` common table expression so that
/// PostgreSQL, like SQLite, filters by month before it joins. `v_complaint` is created as SQLite's v3
/// creates it; v13-desk-dispatch replaces it.
///
/// SQLite's SUM of integers is an integer (and an error past 64 bits); PostgreSQL's SUM(BIGINT) is
/// NUMERIC, so a definition that divides a sum would divide exactly on one and in integers on the
/// other. v3 therefore creates `sum(bigint)` returning BIGINT (`int8pl`: an error on overflow, NULLs
/// skipped, NULL for no rows) in the store's schema, which gongkai's connections search before
/// `pg_catalog` (PostgresConnections puts `pg_catalog` last on the search path).
///
/// `calendar_day`, `approval_limit` and `payment_standard` stay empty, as on SQLite: a definition reads
/// the rows `ReferenceData` puts in front of its statement, never these (they let a statement that names
/// them be checked on a store that has never computed anything).
extension PostgresSchema {
    static let indicators: [Migration] = [
        Migration("v3-indicator-views", """
        CREATE AGGREGATE sum(bigint) (SFUNC = int8pl, STYPE = bigint);

        CREATE INDEX payment_month_cover ON payment(month_index, programme, township, household_id, amount_fen, paid_day);

        CREATE VIEW v_enrolment AS
        WITH base AS NOT MATERIALIZED (
            SELECT e.household_id, e.programme AS programme_code, e.township,
                   e.category, e.covered_persons, e.amount_fen, e.frequency,
                   e.applied_day, e.approved_day, e.approved_month_index,
                   e.start_month_index, e.stop_month_index,
                   CASE WHEN e.frequency = 'one_off' THEN e.start_month_index + 1
                        ELSE COALESCE(e.stop_month_index, 999999) END AS end_month_index,
                   e.exit_reason, e.reason
            FROM enrolment e
        )
        SELECT programme_code AS programme, * FROM base
        UNION ALL
        SELECT 'all' AS programme, * FROM base;

        CREATE VIEW v_payment AS
        WITH base AS NOT MATERIALIZED (
            SELECT p.household_id, p.programme AS programme_code, p.township,
                   p.month_index, p.amount_fen, p.paid_day
            FROM payment p
        )
        SELECT programme_code AS programme, * FROM base
        UNION ALL
        SELECT 'all' AS programme, * FROM base;

        CREATE VIEW v_paid_enrolment AS
        WITH base AS NOT MATERIALIZED (
            SELECT p.household_id, p.programme AS programme_code, p.township,
                   p.month_index, p.amount_fen, p.paid_day, e.frequency, e.covered_persons
            FROM payment p
            JOIN enrolment e ON e.household_id = p.household_id AND e.programme = p.programme
             AND e.start_month_index <= p.month_index
             AND (CASE WHEN e.frequency = 'one_off' THEN e.start_month_index + 1
                       ELSE COALESCE(e.stop_month_index, 999999) END) > p.month_index
        )
        SELECT programme_code AS programme, * FROM base
        UNION ALL
        SELECT 'all' AS programme, * FROM base;

        CREATE VIEW v_service AS
        SELECT s.household_id,
               (SELECT h.township FROM household h WHERE h.household_id = s.household_id) AS township,
               s.service_type, s.provider_kind, s.started_day, s.ended_day, s.outcome, s.satisfaction
        FROM service s;

        CREATE VIEW v_complaint AS
        WITH base AS NOT MATERIALIZED (
            SELECT complaint_id, programme AS programme_code, township, type, category, channel,
                   received_day, received_month_index, closed_day, closed_month_index, due_day,
                   satisfaction, status
            FROM complaint
        )
        SELECT programme_code AS programme, * FROM base WHERE programme_code IS NOT NULL
        UNION ALL
        SELECT 'all' AS programme, * FROM base;

        CREATE VIEW v_match AS
        SELECT m.batch, m.department, m.household_id, h.township, m.finding, m.pushed_day,
               m.pushed_month_index, m.result, m.resolved_day
        FROM data_match m JOIN household h ON h.household_id = m.household_id;

        CREATE VIEW v_staff AS
        SELECT staff_id, role, certificate, training_hours FROM staff;

        CREATE TABLE calendar_day (
            day     BIGINT PRIMARY KEY NOT NULL,
            date    TEXT NOT NULL,
            working BIGINT NOT NULL,
            ordinal BIGINT NOT NULL
        );
        CREATE TABLE approval_limit (
            programme    TEXT PRIMARY KEY NOT NULL,
            working_days BIGINT NOT NULL
        );

        CREATE TABLE indicator_snapshot (
            month_index         BIGINT NOT NULL,
            indicator           TEXT NOT NULL,
            programme           TEXT NOT NULL,
            township            TEXT NOT NULL,
            numerator           BIGINT,
            denominator         BIGINT,
            value               TEXT,
            status              TEXT,
            data_fingerprint    TEXT NOT NULL,
            definitions_version TEXT NOT NULL,
            definitions_sha256  TEXT NOT NULL,
            computed_at         TEXT NOT NULL,
            PRIMARY KEY (data_fingerprint, definitions_sha256, month_index, indicator, programme, township)
        );
        """),
        Migration("v6-payment-standards", """
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
            first_month_index BIGINT NOT NULL,
            last_month_index  BIGINT NOT NULL,
            allowed_fen       BIGINT NOT NULL,
            per_person        BIGINT NOT NULL
        );
        """),
        Migration("v19-active-enrolment", StoreDatabase.activeEnrolmentSQL),
        Migration("v20-indicator-aggregates", StoreDatabase.indicatorAggregatesSQL.replacingOccurrences(of: " INTEGER", with: " BIGINT"),
                  fill: IndicatorAggregates.rebuild),
    ]
}
