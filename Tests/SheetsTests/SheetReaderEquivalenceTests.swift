import Foundation
import GongkaiCore
@testable import Sheets
import Testing

/// Every fixture workbook in Workbooks/ (made by make-workbooks.py: openpyxl, LibreOffice, gongkai's
/// own writer, parts written by hand, damaged ones) read as recorded in its `.expected.txt`: each
/// sheet's rows as the reader gives them and as a table, cell by cell with its kind, or the refusal.
///
/// The recordings were made when Foundation's XMLParser-based reader and the byte-level reader that
/// replaced it ran side by side on these workbooks (commit be86275, LegacyComparisonTests): they
/// agreed on every cell of every workbook that reads, and both refused every damaged one. The only
/// differences are on purpose: CDATA (the old reader dropped its text), a DOCTYPE (the old one read
/// past it) and the refusals' words, which now name the row and say what is wrong.
@Suite struct SheetReaderEquivalenceTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Workbooks")

    static let workbooks: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".xlsx") }.sorted()
    }()

    /// A workbook as text: each sheet's rows (`rows(of:)`) and table (`table(of:)`), a row to a line,
    /// each cell as its kind and its text quoted; or the refusal where reading stopped.
    static func reading(_ url: URL) -> String {
        var out: [String] = []
        func line(_ row: SheetRow) -> String {
            "\(row.number)" + row.cells.map { " | \($0.kind) \($0.text.debugDescription)" }.joined()
        }
        do {
            let workbook = try Workbook(url: url)
            for sheet in workbook.sheets {
                out.append("sheet \(sheet.name.debugDescription) \(sheet.part)")
                out.append("rows")
                nonisolated(unsafe) var lines: [String] = []
                try workbook.rows(of: sheet) { lines.append(line($0)) }
                out += lines
                out.append("table")
                lines = []
                try workbook.table(of: sheet) { lines.append(line($0)) }
                out += lines
            }
        } catch {
            out.append("refused: \(error)")
        }
        return out.joined(separator: "\n") + "\n"
    }

    @Test func theFixturesAreThere() {
        #expect(Self.workbooks.count >= 25, "\(Self.folder.path): \(Self.workbooks)")
    }

    @Test(arguments: workbooks)
    func readsAsRecorded(_ name: String) throws {
        let url = Self.folder.appendingPathComponent(name)
        let expected = try String(contentsOf: url.deletingPathExtension().appendingPathExtension("expected.txt"), encoding: .utf8)
        let read = Self.reading(url)
        #expect(read == expected, "\(name): the reader now gives\n\(read)")
    }
}
