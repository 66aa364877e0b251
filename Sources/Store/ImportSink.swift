/// Where an import's validated rows go, inside the import's one transaction: each table's records
/// inserted or updated by key, identical rows left untouched, and the counts of both.
///
/// The two databases load rows their own fastest way, so the session gives its own sink
/// (`SQLSession.importSink`): SQLite binds each row to one prepared statement through its C API
/// (`SQLiteImportSink`); PostgreSQL streams the rows with `COPY … FROM STDIN` into a staging table
/// and upserts from it in two statements (`PostgresImportSink`). Either way a failure throws and the
/// transaction rolls back every file.
protocol ImportSink {
    /// Inserts the records that are new and updates the ones whose values differ; keys are unique
    /// within `records` (the import refuses duplicates before writing).
    func upsert<R: ImportRecord>(_ records: [R]) throws -> (inserted: Int, updated: Int)
}
