import Foundation
import GongkaiCore

/// The record of every successful import: which files (by SHA-256), how many rows, when.
public enum ImportLog {
    static func record(_ files: [ImportSummary.FileResult], source: String, at time: Date, in session: any SQLSession) throws {
        let f = ISO8601DateFormatter()
        guard let id: Int64 = try session.value("INSERT INTO import_run (imported_at, source) VALUES (?, ?) RETURNING import_id",
                                                f.string(from: time), source) else {
            throw StoredRecordDamage(key: "import_run", field: "import_id", value: "NULL")
        }
        for file in files {
            try session.execute("""
                INSERT INTO import_file (import_id, kind, file_name, sha256, encoding, rows_read, rows_inserted, rows_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, id, file.kind.rawValue, file.fileName, file.sha256, file.encoding.rawValue,
                file.rowsRead, file.inserted, file.updated)
        }
    }

    public struct Entry: Sendable, Codable {
        public let importID: Int64
        public let importedAt: String
        public let source: String
        public let files: [FileEntry]
    }

    /// One file of an import, decoded by name from `import_file` (a value that is not what the
    /// column should hold is a thrown error, not a trap).
    public struct FileEntry: Sendable, Codable {
        public let kind: String
        public let fileName: String
        public let sha256: String
        public let encoding: String
        public let rowsRead: Int
        public let rowsInserted: Int
        public let rowsUpdated: Int
    }

    /// The most recent imports, newest first; each one's files in the order it recorded them (the
    /// import's order of kinds).
    static func recent(_ limit: Int, in session: any SQLSession) throws -> [Entry] {
        let runs = try session.rows("SELECT import_id, imported_at, source FROM import_run ORDER BY import_id DESC LIMIT ?", limit)
        return try runs.map { run in
            let id: Int64 = try run.required("import_id", key: "import_run")
            let key = "import_run \(id)"
            let files = try session.rows("""
                SELECT kind, file_name, sha256, encoding, rows_read, rows_inserted, rows_updated
                FROM import_file WHERE import_id = ? ORDER BY \(ImportKind.orderClause("kind")), kind
                """, id).map { f in
                FileEntry(kind: try f.required("kind", key: key), fileName: try f.required("file_name", key: key),
                          sha256: try f.required("sha256", key: key), encoding: try f.required("encoding", key: key),
                          rowsRead: try f.required("rows_read", key: key), rowsInserted: try f.required("rows_inserted", key: key),
                          rowsUpdated: try f.required("rows_updated", key: key))
            }
            return Entry(importID: id, importedAt: try run.required("imported_at", key: key),
                         source: try run.required("source", key: key), files: files)
        }
    }
}

extension ImportKind {
    /// An ORDER BY expression that sorts a column of kinds in the import's order (`allCases`), the
    /// order an import records its files in: rowid order on SQLite, which PostgreSQL does not have.
    static func orderClause(_ column: String) -> String {
        "CASE \(column) " + allCases.enumerated().map { "WHEN '\($1.rawValue)' THEN \($0)" }.joined(separator: " ") + " END"
    }
}
