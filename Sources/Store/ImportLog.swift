import Foundation
import GRDB
import GongkaiCore

/// The record of every successful import: which files (by SHA-256), how many rows, when.
public enum ImportLog {
    static func record(_ files: [ImportSummary.FileResult], source: String, at time: Date, in db: Database) throws {
        let f = ISO8601DateFormatter()
        try db.execute(sql: "INSERT INTO import_run (imported_at, source) VALUES (?, ?)",
                       arguments: [f.string(from: time), source])
        let id = db.lastInsertedRowID
        for file in files {
            try db.execute(sql: """
                INSERT INTO import_file (import_id, kind, file_name, sha256, encoding, rows_read, rows_inserted, rows_updated)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [id, file.kind.rawValue, file.fileName, file.sha256, file.encoding.rawValue,
                                 file.rowsRead, file.inserted, file.updated])
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
    public struct FileEntry: Sendable, Codable, FetchableRecord {
        public static let databaseColumnDecodingStrategy = DatabaseColumnDecodingStrategy.convertFromSnakeCase
        public let kind: String
        public let fileName: String
        public let sha256: String
        public let encoding: String
        public let rowsRead: Int
        public let rowsInserted: Int
        public let rowsUpdated: Int
    }

    /// The most recent imports, newest first.
    static func recent(_ limit: Int, in db: Database) throws -> [Entry] {
        let runs = try Row.fetchAll(db, sql: "SELECT import_id, imported_at, source FROM import_run ORDER BY import_id DESC LIMIT ?",
                                    arguments: [limit])
        return try runs.map { run in
            let id: Int64 = try run.decode(atIndex: 0)
            let files = try FileEntry.fetchAll(db, sql: """
                SELECT kind, file_name, sha256, encoding, rows_read, rows_inserted, rows_updated
                FROM import_file WHERE import_id = ? ORDER BY rowid
                """, arguments: [id])
            return Entry(importID: id, importedAt: try run.decode(atIndex: 1), source: try run.decode(atIndex: 2), files: files)
        }
    }
}
