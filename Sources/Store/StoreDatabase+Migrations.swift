import GRDB

extension StoreDatabase {
    /// Versioned schema. Never edit a registered migration: add a new one.
    ///
    /// Conventions (for the later PostgreSQL deployment, docs/architecture.md, "Portable SQL"): dates are stored as ISO text and
    /// as an integer day number (days since 1970-01-01); months as "YYYY-MM" text and as an integer
    /// month index (year × 12 + month − 1); money as integer fen. Indicator SQL uses only the integer
    /// columns, so it needs no date functions.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1-core") { db in
            try db.execute(sql: """
            CREATE TABLE household (
                household_id   TEXT PRIMARY KEY NOT NULL,
                township       TEXT NOT NULL,
                village        TEXT NOT NULL,
                head_name      TEXT NOT NULL,
                head_id_number TEXT NOT NULL,
                phone          TEXT,
                household_size INTEGER NOT NULL,
                area           TEXT NOT NULL
            );
            CREATE INDEX household_township ON household(township);

            CREATE TABLE enrolment (
                household_id        TEXT NOT NULL REFERENCES household(household_id),
                programme           TEXT NOT NULL,
                category            TEXT,
                covered_persons     INTEGER NOT NULL,
                amount_fen          INTEGER NOT NULL,
                frequency           TEXT NOT NULL CHECK (frequency IN ('monthly', 'one_off')),
                applied_on          TEXT NOT NULL,
                applied_day         INTEGER NOT NULL,
                approved_on         TEXT NOT NULL,
                approved_day        INTEGER NOT NULL,
                approved_month_index INTEGER NOT NULL,
                start_month         TEXT NOT NULL,
                start_month_index   INTEGER NOT NULL,
                stop_month          TEXT,
                stop_month_index    INTEGER,
                exit_reason         TEXT,
                reason              TEXT,
                township            TEXT NOT NULL,   -- the household's, copied (see below)
                PRIMARY KEY (household_id, programme, start_month_index)
            );
            CREATE INDEX enrolment_active ON enrolment(programme, start_month_index, stop_month_index);
            CREATE INDEX enrolment_stop ON enrolment(stop_month_index);
            CREATE INDEX enrolment_approved ON enrolment(approved_month_index);

            CREATE TABLE payment (
                household_id TEXT NOT NULL REFERENCES household(household_id),
                programme    TEXT NOT NULL,
                month        TEXT NOT NULL,
                month_index  INTEGER NOT NULL,
                amount_fen   INTEGER NOT NULL,
                paid_on      TEXT NOT NULL,
                paid_day     INTEGER NOT NULL,
                township     TEXT NOT NULL,          -- the household's, copied (see below)
                PRIMARY KEY (household_id, programme, month_index)
            );

            -- Enrolments and payments carry their household's township so that indicator statements
            -- read them without a join per row (9x faster on a month's payments). The importer fills
            -- it; this trigger keeps it in step when a household moves to another township.
            CREATE TRIGGER household_township_copies AFTER UPDATE OF township ON household
            BEGIN
                UPDATE enrolment SET township = NEW.township WHERE household_id = NEW.household_id;
                UPDATE payment SET township = NEW.township WHERE household_id = NEW.household_id;
            END;

            CREATE TABLE service (
                household_id  TEXT NOT NULL REFERENCES household(household_id),
                service_type  TEXT NOT NULL,
                provider      TEXT NOT NULL,
                provider_kind TEXT NOT NULL,
                started_on    TEXT NOT NULL,
                started_day   INTEGER NOT NULL,
                ended_on      TEXT,
                ended_day     INTEGER,
                outcome       TEXT,
                satisfaction  INTEGER,
                PRIMARY KEY (household_id, service_type, started_on)
            );
            CREATE INDEX service_household ON service(household_id);

            CREATE TABLE staff (
                staff_id       TEXT PRIMARY KEY NOT NULL,
                name           TEXT NOT NULL,
                role           TEXT NOT NULL,
                certificate    TEXT NOT NULL,
                certified_on   TEXT,
                training_hours INTEGER
            );

            CREATE TABLE data_match (
                batch        TEXT NOT NULL,
                department   TEXT NOT NULL,
                household_id TEXT NOT NULL REFERENCES household(household_id),
                finding      TEXT NOT NULL,
                pushed_on    TEXT NOT NULL,
                pushed_day   INTEGER NOT NULL,
                pushed_month_index INTEGER NOT NULL,
                result       TEXT NOT NULL,
                resolved_on  TEXT,
                resolved_day INTEGER,
                PRIMARY KEY (batch, household_id, finding)
            );
            CREATE INDEX data_match_month ON data_match(pushed_month_index);

            -- The hotline log. Caller name and phone live only here; every public view omits them.
            CREATE TABLE complaint (
                complaint_id   TEXT PRIMARY KEY NOT NULL,
                received_at    TEXT NOT NULL,          -- 'YYYY-MM-DD HH:MM', Beijing time
                received_day   INTEGER NOT NULL,
                received_month_index INTEGER NOT NULL,
                channel        TEXT NOT NULL,
                type           TEXT NOT NULL,
                category       TEXT NOT NULL,
                programme      TEXT,
                household_id   TEXT REFERENCES household(household_id),
                township       TEXT,
                summary        TEXT NOT NULL,
                caller_name    TEXT,
                caller_phone   TEXT,
                anonymous      INTEGER NOT NULL DEFAULT 0,
                closed_at      TEXT,
                closed_day     INTEGER,
                closed_month_index INTEGER,
                satisfaction   TEXT,
                status         TEXT NOT NULL,          -- workflow state (登记 … 办结), see Desk
                due_on         TEXT,                   -- conclusion deadline (Civil Code rule, extensions included)
                due_day        INTEGER                 -- the same as a day number; NULL when no calendar covers it
            );
            CREATE INDEX complaint_received ON complaint(received_month_index);
            CREATE INDEX complaint_closed ON complaint(closed_month_index);

            CREATE TABLE import_run (
                import_id   INTEGER PRIMARY KEY AUTOINCREMENT,
                imported_at TEXT NOT NULL,             -- ISO 8601 UTC
                source      TEXT NOT NULL              -- 'import' or 'demo'
            );
            CREATE TABLE import_file (
                import_id     INTEGER NOT NULL REFERENCES import_run(import_id),
                kind          TEXT NOT NULL,
                file_name     TEXT NOT NULL,
                sha256        TEXT NOT NULL,
                encoding      TEXT NOT NULL,
                rows_read     INTEGER NOT NULL,
                rows_inserted INTEGER NOT NULL,
                rows_updated  INTEGER NOT NULL,
                PRIMARY KEY (import_id, kind)
            );
            """)
        }
        registerLaterMigrations(&m)
        return m
    }
}
