import DemoData
import Foundation
import GRDB
import OfficeTools
import Testing

/// The month's data matching through the built binary (issue 29), on the hand-made district of
/// `MatchingDistrict`: lists in, findings out by rule, the lists gone, worksheets out and back
/// (through openpyxl and LibreOffice), and the guard refusing a worksheet placed in output/.
@Suite struct MatchingCommandTests {
    static func write(_ files: [String: String], into dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
    }

    static func query(_ db: URL, _ sql: String) throws -> [String] {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: db.path, configuration: config).read { try String.fetchAll($0, sql: sql) }
    }

    /// A folder with the district imported into d.sqlite and its lists in lists/.
    static func district() async throws -> URL {
        let dir = try Binary.temporaryDirectory()
        try write(MatchingDistrict.officeFiles, into: dir.appendingPathComponent("office"))
        try write(MatchingDistrict.lists, into: dir.appendingPathComponent("lists"))
        let imported = try await Binary.run(["import", "office", "--db", "d.sqlite"], in: dir)
        #expect(imported.status == 0, "\(imported.output)")
        #expect(imported.stdout.contains("members.csv             13 行"))
        return dir
    }

    @Test func listsInFindingsOutListsGone() async throws {
        let dir = try await Self.district()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("d.sqlite")

        let listed = try await Binary.run(["match", "import", "lists", "--batch", "2026-10-1", "--db", "d.sqlite"], in: dir)
        #expect(listed.status == 0, "\(listed.output)")
        #expect(listed.stdout.contains("死亡名单 死亡.csv：4 行"))
        #expect(listed.stdout.contains("车辆名单 车辆.csv：2 行"))
        #expect(listed.stdout.contains("社保名单 pensions.csv：3 行"))
        let held = try await Binary.run(["status", "--db", "d.sqlite"], in: dir)
        #expect(held.stdout.contains("部门比对名单：库中保留 15 行："), "\(held.stdout)")
        #expect(held.stdout.contains("2026-10-1 死亡（死亡.csv，4 行）：4 行待比对（gongkai match run --batch 2026-10-1）"))

        let run = try await Binary.run(["match", "run", "--batch", "2026-10-1", "--db", "d.sqlite"], in: dir)
        #expect(run.status == 0, "\(run.output)")
        #expect(run.stdout.contains("规则 death-before-month（卫健）：新增比对结果 1 条"))
        #expect(run.stdout.contains("防返贫监测名单中有 1 名户主不在数据库的任何家庭中"))
        #expect(run.stdout.contains("已删除本批次的部门名单（15 行），只保留比对结果。"))
        #expect(try Self.query(db, "SELECT household_id || ' ' || rule_id || ' ' || finding FROM data_match ORDER BY household_id, rule_id")
                == MatchingDistrict.expected.map { "\($0.household) \($0.rule) \($0.finding)" })
        #expect(try Self.query(db, "SELECT COUNT(*) FROM department_list_row") == ["0"])
        let after = try await Binary.run(["status", "--db", "d.sqlite"], in: dir)
        #expect(after.stdout.contains("部门比对名单：库中没有保留任何名单行（比对后均已删除）。"), "\(after.stdout)")

        // Idempotent: nothing left to read, nothing changed.
        let again = try await Binary.run(["match", "run", "--batch", "2026-10-1", "--db", "d.sqlite"], in: dir)
        #expect(again.status == 0 && again.stdout.contains("没有待比对的名单"), "\(again.output)")
        #expect(try Self.query(db, "SELECT COUNT(*) FROM data_match") == ["\(MatchingDistrict.expected.count)"])
    }

    @Test func wrongInputIsRefusedInChineseAndChangesNothing() async throws {
        let dir = try await Self.district()
        defer { try? FileManager.default.removeItem(at: dir) }
        let badBatch = try await Binary.run(["match", "import", "lists", "--batch", "2026-10", "--db", "d.sqlite"], in: dir)
        #expect(badBatch.status != 0)
        #expect(badBatch.stderr.contains("'2026-10' 不是比对批次：请写成 YYYY-MM-N"), "\(badBatch.stderr)")
        try Self.write(["车辆.csv": "身份证号,车辆类型,登记日期\n640402198001010011,小型轿车,2025-05-01\n"], into: dir.appendingPathComponent("bad"))
        let bad = try await Binary.run(["match", "import", "bad", "--batch", "2026-10-1", "--db", "d.sqlite"], in: dir)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("车辆.csv:2: 身份证号: 身份证号校验码错误"), "\(bad.stderr)")
        #expect(bad.stderr.contains("未导入任何名单（共 1 个问题）"))
        #expect(try Self.query(dir.appendingPathComponent("d.sqlite"), "SELECT COUNT(*) FROM department_list_file") == ["0"])
        // A wrong rules file is refused at its line.
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Binary.templates, toPath: templates.path)
        let rules = templates.appendingPathComponent("matching.toml")
        let text = try String(contentsOf: rules, encoding: .utf8).replacingOccurrences(of: "condition = \"listed\"", with: "condition = \"owns\"")
        try text.write(to: rules, atomically: true, encoding: .utf8)
        _ = try await Binary.run(["match", "import", "lists", "--batch", "2026-10-1", "--db", "d.sqlite"], in: dir)
        let run = try await Binary.run(["match", "run", "--batch", "2026-10-1", "--db", "d.sqlite", "--templates", templates.path], in: dir)
        #expect(run.status != 0)
        #expect(run.stderr.contains("matching.toml:") && run.stderr.contains("condition = 'owns' 不可用"), "\(run.stderr)")
        #expect(try Self.query(dir.appendingPathComponent("d.sqlite"), "SELECT COUNT(*) FROM data_match") == ["0"])
    }

    @Test func worksheetsGoOutAndComeBackAndNeverIntoOutput() async throws {
        let dir = try await Self.district()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("d.sqlite")
        #expect(try await Binary.run(["match", "import", "lists", "--batch", "2026-10-1", "--db", "d.sqlite"], in: dir).status == 0)
        #expect(try await Binary.run(["match", "run", "--batch", "2026-10-1", "--db", "d.sqlite"], in: dir).status == 0)

        let refused = try await Binary.run(["match", "sheets", "--batch", "2026-10-1", "--out", "output/核查", "--db", "d.sqlite"], in: dir)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("核查表和核查单是内部核查材料"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output").path))

        let sheets = try await Binary.run(["match", "sheets", "--batch", "2026-10-1", "--out", "核查", "--db", "d.sqlite"], in: dir)
        #expect(sheets.status == 0, "\(sheets.output)")
        // Three townships have findings (三营镇 640402101: two; 南关街道: one; 官厅镇: one); one 核查单 per finding.
        let files = FileSystemFixtures.files(in: dir.appendingPathComponent("核查")).keys.sorted()
        #expect(files.filter { $0.hasSuffix(".xlsx") }.count == 3, "\(files)")
        #expect(files.filter { $0.hasSuffix(".pdf") }.count == MatchingDistrict.expected.count, "\(files)")
        let sanying = dir.appendingPathComponent("核查/核查表-2026-10-1-640402101.xlsx")

        // A verifier fills the workbook in (openpyxl): a real Excel date in one row, a typed date in the other.
        let read = try await OfficeTools.python("""
            import datetime
            wb = openpyxl.load_workbook('\(sanying.path)')
            ws = wb['核查表']
            print([c.value for c in ws[1]])
            print(ws['J2'].value, '|', ws['J3'].value)
            ws['L2'] = '属实'; ws['M2'] = datetime.date(2026, 11, 20); ws['N2'] = '已停发李梅的保障金'
            ws['L3'] = '不属实'; ws['M3'] = '2026-11-21'
            wb.save('filled.xlsx')
            print(wb.sheetnames)
            """, in: dir)
        #expect(read.contains("['序号', '比对批次', '乡镇', '村', '户编号', '户主姓名', '涉及人员', '推送部门', '规则', '比对事项', '规则说明', '核查结果', '处理日期', '说明']"))
        #expect(read.contains("配偶李梅已于2026-09-20死亡，本月仍在发放 | 子女马小军为初中在校生，近 12 个月未享受教育救助"))
        #expect(read.contains("['核查表', '说明']"))
        let back = try await Binary.run(["match", "results", "filled.xlsx", "--db", "d.sqlite"], in: dir)
        #expect(back.status == 0, "\(back.output)")
        #expect(back.stdout.contains("已记录核查结果 2 条；未改动 0 条"), "\(back.stdout)")
        #expect(try Self.query(db, "SELECT rule_id || ' ' || result || ' ' || COALESCE(resolved_on, '') || ' ' || COALESCE(note, '') FROM data_match WHERE household_id = 'H1' ORDER BY rule_id")
                == ["death-before-month 属实 2026-11-20 已停发李梅的保障金", "student-without-education-aid 不属实 2026-11-21 "])
        let twice = try await Binary.run(["match", "results", "filled.xlsx", "--db", "d.sqlite"], in: dir)
        #expect(twice.stdout.contains("已记录核查结果 0 条；未改动 2 条"), "\(twice.stdout)")

        // Through LibreOffice: the worksheet saved as CSV reads back the same.
        let csv = try await OfficeTools.convert(dir.appendingPathComponent("filled.xlsx"), to: "csv")
        let viaCalc = try await Binary.run(["match", "results", csv.path, "--db", "d.sqlite"], in: dir)
        #expect(viaCalc.status == 0, "\(viaCalc.output)")
        #expect(viaCalc.stdout.contains("已记录核查结果 0 条；未改动 2 条"), "\(viaCalc.stdout)")

        // A wrong result is refused at its sheet, row and column, and nothing is recorded.
        _ = try await OfficeTools.python("""
            wb = openpyxl.load_workbook('filled.xlsx')
            ws = wb['核查表']
            ws['L2'] = '已核实'; ws['L3'] = '属实'; ws['M3'] = None
            wb.save('wrong.xlsx')
            """, in: dir)
        let wrong = try await Binary.run(["match", "results", "wrong.xlsx", "--db", "d.sqlite"], in: dir)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("wrong.xlsx!核查表:2: 核查结果: '已核实' 不在可用值之列：待核查、属实、不属实"), "\(wrong.stderr)")
        #expect(wrong.stderr.contains("wrong.xlsx!核查表:3: 处理日期: 核查结果为属实时须填写处理日期"))
        #expect(try Self.query(db, "SELECT result FROM data_match WHERE household_id = 'H1' ORDER BY rule_id") == ["属实", "不属实"])

        // Placed in a published release, the worksheet and a 核查单 are refused by the guard.
        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "d.sqlite"], in: dir)
        #expect(published.status == 0, "\(published.output)")
        let release = dir.appendingPathComponent("output/2026-10")
        try FileManager.default.copyItem(at: sanying, to: release.appendingPathComponent("核查表.xlsx"))
        let pdf = try #require(files.first { $0.hasSuffix(".pdf") })
        try FileManager.default.copyItem(at: dir.appendingPathComponent("核查").appendingPathComponent(pdf),
                                         to: release.appendingPathComponent("核查单.pdf"))
        let verified = try await Binary.run(["verify", "output/2026-10", "--db", "d.sqlite"], in: dir)
        #expect(verified.status == 1)
        #expect(verified.stderr.contains("核查表.xlsx：清单中没有列出的文件，而且是内部核查材料"), "\(verified.stderr)")
        #expect(verified.stderr.contains("核查单.pdf：清单中没有列出的文件，而且是内部核查材料"), "\(verified.stderr)")
        let later = try await Binary.run(["match", "sheets", "--batch", "2026-10-1", "--out", "output/2026-10/核查", "--db", "d.sqlite"], in: dir)
        #expect(later.status != 0)
    }

    /// The loop's figures against hand counts. The run is on 2026-11-02 (a Monday), so the findings are
    /// pushed in November and the report of January 2027 shows them. The 30th working day after
    /// 2026-11-02 is 2026-12-14 (November 3–30: 20 working days; December 1–4: 4; 7–11: 5; 14: the 30th;
    /// no holiday falls in between).
    ///   death (H1, 低保)    属实   2026-11-20  within 30 working days (and 30 days)
    ///   student (H1, 教育)  不属实 2026-11-21  within both
    ///   pension (H2, 低保)  属实   2026-12-15  the 31st working day: not within
    ///   vehicle (H3, 特困)  属实   2026-12-14  the 30th working day: within (42 calendar days: not within 30 days)
    ///   monitoring (H6)     待核查
    /// → 30 working days: 3 of 5 = 60.0%; 30 days (the older indicator, December's report): 2 of 5 = 40.0%.
    /// Followed up, of the 3 confirmed with a programme: H1's 低保 stops from 2026-12 (停发), H2's 低保 is
    /// paid 1,200.00 in November and 900.00 in December (金额调整), H3's 特困 goes on unchanged → 2 of 3 = 66.7%.
    @Test func theLoopsFiguresAgainstHandCounts() async throws {
        let dir = try await Self.district()
        defer { try? FileManager.default.removeItem(at: dir) }
        let at = ["GONGKAI_NOW": "2026-11-02T09:00:00+08:00"]
        #expect(try await Binary.run(["match", "import", "lists", "--batch", "2026-10-1", "--db", "d.sqlite"], in: dir, environment: at).status == 0)
        #expect(try await Binary.run(["match", "run", "--batch", "2026-10-1", "--db", "d.sqlite"], in: dir, environment: at).status == 0)
        try Self.write([
            "results.csv": """
            比对批次,户编号,比对事项,核查结果,处理日期
            2026-10-1,H1,配偶李梅已于2026-09-20死亡，本月仍在发放,属实,2026-11-20
            2026-10-1,H1,子女马小军为初中在校生，近 12 个月未享受教育救助,不属实,2026-11-21
            2026-10-1,H2,户主李秀兰领取城镇职工基本养老保险，月待遇 2500.00 元,属实,2026-12-15
            2026-10-1,H3,户主王芳名下有小型轿车（2025-05-01登记）,属实,2026-12-14
            """,
        ], into: dir.appendingPathComponent("back"))
        let back = try await Binary.run(["match", "results", "back/results.csv", "--db", "d.sqlite"], in: dir)
        #expect(back.stdout.contains("已记录核查结果 4 条"), "\(back.output)")
        try Self.write([
            "enrolments.csv": """
            户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
            H1,dibao,一类,3,1635.00,按月,2026-02-01,2026-02-20,2026-03,2026-12,核查不符,
            """,
            "payments.csv": """
            户编号,救助项目,所属月份,金额,发放日期
            H2,dibao,2026-11,1200.00,2026-11-15
            H2,dibao,2026-12,900.00,2026-12-15
            H3,tekun,2026-11,980.00,2026-11-15
            H3,tekun,2026-12,980.00,2026-12-15
            H2,dibao,2027-01,900.00,2027-01-15
            H3,tekun,2027-01,980.00,2027-01-15
            """,
        ], into: dir.appendingPathComponent("later"))
        let later = try await Binary.run(["import", "later", "--db", "d.sqlite"], in: dir)
        #expect(later.status == 0, "\(later.output)")

        func figure(_ month: String, _ id: String) async throws -> String? {
            let out = try await Binary.run(["indicators", "--month", month, "--format", "csv", "--db", "d.sqlite"], in: dir)
            let header = out.stdout.split(separator: "\n").first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
            guard let idColumn = header.firstIndex(of: "indicator"), let valueColumn = header.firstIndex(of: "value"),
                  let townshipColumn = header.firstIndex(of: "township") else { return "no header: \(out.output)" }
            return out.stdout.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
                .first { $0.count > valueColumn && $0[idColumn] == id && $0[townshipColumn] == "all" }?[valueColumn]
        }
        // indicators.csv carries the unrounded value.
        #expect(try await figure("2027-01", "matches_verified_30wd_rate") == "60")
        #expect(try await figure("2027-01", "matches_followed_up_rate") == "66.6667")
        #expect(try await figure("2026-12", "matches_verified_30d_rate") == "40")

        // The report's loop table: counts by department and rule, small ones suppressed (threshold 3).
        // Publishing January 2027 needs a 2027 holiday calendar, which the repository does not ship yet:
        // this test's own templates have a stand-in (元旦 only), enough for a month of no complaints.
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Binary.templates, toPath: templates.path)
        let calendar2027 = templates.appendingPathComponent("calendar/2027.toml")
        if !FileManager.default.fileExists(atPath: calendar2027.path) {
            try Data("year = 2027\nadjusted_working_days = []\n\n[[holiday]]\nname = \"元旦\"\nfirst = 2027-01-01\nlast = 2027-01-03\n".utf8)
                .write(to: calendar2027)
        }
        let published = try await Binary.run(["publish", "--month", "2027-01", "--db", "d.sqlite"], in: dir,
                                             environment: ["GONGKAI_NOW": "2027-02-05T09:30:00+08:00", "GONGKAI_TEMPLATES": templates.path])
        #expect(published.status == 0, "\(published.output)")
        let html = try String(contentsOf: dir.appendingPathComponent("output/2027-01/evaluation.html"), encoding: .utf8)
        // The page's text, tags taken out and spaces collapsed.
        let text = html.replacingOccurrences(of: "<[^>]+>", with: " ", options: .regularExpression)
            .replacingOccurrences(of: "\\s+", with: " ", options: .regularExpression)
        // Each rule raised one finding: 1 < 3, so each rule's pushed count is "*"; the totals 5 pushed,
        // 3 verified within 30 working days and 3 属实 are published; one 停发 and one 金额调整 are "*",
        // and so is every count of one in the rules' rows. Zeros are published.
        #expect(text.contains("比对疑点核查闭环（ 2026年11月 推送，按部门和规则）"), "\(text)")
        #expect(text.contains("车管 tekun-vehicle * * * 0 0"))
        #expect(text.contains("卫健 death-before-month * * * * 0"))
        #expect(text.contains("农业农村 monitoring-unassisted * 0 0 0 0"))
        #expect(text.contains("合计 5 3 3 * *"))
        #expect(text.contains("疑点 30个工作日 核查率（%） 60.0") && text.contains("属实疑点处理率（%） 66.7"))
    }
}
