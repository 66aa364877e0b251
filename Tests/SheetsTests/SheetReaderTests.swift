import Foundation
import GongkaiCore
import OfficeTools
@testable import Sheets
import Testing

/// The streaming reader on workbooks made by openpyxl, and on parts written by hand where openpyxl
/// cannot (rich-text and phonetic runs, inline strings, error cells, the 1900 leap-day quirk).
@Suite struct SheetReaderTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-sheets-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every row of a sheet as `table(of:)` delivers it: (row number, cell texts, cell kinds).
    static func table(_ url: URL, sheet: String) throws -> [(Int, [String], [SheetCell.Kind])] {
        let workbook = try Workbook(url: url)
        let found = try #require(workbook.sheets.first { $0.name == sheet })
        nonisolated(unsafe) var rows: [(Int, [String], [SheetCell.Kind])] = []
        try workbook.table(of: found) { rows.append(($0.number, $0.cells.map(\.text), $0.cells.map(\.kind))) }
        return rows
    }

    @Test func mergedHeadersTitlesDatesAndTypesFromOpenpyxl() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await OfficeTools.python("""
            import datetime
            wb = openpyxl.Workbook()
            ws = wb.active; ws.title = "家庭"
            ws["A1"] = "户编号"; ws.merge_cells("A1:A2")
            ws["B1"] = "户主"; ws.merge_cells("B1:C1")
            ws["B2"] = "户主姓名"; ws["C2"] = "户主身份证号"
            ws.append(["H1", "马一", "640402198001010017"])
            ws.append(["H2", "马二", 410182199001011000])
            ws["A6"] = ""   # an empty cell below the data: a trailing empty row
            ws["F3"] = None
            t = wb.create_sheet("titled")
            t["A1"] = "2026年10月低保家庭名册"; t.merge_cells("A1:C1")
            t.append(["户编号", "乡镇", "村"])
            t.append(["H1", "三营镇", "三营村"])
            d = wb.create_sheet("types")
            d.append(["day", "minute", "month", "builtin", "amount", "flag", "error", "text"])
            d.append([datetime.date(2026, 10, 5), datetime.datetime(2026, 10, 5, 9, 30), datetime.date(2026, 10, 1),
                      datetime.date(2024, 2, 29), 1234.56, True, "#N/A", "=1+1"])
            d["A2"].number_format = 'yyyy"年"m"月"d"日"'
            d["B2"].number_format = "yyyy-mm-dd hh:mm"
            d["C2"].number_format = "yyyy-mm"
            d["D2"].number_format = "mm-dd-yy"
            d["H2"].data_type = "s"
            wb.save("book.xlsx")
            m = openpyxl.Workbook()
            m.epoch = openpyxl.utils.datetime.CALENDAR_MAC_1904
            s = m.active; s.title = "mac"
            s.append(["date"]); s.append([datetime.date(2026, 10, 5)])
            s["A2"].number_format = "yyyy-mm-dd"
            m.save("mac.xlsx")
            """, in: dir)
        let book = dir.appendingPathComponent("book.xlsx")

        let households = try Self.table(book, sheet: "家庭")
        #expect(households.map(\.0) == [1, 3, 4])
        #expect(households[0].1 == ["户编号", "户主姓名", "户主身份证号"])
        #expect(households[1].1 == ["H1", "马一", "640402198001010017"])
        #expect(households[1].2 == [.text, .text, .text])
        // The ID kept as a number arrives marked as one, for the contract to refuse.
        #expect(households[2].1 == ["H2", "马二", "410182199001011000"])
        #expect(households[2].2[2] == .number)

        let titled = try Self.table(book, sheet: "titled")
        #expect(titled.map(\.0) == [2, 3])
        #expect(titled[0].1 == ["户编号", "乡镇", "村"])

        let types = try Self.table(book, sheet: "types")
        #expect(types[1].1 == ["2026-10-05", "2026-10-05 09:30", "2026-10", "2024-02-29", "1234.56", "TRUE", "#N/A", "=1+1"])
        #expect(types[1].2 == [.date, .date, .date, .date, .number, .boolean, .error, .text])

        let mac = try Self.table(dir.appendingPathComponent("mac.xlsx"), sheet: "mac")
        #expect(mac[1].1 == ["2026-10-05"])
    }

    @Test func richTextPhoneticRunsInlineStringsErrorsAndTheLeapDayQuirk() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Parts written by hand, with a namespace prefix on the sheet's elements as some writers use.
        try await OfficeTools.python(#"""
            import zipfile
            main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
            rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
            with zipfile.ZipFile("hand.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
                z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
                z.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
                z.writestr("xl/workbook.xml", f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="发放" sheetId="1" r:id="rId1"/></sheets></workbook>')
                z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="/xl/sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>')
                z.writestr("xl/sharedStrings.xml", f'<sst xmlns="{main}"><si><t>name</t></si><si><r><t>马</t></r><r><rPr><b/></rPr><t xml:space="preserve">一 </t></r><rPh sb="0" eb="1"><t>ma</t></rPh><phoneticPr fontId="0"/></si></sst>')
                z.writestr("xl/styles.xml", f'<styleSheet xmlns="{main}"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>')
                z.writestr("xl/worksheets/sheet1.xml", f'<x:worksheet xmlns:x="{main}"><x:sheetData>'
                    '<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>place</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>d</x:t></x:is></x:c></x:row>'
                    '<x:row r="2"><x:c r="A2" t="s"><x:v>1</x:v></x:c><x:c r="B2" t="inlineStr"><x:is><x:r><x:t>三营</x:t></x:r><x:r><x:t>镇</x:t></x:r><x:rPh sb="0" eb="1"><x:t>sanying</x:t></x:rPh></x:is></x:c><x:c r="C2" s="1"><x:v>59</x:v></x:c></x:row>'
                    '<x:row r="3"><x:c r="A3" t="e"><x:v>#N/A</x:v></x:c><x:c r="C3" s="1"><x:v>60</x:v></x:c></x:row>'
                    '<x:row r="5"><x:c r="C5" s="1"><x:v>61</x:v></x:c><x:c r="D5"/><x:c r="E5" t="inlineStr"><x:is><x:t> </x:t></x:is></x:c></x:row>'
                    '<x:row r="9"/>'
                    '</x:sheetData><x:mergeCells count="0"/></x:worksheet>')
            """#, in: dir)
        let rows = try Self.table(dir.appendingPathComponent("hand.xlsx"), sheet: "发放")
        #expect(rows.map(\.0) == [1, 2, 3, 5])
        #expect(rows[0].1 == ["name", "place", "d"])
        #expect(rows[1].1 == ["马一 ", "三营镇", "1900-02-28"])
        #expect(rows[2].1 == ["#N/A", "", "1900-02-29"])
        #expect(rows[2].2[0] == .error)
        #expect(rows[3].1 == ["", "", "1900-03-01"])
    }

    /// A part cut short (a damaged download) is refused: never a shorter table, never shifted strings.
    @Test func aSheetOrSharedStringsCutShortAreRefused() async throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        // openpyxl writes inline strings; LibreOffice, saving the same workbook, a shared-string table.
        try await OfficeTools.python("""
            wb = openpyxl.Workbook(); ws = wb.active; ws.title = "households"
            for i in range(2000): ws.append([f"H{i}", "三营镇", f"村{i}"])
            wb.save("made.xlsx")
            """, in: dir)
        let saved = try await OfficeTools.convert(dir.appendingPathComponent("made.xlsx"), to: "xlsx")
        try FileManager.default.moveItem(at: saved, to: dir.appendingPathComponent("whole.xlsx"))
        try await OfficeTools.python("""
            import zipfile
            for part, name in [("xl/worksheets/sheet1.xml", "sheet.xlsx"), ("xl/sharedStrings.xml", "strings.xlsx")]:
                src = zipfile.ZipFile("whole.xlsx")
                assert part in src.namelist(), src.namelist()
                with zipfile.ZipFile(name, "w") as out:
                    for info in src.infolist():
                        data = src.read(info.filename)
                        out.writestr(info.filename, data[: len(data) // 2] if info.filename == part else data)
            """, in: dir)
        let whole = try Self.table(dir.appendingPathComponent("whole.xlsx"), sheet: "households")
        #expect(whole.count == 2000 && whole[1999].1 == ["H1999", "三营镇", "村1999"])
        // Located at the row being read when the bytes ran out (past the first rows, before the last).
        #expect { try Self.table(dir.appendingPathComponent("sheet.xlsx"), sheet: "households") } throws: { error in
            let text = "\(error)"
            let row = text.split(separator: ":").dropFirst().first.flatMap { Int($0) } ?? 0
            return text.hasPrefix("sheet.xlsx!households:") && (2..<2000).contains(row)
                && text.contains(": 该工作表的 XML 已损坏或不完整")
        }
        #expect { try Workbook(url: dir.appendingPathComponent("strings.xlsx")) } throws: { error in
            "\(error)".contains("strings.xlsx: 其共享字符串（xl/sharedStrings.xml）无法读取（已损坏或不完整）")
        }
    }

    @Test func notAWorkbookIsRefusedByName() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fake = dir.appendingPathComponent("households.xlsx")
        try Data("户编号,乡镇\n".utf8).write(to: fake)
        #expect(throws: InputErrors.self) { try Workbook(url: fake) }
        do { _ = try Workbook(url: fake) } catch {
            #expect(error.description.hasPrefix("households.xlsx: 不是 .xlsx 工作簿"))
        }
    }

    @Test func dateSerialsInBothSystems() {
        #expect(ExcelDate.text(serial: 1, date1904: false, precision: .day) == "1900-01-01")
        #expect(ExcelDate.text(serial: 59, date1904: false, precision: .day) == "1900-02-28")
        #expect(ExcelDate.text(serial: 60, date1904: false, precision: .day) == "1900-02-29")
        #expect(ExcelDate.text(serial: 61, date1904: false, precision: .day) == "1900-03-01")
        #expect(ExcelDate.text(serial: 46300, date1904: false, precision: .day) == "2026-10-05")
        #expect(ExcelDate.text(serial: 0, date1904: true, precision: .day) == "1904-01-01")
        #expect(ExcelDate.text(serial: 44838, date1904: true, precision: .day) == "2026-10-05")
        // 09:30, and a fraction a hair under midnight that is the next day, not 23:59.
        #expect(ExcelDate.text(serial: 46300.395833333336, date1904: false, precision: .minute) == "2026-10-05 09:30")
        #expect(ExcelDate.text(serial: 46300.99999999, date1904: false, precision: .minute) == "2026-10-06 00:00")
        #expect(ExcelDate.text(serial: -1, date1904: false, precision: .day) == nil)
    }

    @Test func numberFormatsThatAreDates() {
        #expect(NumberFormats.precision(ofCode: #"yyyy"年"m"月"d"日""#) == .day)
        #expect(NumberFormats.precision(ofCode: #"[$-804]yyyy"年"m"月""#) == .month)
        #expect(NumberFormats.precision(ofCode: "yyyy/m/d h:mm") == .minute)
        #expect(NumberFormats.precision(ofCode: "h:mm:ss") == .time)
        #expect(NumberFormats.precision(ofCode: "0.00%") == nil)
        #expect(NumberFormats.precision(ofCode: "0.00E+00") == nil)
        #expect(NumberFormats.precision(ofCode: #"#,##0.00"元""#) == nil)
        #expect(NumberFormats.precision(ofCode: #"[Red]"day "0"#) == nil)
        #expect(NumberFormats.builtIn(14) == .day && NumberFormats.builtIn(31) == .day && NumberFormats.builtIn(57) == .month)
        #expect(NumberFormats.builtIn(2) == nil)
    }
}
