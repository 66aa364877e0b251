/// The imported tables and the import log on PostgreSQL (SQLite's v1-core: StoreDatabase+Migrations),
/// and the trigger function every append-only table uses.
///
/// `household_township_copies` keeps the township copied on enrolments and payments in step when a
/// household moves, as SQLite's trigger of the same name does.
extension PostgresSchema {
    static let core: [Migration] = [
        Migration("v1-core", """
        CREATE FUNCTION refuse_change_to_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            RAISE EXCEPTION 'the % is append-only: records cannot be changed or deleted', TG_TABLE_NAME;
        END $$;

        CREATE TABLE household (
            household_id   TEXT PRIMARY KEY NOT NULL,
            township       TEXT NOT NULL,
            village        TEXT NOT NULL,
            head_name      TEXT NOT NULL,
            head_id_number TEXT NOT NULL,
            phone          TEXT,
            household_size BIGINT NOT NULL,
            area           TEXT NOT NULL
        );
        CREATE INDEX household_township ON household(township);

        CREATE TABLE enrolment (
            household_id         TEXT NOT NULL REFERENCES household(household_id),
            programme            TEXT NOT NULL,
            category             TEXT,
            covered_persons      BIGINT NOT NULL,
            amount_fen           BIGINT NOT NULL,
            frequency            TEXT NOT NULL CHECK (frequency IN ('monthly', 'one_off')),
            applied_on           TEXT NOT NULL,
            applied_day          BIGINT NOT NULL,
            approved_on          TEXT NOT NULL,
            approved_day         BIGINT NOT NULL,
            approved_month_index BIGINT NOT NULL,
            start_month          TEXT NOT NULL,
            start_month_index    BIGINT NOT NULL,
            stop_month           TEXT,
            stop_month_index     BIGINT,
            exit_reason          TEXT,
            reason               TEXT,
            township             TEXT NOT NULL,
            PRIMARY KEY (household_id, programme, start_month_index)
        );
        CREATE INDEX enrolment_active ON enrolment(programme, start_month_index, stop_month_index);
        CREATE INDEX enrolment_stop ON enrolment(stop_month_index);
        CREATE INDEX enrolment_approved ON enrolment(approved_month_index);

        CREATE TABLE payment (
            household_id TEXT NOT NULL REFERENCES household(household_id),
            programme    TEXT NOT NULL,
            month        TEXT NOT NULL,
            month_index  BIGINT NOT NULL,
            amount_fen   BIGINT NOT NULL,
            paid_on      TEXT NOT NULL,
            paid_day     BIGINT NOT NULL,
            township     TEXT NOT NULL,
            PRIMARY KEY (household_id, programme, month_index)
        );

        CREATE FUNCTION household_township_copies() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE enrolment SET township = NEW.township WHERE household_id = NEW.household_id;
            UPDATE payment SET township = NEW.township WHERE household_id = NEW.household_id;
            RETURN NULL;
        END $$;
        CREATE TRIGGER household_township_copies AFTER UPDATE OF township ON household
            FOR EACH ROW WHEN (OLD.township IS DISTINCT FROM NEW.township)
            EXECUTE FUNCTION household_township_copies();

        CREATE TABLE service (
            household_id  TEXT NOT NULL REFERENCES household(household_id),
            service_type  TEXT NOT NULL,
            provider      TEXT NOT NULL,
            provider_kind TEXT NOT NULL,
            started_on    TEXT NOT NULL,
            started_day   BIGINT NOT NULL,
            ended_on      TEXT,
            ended_day     BIGINT,
            outcome       TEXT,
            satisfaction  BIGINT,
            PRIMARY KEY (household_id, service_type, started_on)
        );
        CREATE INDEX service_household ON service(household_id);

        CREATE TABLE staff (
            staff_id       TEXT PRIMARY KEY NOT NULL,
            name           TEXT NOT NULL,
            role           TEXT NOT NULL,
            certificate    TEXT NOT NULL,
            certified_on   TEXT,
            training_hours BIGINT
        );

        CREATE TABLE data_match (
            batch              TEXT NOT NULL,
            department         TEXT NOT NULL,
            household_id       TEXT NOT NULL REFERENCES household(household_id),
            finding            TEXT NOT NULL,
            pushed_on          TEXT NOT NULL,
            pushed_day         BIGINT NOT NULL,
            pushed_month_index BIGINT NOT NULL,
            result             TEXT NOT NULL,
            resolved_on        TEXT,
            resolved_day       BIGINT,
            PRIMARY KEY (batch, household_id, finding)
        );
        CREATE INDEX data_match_month ON data_match(pushed_month_index);

        CREATE TABLE complaint (
            complaint_id         TEXT PRIMARY KEY NOT NULL,
            received_at          TEXT NOT NULL,
            received_day         BIGINT NOT NULL,
            received_month_index BIGINT NOT NULL,
            channel              TEXT NOT NULL,
            type                 TEXT NOT NULL,
            category             TEXT NOT NULL,
            programme            TEXT,
            household_id         TEXT REFERENCES household(household_id),
            township             TEXT,
            summary              TEXT NOT NULL,
            caller_name          TEXT,
            caller_phone         TEXT,
            anonymous            BIGINT NOT NULL DEFAULT 0,
            closed_at            TEXT,
            closed_day           BIGINT,
            closed_month_index   BIGINT,
            satisfaction         TEXT,
            status               TEXT NOT NULL,
            due_on               TEXT,
            due_day              BIGINT
        );
        CREATE INDEX complaint_received ON complaint(received_month_index);
        CREATE INDEX complaint_closed ON complaint(closed_month_index);

        CREATE TABLE import_run (
            import_id   BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
            imported_at TEXT NOT NULL,
            source      TEXT NOT NULL
        );
        CREATE TABLE import_file (
            import_id     BIGINT NOT NULL REFERENCES import_run(import_id),
            kind          TEXT NOT NULL,
            file_name     TEXT NOT NULL,
            sha256        TEXT NOT NULL,
            encoding      TEXT NOT NULL,
            rows_read     BIGINT NOT NULL,
            rows_inserted BIGINT NOT NULL,
            rows_updated  BIGINT NOT NULL,
            PRIMARY KEY (import_id, kind)
        );
        """),
    ]
}
