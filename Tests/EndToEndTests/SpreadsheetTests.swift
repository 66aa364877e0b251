import Foundation
import GongkaiCore
import GRDB
import OfficeTools
import Testing

/// .xlsx in and out through the built binary, with workbooks made by openpyxl and LibreOffice.
@Suite struct SpreadsheetTests {
    static let tables = ["household", "enrolment", "payment", "service", "staff", "data_match", "complaint"]

    /// Every row of the import tables, sorted, as text: two stores with the same dump hold the same data.
    static func dump(_ path: String) throws -> [String: [String]] {
        var config = Configuration()
        config.readonly = true
        let db = try DatabaseQueue(path: path, configuration: config)
        return try db.read { db in
            var out: [String: [String]] = [:]
            for table in tables {
                out[table] = try Row.fetchAll(db, sql: "SELECT * FROM \(table)").map { $0.description }.sorted()
            }
            return out
        }
    }

    /// A valid ID number: the 17 digits and their check character.
    static func id(_ body: String) -> String { body + String(IDNumber.checkCharacter(for: Array(body.utf8))) }

    @Test func aDemoMonthAsXLSXImportsToTheSameStoreAsItsCSVFiles() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let csv = try await Binary.run(["demo", "--households", "400", "--db", "csv.sqlite", "--out", "csv"], in: dir)
        #expect(csv.status == 0, "\(csv.output)")
        let xlsx = try await Binary.run(["demo", "--households", "400", "--format", "xlsx", "--db", "xlsx.sqlite", "--out", "xlsx"], in: dir)
        #expect(xlsx.status == 0, "\(xlsx.output)")
        #expect(xlsx.stdout.contains("payments.xlsx!payments"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("xlsx/payments.csv").path))
        let a = try Self.dump(dir.appendingPathComponent("csv.sqlite").path)
        let b = try Self.dump(dir.appendingPathComponent("xlsx.sqlite").path)
        #expect(a["household"]?.count == 400)
        for table in Self.tables { #expect(a[table] == b[table], "\(table) differs") }

        // Idempotent like CSV: the same workbooks again change nothing.
        let again = try await Binary.run(["import", "xlsx", "--db", "xlsx.sqlite"], in: dir)
        #expect(again.status == 0, "\(again.output)")
        #expect(again.stdout.contains("households.xlsx!households       400 行  新增         0  变更         0  （XLSX）"))
    }

    @Test func idsThatASpreadsheetKeptAsNumbersAreRefusedWithTheirSheetAndRow() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // LibreOffice reads the long digit strings of a CSV file as numbers, as Excel does on opening it.
        let ids = [Self.id("64040219800101001"), Self.id("64040219800101002")]
        try """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        H1,三营镇,三营村,马一,\(ids[0]),13912345678,3,农村
        H2,三营镇,三营村,马二,\(ids[1]),,2,农村
        """.write(to: dir.appendingPathComponent("source.csv"), atomically: true, encoding: .utf8)
        let converted = try await OfficeTools.convert(dir.appendingPathComponent("source.csv"), to: "xlsx")
        try FileManager.default.moveItem(at: converted, to: dir.appendingPathComponent("households.xlsx"))
        let result = try await Binary.run(["import", "households.xlsx", "--db", "s.sqlite"], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("households.xlsx!source:2: 户主身份证号: '\(ids[0].prefix(15))000' 以数字保存，Excel 只保留 15 位有效数字"), "\(result.stderr)")
        #expect(result.stderr.contains("households.xlsx!source:2: 联系电话: '13912345678' 以数字保存"))
        #expect(result.stderr.contains("households.xlsx!source:3: 户主身份证号:"))
        #expect(result.stderr.contains("设置单元格格式 → 文本"))
        #expect(result.stderr.contains("未导入任何数据（共 3 个问题）"))

