import GRDB

extension StoreDatabase {
    /// The read-only views that indicator definitions (templates/indicators.toml) are written against,
    /// documented in docs/indicators.md. They carry no names, ID numbers, phones or callers.
    ///
    /// Every programme-bearing view lists each row twice: once under its own programme code and once
    /// under `programme = 'all'`. A statement grouped by programme and township therefore yields every
    /// programme and the all-programme level in one pass, and distinct counts at the `all` level stay
    /// distinct (a household in two programmes counts once). `programme_code` is the real programme.
    ///
    /// The shared rows are a `NOT MATERIALIZED` common table expression: otherwise SQLite builds the
    /// whole join once per statement before filtering it by month (3× slower at 100,000 households).
    static func registerIndicatorViews(_ m: inout DatabaseMigrator) {
        m.registerMigration("v3-indicator-views") { db in
            try db.execute(sql: """
            -- A month's payments are read in index order with every column the statements use, instead
            -- of a random table lookup per row (payments are stored household by household).
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

            -- Each payment with the enrolment it pays for (the one of its household and programme
            -- active in its month; enrolments never overlap, so there is at most one).
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

            -- The township as a scalar subquery, not a join: a statement that only asks whether a
            -- household had a service (service coverage) then never looks the household up.
            CREATE VIEW v_service AS
            SELECT s.household_id,
                   (SELECT h.township FROM household h WHERE h.household_id = s.household_id) AS township,
                   s.service_type, s.provider_kind, s.started_day, s.ended_day, s.outcome, s.satisfaction
            FROM service s;

            -- Complaints: the programme when recorded, else only under 'all'; township as recorded.
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

            -- Reference data the engine refreshes from templates/ before each computation.
            -- calendar_day.ordinal counts working days up to and including the day, so the working days
            -- in (a, b] are b.ordinal - a.ordinal: portable SQL with no date functions.
            CREATE TABLE calendar_day (
                day     INTEGER PRIMARY KEY NOT NULL,
                date    TEXT NOT NULL,
                working INTEGER NOT NULL,
                ordinal INTEGER NOT NULL
            );
            CREATE TABLE approval_limit (
                programme    TEXT PRIMARY KEY NOT NULL,
                working_days INTEGER NOT NULL
            );

            -- Computed figures, kept with what they were computed from, so a published figure can be
            -- re-derived and checked later.
            CREATE TABLE indicator_snapshot (
                month_index         INTEGER NOT NULL,
                indicator           TEXT NOT NULL,
                programme           TEXT NOT NULL,
                township            TEXT NOT NULL,
                numerator           INTEGER,
                denominator         INTEGER,
                value               TEXT,
                status              TEXT,
                data_fingerprint    TEXT NOT NULL,
                definitions_version TEXT NOT NULL,
                definitions_sha256  TEXT NOT NULL,
                computed_at         TEXT NOT NULL,
                PRIMARY KEY (data_fingerprint, definitions_sha256, month_index, indicator, programme, township)
            );
            """)
        }
    }
}
