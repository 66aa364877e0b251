extension StoreDatabase {
    /// A word that changes whenever the records can have changed, read in a few index lookups: the
    /// last import run and the last desk event (every change to the records goes through one or the
    /// other, as `DataFingerprint` relies on). Unlike the fingerprint it counts no table, so a page
    /// can ask for it on every load to know whether figures computed earlier still hold (the
    /// dashboard's indicators of months not published). A `--reveal` changes it without changing
    /// any figure: a recomputation too many, never a stale figure. On several nodes sharing one
    /// PostgreSQL database the ids come from one sequence each, so any node's import or event
    /// changes the word every node reads.
    public func dataVersion() throws -> String {
        try session(readOnly: true) { session in
            let imports: Int64 = try session.value("SELECT MAX(import_id) AS n FROM import_run") ?? 0
            let events: Int64 = try session.value("SELECT MAX(id) AS n FROM complaint_event") ?? 0
            return "imports \(imports) events \(events)"
        }
    }
}