        // Text that a spreadsheet has already damaged: E-notation, and 18 digits ending in 000 that
        // fail the check digit, in one workbook whose sheets are named after the tables in Chinese.
        let cut = "410182199001011000"
        #expect(throws: IDNumber.Problem.self) { try IDNumber(validating: cut) }
        try await OfficeTools.python("""
            wb = openpyxl.Workbook()
            notes = wb.active; notes.title = "说明"; notes["A1"] = "2026年10月数据"
            ws = wb.create_sheet("家庭")
            ws.append(["户编号", "乡镇", "村", "户主姓名", "户主身份证号", "联系电话", "家庭人口", "城乡"])
            ws.append(["H1", "三营镇", "三营村", "马一", "\(ids[0])", "", 3, "农村"])
            ws.append(["H2", "三营镇", "三营村", "马二", "4.10182E+17", "", 2, "农村"])
            ws.append(["H3", "三营镇", "三营村", "马三", "\(cut)", "", 2, "农村"])
            ws.append(["H4", "三营镇", "三营村", "马四", "#N/A", "", 2, "农村"])
            ws["E5"].data_type = "e"
            wb.save("2026-10.xlsx")
            """, in: dir)
        let damaged = try await Binary.run(["import", "2026-10.xlsx", "--db", "s.sqlite"], in: dir)
        #expect(damaged.status == 1)
        #expect(damaged.stderr.contains("2026-10.xlsx!家庭:3: 户主身份证号: '4.10182E+17' 是被 Excel 四舍五入的数字，身份证号已经丢失"), "\(damaged.stderr)")
        #expect(damaged.stderr.contains("2026-10.xlsx!家庭:4: 户主身份证号: '\(cut)' 以 000 结尾，不是有效的身份证号"))
        #expect(damaged.stderr.contains("2026-10.xlsx!家庭:5: 户主身份证号: 含有电子表格错误值 '#N/A'"))
        #expect(!damaged.stderr.contains(":2:"))
        let status = try await Binary.run(["status", "--db", "s.sqlite", "--format", "json"], in: dir)
        #expect(!status.stdout.contains("\"rows\" : 1"), "nothing may be imported: \(status.stdout)")
    }

    @Test func oneWorkbookWithMergedHeadersDatesAndNumbersImports() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await OfficeTools.python("""
            import datetime
            wb = openpyxl.Workbook()
            ws = wb.active; ws.title = "households"
            ws["A1"] = "2026年10月低保家庭名册"; ws.merge_cells("A1:H1")
            ws.append(["户编号", "地址", None, "户主", None, "联系电话", "家庭人口", "城乡"])
            ws.append([None, "乡镇", "村", "户主姓名", "户主身份证号"])
            for c in ["A2:A3", "F2:F3", "G2:G3", "H2:H3"]: ws.merge_cells(c)
            ws.merge_cells("B2:C2"); ws.merge_cells("D2:E2")
            ws.append(["H1", "三营镇", "三营村", "马一", "\(Self.id("64040219800101001"))", "13912345678", 3, "农村"])
            ws["F4"].data_type = "s"; ws["F4"].value = "13912345678"
            ws.append([])
            e = wb.create_sheet("保障")
            e.append(["户编号", "救助项目", "保障人数", "金额", "发放方式", "申请日期", "审批日期", "起始月份"])
            e.append(["H1", "低保", 3, 1234.5, "按月", datetime.date(2026, 9, 16), datetime.date(2026, 10, 16), datetime.date(2026, 11, 1)])
            e["F2"].number_format = 'yyyy"年"m"月"d"日"'
            e["G2"].number_format = "yyyy-mm-dd"
            e["H2"].number_format = 'yyyy"年"m"月"'
            wb.save("month.xlsx")
            """, in: dir)
        let result = try await Binary.run(["import", "month.xlsx", "--db", "s.sqlite"], in: dir)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("month.xlsx!households         1 行  新增         1"))
        #expect(result.stdout.contains("month.xlsx!保障"))
        #expect(result.stdout.split(separator: "\n").filter { $0.contains("1 行  新增         1") }.count == 2)
        let rows = try Self.dump(dir.appendingPathComponent("s.sqlite").path)
        let enrolment = try #require(rows["enrolment"]?.first)
        #expect(enrolment.contains("amount_fen:123450"))
        #expect(enrolment.contains("applied_on:\"2026-09-16\""))
        #expect(enrolment.contains("start_month:\"2026-11\""))
        let household = try #require(rows["household"]?.first)
        #expect(household.contains("village:\"三营村\"") && household.contains("phone:\"13912345678\""))
    }

    @Test func indicatorsAndComplaintListsAsWorkbooksOpenInLibreOfficeAndOpenpyxl() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Binary.run(["demo", "--households", "300", "--db", "s.sqlite", "--out", "data"], in: dir).status == 0)
        let written = try await Binary.run(["indicators", "--month", "2026-10", "--db", "s.sqlite", "--format", "xlsx", "--out", "ind.xlsx"], in: dir)
        #expect(written.status == 0, "\(written.output)")
        let csv = try await Binary.run(["indicators", "--month", "2026-10", "--db", "s.sqlite", "--format", "csv"], in: dir)
        let expected = csv.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(expected.count > 100)

        // LibreOffice opens it: the same rows, in the same order.
        let office = try await String(contentsOf: OfficeTools.convert(dir.appendingPathComponent("ind.xlsx"), to: "csv"), encoding: .utf8)
        let opened = office.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(opened.count == expected.count)
        #expect(opened.map { [$0[0], $0[2], $0[3]] } == expected.map { [$0[0], $0[1], $0[2]] })

        // openpyxl reads every cell back: values as numbers (percentages as fractions), codes as text.
        let check = try await OfficeTools.python("""
            import csv, io, sys
            from decimal import Decimal
            wb = openpyxl.load_workbook("ind.xlsx")
            ws = wb["indicators"]
            rows = list(ws.iter_rows(min_row=2, values_only=True))
            expected = list(csv.reader(open("expected.csv", encoding="utf-8")))[1:]
            assert len(rows) == len(expected), (len(rows), len(expected))
            for got, want in zip(rows, expected):
                indicator, name, programme, township, month, value, num, den, unit, target, status = got
                assert [indicator, programme, township, month, unit] == [want[0], want[1], want[2], want[3], want[7]], (got, want)
                for cell, text in [(value, want[4]), (target, want[8])]:
                    if text == "":
                        assert cell is None, (got, want)
                    else:
                        number = Decimal(text) / (100 if unit == "%" else 1)
                        assert isinstance(cell, (int, float)) and abs(Decimal(str(cell)) - number) < Decimal("1e-9"), (got, want)
                assert (num, den) == (int(want[5]) if want[5] else None, int(want[6]) if want[6] else None), (got, want)
                assert (status or "") == want[9], (got, want)
                if unit == "%" and value is not None: assert ws.cell(row=2, column=6).number_format is not None
            assert ws.freeze_panes == "A2"
            assert len(list(wb["definitions"].iter_rows(min_row=2))) > 10
            print("ok", len(rows))
            """, in: {
                try? csv.stdout.write(to: dir.appendingPathComponent("expected.csv"), atomically: true, encoding: .utf8)
                return dir
            }())
        #expect(check.hasPrefix("ok \(expected.count)"), "\(check)")

        let list = try await Binary.run(["complaint", "list", "--db", "s.sqlite", "--format", "xlsx", "--out", "list.xlsx"], in: dir)
        #expect(list.status == 0, "\(list.output)")
        let listCSV = try await Binary.run(["complaint", "list", "--db", "s.sqlite", "--format", "csv"], in: dir)
        let ids = listCSV.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }
        let read = try await OfficeTools.python("""
            ws = openpyxl.load_workbook("list.xlsx").active
            print("\\n".join(str(r[0]) for r in ws.iter_rows(min_row=2, values_only=True)))
            """, in: dir)
        #expect(read.split(separator: "\n").map(String.init) == ids)
        let refused = try await Binary.run(["complaint", "list", "--db", "s.sqlite", "--format", "xlsx"], in: dir)
        #expect(refused.status != 0 && refused.stderr.contains("--out FILE.xlsx"))
    }
}
