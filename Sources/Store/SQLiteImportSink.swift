import GRDB

/// The SQLite store's import sink: per record, an INSERT that ignores an existing key, then, when it
/// inserted nothing, an UPDATE that changes the row only if a value differs. Both are bound through
/// `DirectStatement` (SQLite's C API): at millions of rows GRDB's argument checking cost more than
/// the writes.
struct SQLiteImportSink: ImportSink {
    let db: Database

    func upsert<R: ImportRecord>(_ records: [R]) throws -> (inserted: Int, updated: Int) {
        let all = R.keyColumns + R.valueColumns
        let insert = try DirectStatement(db, sql: """
            INSERT OR IGNORE INTO \(R.table) (\(all.joined(separator: ", ")))
            VALUES (\(all.map { _ in "?" }.joined(separator: ", ")))
            """)
        let keyMatch = R.keyColumns.map { "\($0) = ?" }.joined(separator: " AND ")
        let differs = R.valueColumns.map { "\($0) IS NOT ?" }.joined(separator: " OR ")
        let update = try DirectStatement(db, sql: """
            UPDATE \(R.table) SET \(R.valueColumns.map { "\($0) = ?" }.joined(separator: ", "))
            WHERE \(keyMatch) AND (\(differs))
            """)
        var inserted = 0, updated = 0
        for r in records {
            let key = r.keyValues, values = r.otherValues
            if try insert.run(key + values) > 0 { inserted += 1; continue }
            if try update.run(values + key + values) > 0 { updated += 1 }
        }
        return (inserted, updated)
    }
}
