import Foundation
import GongkaiCore
import StoreTestSupport
import Testing
@testable import Store

/// One import on both databases: the same rows stored, the same log and summary, whichever path the
/// rows took (PostgreSQL's COPY straight into an empty table, or through its staging table when the
/// table holds rows already).
@Suite struct ImportParityTests {
    /// Every stored row as its columns by name, in key order: comparable across the two schemas even
    /// where later migrations added columns in another order.
    static func rows(_ store: StoreDatabase) throws -> [String] {
        try store.session(readOnly: true) { session in
            var lines: [String] = []
            for table in ["household", "enrolment", "payment", "service", "staff", "data_match", "complaint", "import_file"] {
                lines += try session.rows("SELECT * FROM \(table) ORDER BY 1, 2, 3").map { row in
                    "\(table): " + zip(row.columns, row.values).sorted { $0.0 < $1.0 }.map { "\($0)=\($1)" }.joined(separator: " ")
                }
            }
            return lines
        }
    }

    static func summary(_ store: StoreDatabase) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(StoreSummary.read(from: store)), as: UTF8.self)
    }

    /// Text COPY's format gives a meaning to (a backslash, a literal `\N`, line breaks) is stored as
    /// typed; a second import of changed files goes through the staging table and counts its updates.
    @Test func theSameFilesStoreTheSameRowsOnBothDatabases() async throws {
        let summary = Fixtures.complaints.replacingOccurrences(of: "咨询低保申请条件", with: "\"咨询\\N低保\\\\申请\r\n条件\"")
        var files = Fixtures.all
        files["complaints.csv"] = summary
        let first = try Fixtures.folder(files)
        var changed = files
        changed["households.csv"] = Fixtures.households.replacingOccurrences(of: "马海,640402198001010025,,2", with: "马海,640402198001010025,,4")
        let second = try Fixtures.folder(changed)
        defer { try? FileManager.default.removeItem(at: first); try? FileManager.default.removeItem(at: second) }

        var results: [(rows: [String], summary: String, counts: [[Int]])] = []
        for backend in TestBackend.allCases {
            let store = try await backend.store()
            let a = try Fixtures.importer(store).run(paths: [first.path])
            let b = try Fixtures.importer(store).run(paths: [second.path])
            #expect(try store.column("SELECT summary FROM complaint WHERE complaint_id = 'TS-202603-0002'")
                    == ["咨询\\N低保\\\\申请\n条件"], "\(backend)")
            let households = b.files.first { $0.kind == .households }
            #expect(households.map { [$0.rowsRead, $0.inserted, $0.updated] } == [3, 0, 1], "\(backend): one household changed")
            results.append((try Self.rows(store), try Self.summary(store),
                            (a.files + b.files).map { [$0.rowsRead, $0.inserted, $0.updated] }))
        }
        let (sqlite, postgres) = (results[0], results[1])
        #expect(sqlite.counts == postgres.counts, "the same inserted and updated counts in the import log")
        #expect(sqlite.summary == postgres.summary)
        #expect(sqlite.rows.count == postgres.rows.count)
        for (s, p) in zip(sqlite.rows, postgres.rows) { #expect(s == p) }
    }

    /// Two imports of the same files at once into one empty store (two nodes, two offices' staff):
    /// they take turns, so both succeed — the first inserts every row, the second finds them all
    /// stored and changes nothing — where both would otherwise COPY into the empty tables and clash.
    @Test(arguments: TestBackend.allCases) func concurrentImportsTakeTurns(_ backend: TestBackend) async throws {
        let folder = try Fixtures.folder(Fixtures.all)
        defer { try? FileManager.default.removeItem(at: folder) }
        let store = try await backend.store()
        let imported = try await withThrowingTaskGroup(of: [Int].self) { group in
            for _ in 0..<2 {
                group.addTask {
                    let summary = try Fixtures.importer(store).run(paths: [folder.path])
                    return [summary.files.map(\.inserted).reduce(0, +), summary.files.map(\.updated).reduce(0, +)]
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let (second, first) = (imported.min { $0[0] < $1[0] } ?? [], imported.max { $0[0] < $1[0] } ?? [])
        #expect(second == [0, 0], "the second import found every row stored: \(imported)")
        #expect(first.count == 2 && first[0] > 0 && first[1] == 0, "the first stored them: \(imported)")
    }
}
