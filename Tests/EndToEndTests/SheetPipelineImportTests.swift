import Foundation
import GongkaiCore
import OfficeTools
import Testing

/// A sheet is read while the import checks the rows before on another thread
/// (`RowPipeline`, batches of 512 rows). Through the built binary: a month of workbooks larger
/// than several batches stores what the same month as CSV stores, and a workbook bad at row 5,000 —
/// damaged in the reader's part (the sheet's XML) or in the import's (an ID number) — is refused
/// with the located error the serial reader gave, and changes nothing.
@Suite struct SheetPipelineImportTests {
    /// `households.xlsx` of `count` valid households (sheet `households`), written by openpyxl; with
    /// `damage`, a Python statement run on `xml` (the sheet's XML text) before the workbook is
    /// written back.
    static func households(_ count: Int, badID: Int? = nil, damage: String? = nil, in dir: URL) async throws {
        var lines = ["户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡"]
        for i in 1...count {
            let body = "640402" + "1980010\(1 + i / 1_000)" + String(format: "%03d", i % 1_000)
            var id = SpreadsheetTests.id(body)
            if i == badID { id = body + (id.last == "1" ? "2" : "1") }
            lines.append("H\(i),三营镇,三营村,马\(i),\(id),,\(1 + i % 5),农村")
        }
        try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("households.txt"), atomically: true, encoding: .utf8)
        try await OfficeTools.python("""
            import csv, re, zipfile
            wb = openpyxl.Workbook()
            ws = wb.active; ws.title = "households"
            for n, row in enumerate(csv.reader(open("households.txt", encoding="utf-8"))):
                ws.append([int(v) if n > 0 and i == 6 else v for i, v in enumerate(row)])
            wb.save("households.xlsx")
            damage = \(damage == nil ? "False" : "True")
            if damage:
                with zipfile.ZipFile("households.xlsx") as z:
                    parts = [(i, z.read(i.filename)) for i in z.infolist()]
                with zipfile.ZipFile("households.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
                    for info, data in parts:
                        if info.filename == "xl/worksheets/sheet1.xml":
                            xml = data.decode("utf-8")
                            \(damage ?? "pass")
                            data = xml.encode("utf-8")
                        z.writestr(info, data)
            """, in: dir)
    }

    @Test func aMonthLargerThanSeveralBatchesStoresWhatItsCSVFilesStore() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 3,000 households: about 35,000 payments, 4,500 enrolments — many batches, and tables
        // whose last batch is partial.
        let csv = try await Binary.run(["demo", "--households", "3000", "--db", "csv.sqlite", "--out", "csv"], in: dir)
        #expect(csv.status == 0, "\(csv.output)")
        let xlsx = try await Binary.run(["demo", "--households", "3000", "--format", "xlsx", "--db", "xlsx.sqlite", "--out", "xlsx"], in: dir)
        #expect(xlsx.status == 0, "\(xlsx.output)")
        let a = try SpreadsheetTests.dump(dir.appendingPathComponent("csv.sqlite").path)
        let b = try SpreadsheetTests.dump(dir.appendingPathComponent("xlsx.sqlite").path)
        #expect(a["household"]?.count == 3_000)
        #expect((a["payment"]?.count ?? 0) > 10 * RowPipeline.defaultBatchSize)
        for table in SpreadsheetTests.tables { #expect(a[table] == b[table], "\(table) differs") }
    }

    /// Row 5,000's household size is `3a`, a number that is not one: the reader thread's refusal,
    /// located as before, after the 4,998 households before it were read.
    @Test func aSheetDamagedAtRow5000IsRefusedAsBeforeAndChangesNothing() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.households(6_000, damage: #"xml = re.sub(r'(<c r="G5000"[^>]*>)<v>[^<]*</v>', r'\1<v>3a</v>', xml)"#, in: dir)
        let result = try await Binary.run(["import", "households.xlsx", "--db", "s.sqlite"], in: dir)
        #expect(result.status == 1 && !result.signalled, "\(result.output)")
        #expect(result.stderr == """
            households.xlsx!households:5000: 单元格 G5000 的内容 '3a' 不是其类型 'n' 的值
            错误：未导入任何数据（共 1 个问题）。请改正以上各行后重新导入。

            """, "\(result.stderr)")
        try Self.expectNothingImported(in: dir)
    }

    /// Row 5,000's ID number fails its check character: the import's refusal of a row the reader
    /// handed over; the whole sheet is read, and nothing is written.
    @Test func aBadIDAtRow5000IsRefusedAsBeforeAndChangesNothing() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.households(6_000, badID: 4_999, in: dir)
        let result = try await Binary.run(["import", "households.xlsx", "--db", "s.sqlite"], in: dir)
        #expect(result.status == 1 && !result.signalled, "\(result.output)")
        let body = "640402" + "19800105" + "999"
        #expect(result.stderr == """
            households.xlsx!households:5000: 户主身份证号: 身份证号校验码错误（应为 \(SpreadsheetTests.id(body).suffix(1))）
            错误：未导入任何数据（共 1 个问题）。请改正以上各行后重新导入。

            """, "\(result.stderr)")
        try Self.expectNothingImported(in: dir)
    }

    static func expectNothingImported(in dir: URL) throws {
        let path = dir.appendingPathComponent("s.sqlite").path
        guard FileManager.default.fileExists(atPath: path) else { return }
        #expect(try SpreadsheetTests.dump(path)["household"] == [], "nothing may be imported")
    }
}
