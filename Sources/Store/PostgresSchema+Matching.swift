/// Household members and data matching on PostgreSQL (SQLite's: StoreDatabase+MembersMigration,
/// +MatchingMigration): members.csv's rows, the departments' lists held between `match import` and
/// `match run`, what remains of each list once its rows are gone, and the columns `data_match` (v1-core)
/// gains for gongkai's own findings.
///
/// v17 replaces `v_match` as SQLite's v17 does. v3-indicator-views creates the first `v_match` on
/// either database; `DROP VIEW IF EXISTS` lets this script run whether or not that view exists yet, so
/// the domains' migrations can be brought in one by one.
extension PostgresSchema {
    static let matching: [Migration] = [
        Migration("v16-members", """
        CREATE TABLE household_member (
            id_number    TEXT PRIMARY KEY NOT NULL,
            household_id TEXT NOT NULL REFERENCES household(household_id),
            name         TEXT NOT NULL,
            relation     TEXT NOT NULL,
            birth_on     TEXT NOT NULL,
            birth_day    BIGINT NOT NULL
        );
        CREATE INDEX household_member_household ON household_member(household_id);
        """),
        Migration("v17-matching", """
        CREATE TABLE department_list_row (
            batch             TEXT NOT NULL,
            list              TEXT NOT NULL,
            line              BIGINT NOT NULL,
            id_number         TEXT NOT NULL,
            person_name       TEXT,
            label             TEXT,
            stage             TEXT,
            amount            BIGINT,
            base              BIGINT,
            day               BIGINT,
            start_month_index BIGINT,
            end_month_index   BIGINT,
            PRIMARY KEY (batch, list, line)
        );
        CREATE TABLE department_list_file (
            batch          TEXT NOT NULL,
            list           TEXT NOT NULL,
            file_name      TEXT NOT NULL,
            sha256         TEXT NOT NULL,
            rows           BIGINT NOT NULL,
            imported_at    TEXT NOT NULL,
            used_at        TEXT,
            keep_until_day BIGINT,
            deleted_at     TEXT,
            PRIMARY KEY (batch, list)
        );
        ALTER TABLE data_match ADD COLUMN rule_id TEXT;
        ALTER TABLE data_match ADD COLUMN person_name TEXT;
        ALTER TABLE data_match ADD COLUMN programme TEXT;
        ALTER TABLE data_match ADD COLUMN severity TEXT;
        ALTER TABLE data_match ADD COLUMN note TEXT;
        CREATE INDEX data_match_batch ON data_match(batch);

        DROP VIEW IF EXISTS v_match;
        CREATE VIEW v_match AS
        SELECT m.batch, m.department, m.household_id, h.township, m.finding, m.pushed_day,
               m.pushed_month_index, m.result, m.resolved_day, m.rule_id, m.programme AS programme_code
        FROM data_match m JOIN household h ON h.household_id = m.household_id;
        """),
    ]
}
