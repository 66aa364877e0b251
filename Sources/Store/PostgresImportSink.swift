/// The PostgreSQL store's import sink. Into an empty table the records are streamed with `COPY …
/// FROM STDIN` directly. Otherwise they are streamed into a staging table of the transaction (no
/// constraints, the table's column types), then
///
///     INSERT INTO t SELECT … FROM stage ON CONFLICT (key) DO NOTHING     -- inserted
///     UPDATE t SET … FROM stage WHERE key matches AND a value IS DISTINCT FROM   -- updated
///
/// which counts what SQLite's row-by-row INSERT OR IGNORE / UPDATE … IS NOT counts: the import log
/// holds the same numbers from either database. The staging table is dropped at once (and at the
/// end of the transaction in any case); it has its own name, so it shadows nothing.
struct PostgresImportSink: ImportSink {
    let session: PostgresSession
    static let stage = "gongkai_import_stage"

    func upsert<R: ImportRecord>(_ records: [R]) throws -> (inserted: Int, updated: Int) {
        let all = R.keyColumns + R.valueColumns
        let columns = all.joined(separator: ", ")
        // Into an empty table (a first import) the rows are copied straight in: keys are unique
        // within an import, so each row is an insertion, and the staging step would only copy twice.
        if try session.row("SELECT 1 AS found FROM \(R.table) LIMIT 1") == nil {
            return (try copy(records, into: R.table, columns: all), 0)
        }
        try session.execute("CREATE TEMP TABLE \(Self.stage) ON COMMIT DROP AS SELECT \(columns) FROM \(R.table) WITH NO DATA", [])
        try copy(records, into: Self.stage, columns: all)
        let inserted = try session.execute("""
            INSERT INTO \(R.table) (\(columns)) SELECT \(columns) FROM \(Self.stage)
            ON CONFLICT (\(R.keyColumns.joined(separator: ", "))) DO NOTHING
            """, [])
        // When every row was new there is nothing to update, and the join is skipped.
        let updated = inserted == records.count ? 0 : try session.execute("""
            UPDATE \(R.table) AS t SET \(R.valueColumns.map { "\($0) = s.\($0)" }.joined(separator: ", "))
            FROM \(Self.stage) AS s
            WHERE \(R.keyColumns.map { "t.\($0) = s.\($0)" }.joined(separator: " AND "))
              AND (\(R.valueColumns.map { "t.\($0) IS DISTINCT FROM s.\($0)" }.joined(separator: " OR ")))
            """, [])
        try session.execute("DROP TABLE \(Self.stage)", [])
        return (inserted, updated)
    }

    /// Streams the records into `table` with `COPY … FROM STDIN` (`SQLSession.append`), key columns
    /// first; the number of rows copied.
    @discardableResult
    private func copy<R: ImportRecord>(_ records: [R], into table: String, columns: [String]) throws -> Int {
        try session.append(into: table, columns: columns, rows: records.lazy.map { $0.keyValues + $0.otherValues })
    }
}
