import Foundation
import StoreTestSupport
import Testing
@testable import Store

/// `SQLSession.append`: SQLite's prepared INSERT and PostgreSQL's `COPY … FROM STDIN` store the same
/// values, inside the session's transaction.
@Suite struct BulkAppendTests {
    /// A table for the probe, the same on both (SQLite reads BIGINT as an integer, BYTEA as no affinity).
    static let table = "CREATE TABLE append_probe (k BIGINT PRIMARY KEY, t TEXT, b BYTEA)"

    static let awkward: [[SQLValue]] = [
        [.integer(1), .text("tab\there, newline\nthere, return\r, backslash \\ and \\N and \\t"), .blob(Data([0, 1, 0xFE, 0xFF, 0x5C, 0x09]))],
        [.integer(2), .text(""), .blob(Data())],
        [.integer(3), .null, .null],
        [.integer(Int64.min), .text("\\N"), .blob(Data("\\x00".utf8))],
        [.integer(Int64.max), .text("户主王芳名下有小型轿车（2025-05-01登记）𠮷"), .null],
    ]

    @Test(arguments: TestBackend.allCases) func awkwardValuesReadBackAsWritten(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let appended = try store.session(readOnly: false) { s in
            try s.execute(Self.table)
            return try s.append(into: "append_probe", columns: ["k", "t", "b"], rows: Self.awkward)
        }
        #expect(appended == Self.awkward.count)
        let back = try store.session(readOnly: true) { try $0.rows("SELECT k, t, b FROM append_probe ORDER BY k") }
        #expect(back.map(\.values) == Self.awkward.sorted { Int64(sqlValue: $0[0]) ?? 0 < Int64(sqlValue: $1[0]) ?? 0 })
        // Read row by row (SQLite's C API on SQLite), the same values and column names.
        var streamed: [SQLRow] = []
        try store.session(readOnly: true) { try $0.forEachRow("SELECT k, t, b FROM append_probe ORDER BY k") { streamed.append($0) } }
        #expect(streamed.map(\.values) == back.map(\.values) && streamed.map(\.columns) == back.map(\.columns))
    }

    /// Many rows cross several COPY messages; a row the table refuses rolls the whole transaction back,
    /// what ran before it too, and the store goes on working.
    @Test(arguments: TestBackend.allCases) func manyRowsAndAllOrNothing(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        try store.session(readOnly: false) { try $0.execute(Self.table) }
        let many = (0..<50_000).lazy.map { n -> [SQLValue] in [.integer(Int64(n)), .text("第 \(n) 行\t\(String(repeating: "字", count: n % 7))"), .null] }
        #expect(try store.session(readOnly: false) { try $0.append(into: "append_probe", columns: ["k", "t", "b"], rows: many) } == 50_000)
        #expect(try store.session(readOnly: true) { try $0.value("SELECT COUNT(*) FROM append_probe") } == 50_000)
        #expect(try store.session(readOnly: true) { try $0.value("SELECT t FROM append_probe WHERE k = 49999") } == "第 49999 行\t字字字字字")

        let clash = (50_000..<60_000).map { n -> [SQLValue] in [.integer(Int64(n == 59_000 ? 500 : n)), .text("x"), .null] }
        #expect(throws: (any Error).self) {
            try store.session(readOnly: false) { s in
                try s.execute("DELETE FROM append_probe WHERE k < 100")
                try s.append(into: "append_probe", columns: ["k", "t", "b"], rows: clash)
            }
        }
        #expect(try store.session(readOnly: true) { try $0.value("SELECT COUNT(*) FROM append_probe") } == 50_000)
        #expect(try store.session(readOnly: false) { try $0.append(into: "append_probe", columns: ["k", "t", "b"], rows: clash.prefix(3)) } == 3)
    }
}
