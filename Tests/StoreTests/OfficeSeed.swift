import Foundation
import GongkaiCore
@testable import Store
import StoreTestSupport

/// The office's own files in a store of either database, for the tests of a domain that reads them.
///
/// On SQLite the files go through the import. The import is ported to PostgreSQL on its own branch,
/// so on PostgreSQL they are imported into an in-memory SQLite store and its rows copied over with
/// plain INSERTs: the same rows, checked by the same import, whichever database the test runs on.
enum OfficeSeed {
    /// The tables the office's files fill, parents first, each with the key that orders its rows.
    static let tables: [(name: String, order: String)] = [
        ("household", "household_id"), ("household_member", "id_number"),
        ("enrolment", "household_id, programme, start_month_index"), ("payment", "household_id, programme, month_index"),
    ]

    /// `files` imported into `store`.
    static func load(_ files: [String: String], into store: StoreDatabase, backend: TestBackend) throws {
        let folder = try Fixtures.folder(files)
        defer { try? FileManager.default.removeItem(at: folder) }
        if backend == .sqlite {
            _ = try Fixtures.importer(store).run(paths: [folder.path])
            return
        }
        let source = try StoreDatabase()
        _ = try Fixtures.importer(source).run(paths: [folder.path])
        let rows = try source.session(readOnly: true) { s in try tables.map { try s.rows("SELECT * FROM \($0.name) ORDER BY \($0.order)") } }
        try store.session(readOnly: false) { s in
            for (table, rows) in zip(tables, rows) {
                for row in rows {
                    try s.execute("INSERT INTO \(table.name) (\(row.columns.joined(separator: ", "))) VALUES (\(row.columns.map { _ in "?" }.joined(separator: ", ")))",
                                  row.values)
                }
            }
        }
    }
}
