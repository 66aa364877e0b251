import Foundation
import Testing

/// The damaged and hostile workbooks of the sheet reader's fixtures (Tests/SheetsTests/Workbooks:
/// tags that do not match, an unknown entity, a DOCTYPE, bytes that are not UTF-8, a sheet or its
/// shared strings cut short, references and rows out of order, a value not of its type, a missing
/// shared string) imported through the binary, each as households.xlsx, into a store that already
/// holds a month: each is refused with exit status 1 and an error naming the workbook (and, inside a
/// sheet, the sheet and a row), and the store's data is left as it was.
@Suite struct DamagedWorkbookImportTests {
    static let fixtures = Binary.packageRoot.appendingPathComponent("Tests/SheetsTests/Workbooks")
    static let damaged = [
        "damaged-tags", "damaged-entity", "damaged-doctype", "damaged-utf8", "damaged-sheet-cut", "damaged-strings-cut",
        "damaged-ref", "damaged-cell-order", "damaged-row-order", "damaged-number", "damaged-string-missing",
    ]

    /// Whether `line` is `households.xlsx!<sheet>:<row ≥ 1>: …` or a workbook-level `households.xlsx: …`.
    static func isLocated(_ line: Substring) -> Bool {
        if line.hasPrefix("households.xlsx: ") { return true }
        guard line.hasPrefix("households.xlsx!") else { return false }
        let parts = line.split(separator: ":", maxSplits: 2)
        return parts.count == 3 && (Int(parts[1]) ?? 0) >= 1
    }

    @Test func damagedWorkbooksAreRefusedLocatedAndChangeNothing() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try await Binary.run(["demo", "--households", "30", "--db", "s.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.output)")
        let store = dir.appendingPathComponent("s.sqlite").path
        let before = try SpreadsheetTests.dump(store)
        #expect(before["household"]?.count == 30)
        for name in Self.damaged {
            let target = dir.appendingPathComponent("households.xlsx")
            try? FileManager.default.removeItem(at: target)
            try FileManager.default.copyItem(at: Self.fixtures.appendingPathComponent("\(name).xlsx"), to: target)
            let result = try await Binary.run(["import", "households.xlsx", "--db", "s.sqlite"], in: dir)
            #expect(result.status == 1 && !result.signalled, "\(name): \(result.output)")
            let lines = result.stderr.split(separator: "\n")
            #expect(lines.contains(where: Self.isLocated), "\(name): \(result.stderr)")
            #expect(try SpreadsheetTests.dump(store) == before, "\(name) changed the store")
        }
    }
}
