import GRDB

extension StoreDatabase {
    /// v20-indicator-aggregates (issue 28): the monthly aggregates indicator definitions read
    /// (`IndicatorAggregates`), filled from the rows already stored, and covering indexes for the
    /// statements that still read enrolments (a month's starts, a year's stops by reason).
    static func migrateIndicatorAggregates(_ db: Database) throws {
        try db.execute(sql: indicatorAggregatesSQL)
        try IndicatorAggregates.rebuild(in: SQLiteSession(db: db))
    }

    /// The tables' SQL, the same on both databases (PostgresSchema+Indicators runs it too, then the
    /// same rebuild). INTEGER is SQLite's 64-bit integer; PostgreSQL's script says BIGINT.
    static let indicatorAggregatesSQL = """
        CREATE TABLE enrolment_change (
            month_index               INTEGER NOT NULL,
            programme                 TEXT NOT NULL,
            township                  TEXT NOT NULL,
            households                INTEGER NOT NULL,
            monthly_households        INTEGER NOT NULL,
            served_monthly_households INTEGER NOT NULL,
            enrolments                INTEGER NOT NULL,
            monthly_enrolments        INTEGER NOT NULL,
            persons                   INTEGER NOT NULL,
            monthly_persons           INTEGER NOT NULL,
            PRIMARY KEY (programme, township, month_index)
        );
        CREATE TABLE payment_tally (
            month_index     INTEGER NOT NULL,
            programme       TEXT NOT NULL,
            township        TEXT NOT NULL,
            area            TEXT NOT NULL,
            category        TEXT,
            covered_persons INTEGER,
            frequency       TEXT,
            amount_fen      INTEGER NOT NULL,
            paid_in_month   INTEGER NOT NULL,
            payments        INTEGER NOT NULL
        );
        CREATE INDEX payment_tally_month ON payment_tally(month_index, programme, township);
        CREATE INDEX enrolment_start_cover ON enrolment(start_month_index, programme, township);
        CREATE INDEX enrolment_stop_cover ON enrolment(programme, stop_month_index, exit_reason, township);
        """
}
