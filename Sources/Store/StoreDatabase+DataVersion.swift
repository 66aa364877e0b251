import GRDB

extension StoreDatabase {
    /// A word that changes whenever the records can have changed, read in a few index lookups: the
    /// last import run and the last desk event (every change to the records goes through one or the
    /// other, as `DataFingerprint` relies on). Unlike the fingerprint it counts no table, so a page
    /// can ask for it on every load to know whether figures computed earlier still hold (the
    /// dashboard's indicators of months not published). A `--reveal` changes it without changing
    /// any figure: a recomputation too many, never a stale figure.
    public func dataVersion() throws -> String {
        try read { db in
            let imports = try Int64.fetchOne(db, sql: "SELECT MAX(import_id) FROM import_run") ?? 0
            let events = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM complaint_event") ?? 0
            return "imports \(imports) events \(events)"
        }
    }
}
