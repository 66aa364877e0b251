import Foundation
import GongkaiCore
import OfficeTools
@testable import Sheets
import Testing

/// The writer's files: byte-identical on every run, and read back cell by cell by openpyxl,
/// LibreOffice and our own reader.
@Suite struct XLSXWriterTests {
    static var sheets: [XLSXWriter.Sheet] { [
        XLSXWriter.Sheet(name: "indicators", columns: [
            .init("code", width: 12, style: .code), .init("name", width: 20), .init("count", width: 10, style: .integer),
            .init("rate", width: 10), .init("amount", width: 12, style: .decimal), .init("day", width: 12),
        ], rows: [
            [.text("0012"), .text("马一 & <b>\"x\"\u{1}"), .number("137"), .percent("97.98"), .number("1234.5"), .date("2026-10-05")],
            [.text("640402198001010017"), .text("=SUM(A1)"), .number("-3"), .percent("5"), .empty, .date("2026-10-05 09:30")],
            [.text("x"), .empty, .number("4.10182E+17"), .percent("n/a"), .number("0.01"), .date("2026-10")],
        ]),
        XLSXWriter.Sheet(name: "definitions", columns: [.init("id", width: 10)], rows: [[.text("households_active_x0041_")]]),
    ] }

    @Test func theSameSheetsGiveTheSameBytes() throws {
        let a = try XLSXWriter.data(Self.sheets, title: "t", created: "2026-11-05T00:00:00Z")
        let b = try XLSXWriter.data(Self.sheets, title: "t", created: "2026-11-05T00:00:00Z")
        #expect(a == b)
        let c = try XLSXWriter.data(Self.sheets, title: "t", created: "2026-12-05T00:00:00Z")
        #expect(a != c)
    }

    @Test func openpyxlLibreOfficeAndOurReaderReadEveryCell() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-writer-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("out.xlsx")
        try XLSXWriter.write(Self.sheets, to: file.path, title: "指标", created: "2026-11-05T00:00:00Z")

        let printed = try await OfficeTools.python("""
            wb = openpyxl.load_workbook("out.xlsx")
            print(wb.sheetnames)
            ws = wb["indicators"]
            print(ws.freeze_panes, ws.column_dimensions["B"].width, wb.properties.created.isoformat())
            for row in ws.iter_rows():
                print([(c.value, c.number_format) for c in row])
            """, in: dir)
        let lines = printed.split(separator: "\n").map(String.init)
        #expect(lines[0] == "['indicators', 'definitions']")
        #expect(lines[1] == "A2 20.0 2026-11-05T00:00:00")
        #expect(lines[2].hasPrefix("[('code', '@'), ('name', '@')"))
        #expect(lines[3] == #"[('0012', '@'), ('马一 & <b>"x"_x0001_', 'General'), (137, '#,##0'), (0.9798, '0.0%'), (1234.5, '#,##0.00'), (datetime.datetime(2026, 10, 5, 0, 0), 'yyyy-mm-dd')]"#)
        #expect(lines[4] == "[('640402198001010017', '@'), ('=SUM(A1)', 'General'), (-3, '#,##0'), (0.05, '0.0%'), (None, 'General'), (datetime.datetime(2026, 10, 5, 9, 30), 'yyyy-mm-dd hh:mm')]")
        #expect(lines[5] == "[('x', '@'), (None, 'General'), ('4.10182E+17', '#,##0'), ('n/a', 'General'), (0.01, '#,##0.00'), (datetime.datetime(2026, 10, 1, 0, 0), 'yyyy-mm')]")

        let csv = try await String(contentsOf: OfficeTools.convert(file, to: "csv"), encoding: .utf8)
        let rows = csv.split(separator: "\n").map(String.init)
        #expect(rows[0] == "code,name,count,rate,amount,day")
        #expect(rows[1].hasPrefix("0012,"))
        #expect(rows[1].hasSuffix(",137,98.0%,\"1,234.50\",2026-10-05"))
        #expect(rows[2] == "640402198001010017,=SUM(A1),-3,5.0%,,2026-10-05 09:30")

        let workbook = try Workbook(url: file)
        nonisolated(unsafe) var read: [[String]] = []
        try workbook.table(of: workbook.sheets[0]) { read.append($0.cells.map(\.text)) }
        // Excel's own escape for a control character, written and read back as the character.
        #expect(read[1] == ["0012", "马一 & <b>\"x\"\u{1}", "137", "0.9798", "1234.5", "2026-10-05"])
        #expect(read[2] == ["640402198001010017", "=SUM(A1)", "-3", "0.05", "", "2026-10-05 09:30"])
        #expect(read[3] == ["x", "", "4.10182E+17", "n/a", "0.01", "2026-10"])
        nonisolated(unsafe) var definitions: [String] = []
        try workbook.rows(of: workbook.sheets[1]) { definitions += $0.cells.map(\.text) }
        #expect(definitions == ["id", "households_active_x0041_"])
    }

    @Test func percentsMoveTheDecimalPointExactly() {
        #expect(SheetXML.hundredth("97.98") == "0.9798")
        #expect(SheetXML.hundredth("5") == "0.05")
        #expect(SheetXML.hundredth("100") == "1")
        #expect(SheetXML.hundredth("-12.5") == "-0.125")
        #expect(SheetXML.hundredth("1234.5678") == "12.345678")
        #expect(SheetXML.hundredth("0") == "0")
    }
}
