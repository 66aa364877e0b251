import GRDB

extension StoreDatabase {
    /// Data matching done by gongkai (issue 29).
    ///
    /// `department_list_row` holds the departments' lists of a batch between `gongkai match import`
    /// and `gongkai match run`, and no longer: the run deletes the rows it read (PIPL §19), unless
    /// office.toml keeps them for a stated number of days (`keep_until_day`). `department_list_file`
    /// is what remains of a list once its rows are gone: which file, its digest, how many rows, when it
    /// was imported, used and deleted — never a person.
    ///
    /// `data_match` gains the rule that raised a finding (NULL for matches.csv's findings, which
    /// another system produced), the person concerned (a verifier must know whom to visit), the
    /// programme and the rule's severity, and the verifier's note (说明) from the worksheet; `v_match`
    /// shows the rule and the programme to indicator definitions (the loop's indicators).
    static func migrateMatching(_ db: Database) throws {
        try db.execute(sql: """
        CREATE TABLE department_list_row (
            batch             TEXT NOT NULL,
            list              TEXT NOT NULL,
            line              INTEGER NOT NULL,
            id_number         TEXT NOT NULL,
            person_name       TEXT,
            label             TEXT,
            stage             TEXT,
            amount            INTEGER,         -- hundredths: fen of 月待遇/注册资本, 0.01 m² of 面积
            base              INTEGER,         -- fen of 缴费基数
            day               INTEGER,         -- day number of the list's date
            start_month_index INTEGER,
            end_month_index   INTEGER,
            PRIMARY KEY (batch, list, line)
        );
        CREATE TABLE department_list_file (
            batch          TEXT NOT NULL,
            list           TEXT NOT NULL,
            file_name      TEXT NOT NULL,
            sha256         TEXT NOT NULL,
            rows           INTEGER NOT NULL,
            imported_at    TEXT NOT NULL,      -- ISO 8601 UTC
            used_at        TEXT,               -- the run that read it
            keep_until_day INTEGER,            -- rows kept (sealed from matching) until this day
            deleted_at     TEXT,               -- when its rows were deleted
            PRIMARY KEY (batch, list)
        );
        ALTER TABLE data_match ADD COLUMN rule_id TEXT;
        ALTER TABLE data_match ADD COLUMN person_name TEXT;
        ALTER TABLE data_match ADD COLUMN programme TEXT;
        ALTER TABLE data_match ADD COLUMN severity TEXT;
        ALTER TABLE data_match ADD COLUMN note TEXT;           -- the verifier's 说明, read back from the worksheet
        CREATE INDEX data_match_batch ON data_match(batch);

        DROP VIEW v_match;
        CREATE VIEW v_match AS
        SELECT m.batch, m.department, m.household_id, h.township, m.finding, m.pushed_day,
               m.pushed_month_index, m.result, m.resolved_day, m.rule_id, m.programme AS programme_code
        FROM data_match m JOIN household h ON h.household_id = m.household_id;
        """)
    }
}
