import GRDB

extension StoreDatabase {
    /// `PRAGMA integrity_check`: "ok" when the SQLite file is sound. A file-level check with no
    /// PostgreSQL counterpart (the server keeps its own pages), so a PostgreSQL store refuses it.
    public func integrityCheck() throws -> String {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").joined(separator: "\n") }
    }
}
