import GRDB
import GongkaiCore

/// A fingerprint of the data in the store: every change to the records goes through an import
/// (logged with each file's SHA-256) or a desk command (an append-only event), so hashing the import
/// log, the desk's event count and the row counts identifies the data state without reading every row.
public enum DataFingerprint {
    public static func compute(_ store: StoreDatabase) throws -> String {
        try store.read { db in
            var hasher = Digest.Hasher()
            let files = try Row.fetchCursor(db, sql: "SELECT import_id, kind, sha256 FROM import_file ORDER BY import_id, kind")
            while let f = try files.next() { hasher.update("import \(f[0] as Int64) \(f[1] as String) \(f[2] as String)\n") }
            for table in ["household", "enrolment", "payment", "service", "staff", "data_match", "complaint"] {
                hasher.update("\(table) \(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0)\n")
            }
            if try db.tableExists("complaint_event") {
                hasher.update("events \(try Int.fetchOne(db, sql: "SELECT COALESCE(MAX(rowid), 0) FROM complaint_event") ?? 0)\n")
            }
            return hasher.finalizeHex()
        }
    }
}
