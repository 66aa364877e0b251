import GongkaiCore

/// A fingerprint of the data in the store, cheap at any size.
///
/// Every change to the records goes through an import (logged with each file's SHA-256 and the rows
/// it inserted and updated) or a desk command (an append-only event). The fingerprint hashes the
/// imports that changed something, in order, the number of desk events that changed a complaint
/// (a `--reveal` changes nothing) and the row counts. Re-importing identical files leaves it as it was.
public enum DataFingerprint {
    public static func compute(_ store: StoreDatabase) throws -> String {
        try store.session(readOnly: true) { session in
            var hasher = Digest.Hasher()
            let files = try session.rows("""
                SELECT import_id, kind, sha256 FROM import_file
                WHERE rows_inserted + rows_updated > 0 ORDER BY import_id, kind
                """)
            for f in files {
                let id: Int64 = try f.required("import_id", key: "import_file")
                let key = "import_file \(id)"
                hasher.update("import \(id) \(try f.required("kind", key: key) as String) \(try f.required("sha256", key: key) as String)\n")
            }
            for table in ["household", "household_member", "enrolment", "payment", "service", "staff", "data_match", "complaint"] {
                hasher.update("\(table) \(try session.value("SELECT COUNT(*) AS n FROM \(table)") ?? 0)\n")
            }
            let events: Int = try session.value("SELECT COUNT(*) AS n FROM complaint_event WHERE action <> 'reveal'") ?? 0
            hasher.update("events \(events)\n")
            return hasher.finalizeHex()
        }
    }
}
