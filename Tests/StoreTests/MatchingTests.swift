import DemoData
import Foundation
import GongkaiCore
import StoreTestSupport
import Testing
@testable import Store

/// Data matching by gongkai (issue 29) on the hand-made district of `MatchingDistrict`: the shipped
/// rules of templates/matching.toml fire exactly where its comments say, the lists are gone after the
/// run, a run is idempotent, and every refusal is located — on SQLite and on PostgreSQL alike.
@Suite struct MatchingTests {
    static let batch = try! MatchBatch(parsing: MatchingDistrict.batch)
    /// 2026-11-02 09:00 Beijing time: the run's day.
    static let clock = Clock.fixed(Date(timeIntervalSince1970: 1_793_581_200))

    /// A store holding the district's office files, and a folder of its lists (removed by the caller).
    static func district(_ backend: TestBackend) async throws -> (store: StoreDatabase, lists: URL) {
        let store = try await backend.store()
        try OfficeSeed.load(MatchingDistrict.officeFiles, into: store, backend: backend)
        return (store, try Fixtures.folder(MatchingDistrict.lists))
    }

    static func importLists(_ paths: [String], into store: StoreDatabase, batch: MatchBatch = batch) throws -> DepartmentListSummary {
        try DepartmentListImporter(store: store, clock: clock).run(paths: paths, batch: batch)
    }

    static func run(_ store: StoreDatabase, settings: MatchingSettings = .standard, clock: Clock = clock) throws -> MatchRunSummary {
        try MatchingRun(store: store, clock: clock, rules: try MatchingRules.load(templates: Fixtures.templates), settings: settings)
            .run(batch: batch)
    }

    static func findings(_ store: StoreDatabase) throws -> [String] {
        try store.session(readOnly: true) {
            try $0.column("""
                SELECT household_id || ' ' || rule_id || ' ' || finding || ' ' || result FROM data_match
                WHERE batch = ? ORDER BY household_id, rule_id
                """, batch.description)
        }
    }

    static func count(_ store: StoreDatabase, _ sql: String) throws -> Int {
        try store.session(readOnly: true) { try $0.value(sql) ?? -1 }
    }

    @Test(arguments: TestBackend.allCases) func eachRuleFiresExactlyWhereTheHandMadeDistrictSays(_ backend: TestBackend) async throws {
        let (store, lists) = try await Self.district(backend)
        defer { try? FileManager.default.removeItem(at: lists) }
        let imported = try Self.importLists([lists.path], into: store)
        #expect(imported.files.reduce(0) { $0 + $1.rows } == MatchingDistrict.listRows)
        #expect(Set(imported.files.map(\.list)) == [.deaths, .pensions, .vehicles, .students, .monitoring])

        let summary = try Self.run(store)
        #expect(try Self.findings(store) == MatchingDistrict.expected.map { "\($0.household) \($0.rule) \($0.finding) 待核查" })
        // The head of monitoring.csv's third row heads no household of the store.
        #expect(summary.unknownMonitoredHeads == 1)
        #expect(summary.rules.first { $0.rule == "death-before-month" }?.written == 1)
        // Findings carry the person, the programme and the severity a verifier needs, and the run's day.
        let death = try store.session(readOnly: true) { try $0.row("SELECT * FROM data_match WHERE rule_id = 'death-before-month'") }
        #expect(death?["person_name"] == .text("李梅"))
        #expect(death?["department"] == .text("卫健"))
        #expect(death?["programme"] == .text("dibao"))
        #expect(death?["severity"] == .text("高"))
        #expect(death?["pushed_on"] == .text("2026-11-02"))
    }

    @Test(arguments: TestBackend.allCases) func theListsAreGoneFromTheStoreAfterTheRun(_ backend: TestBackend) async throws {
        let (store, lists) = try await Self.district(backend)
        defer { try? FileManager.default.removeItem(at: lists) }
        _ = try Self.importLists([lists.path], into: store)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM department_list_row") == MatchingDistrict.listRows)
        let summary = try Self.run(store)
        #expect(summary.rowsDeleted == MatchingDistrict.listRows)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM department_list_row") == 0)
        // What remains of each list is its file's name, digest and row count: no person.
        #expect(try Self.count(store, "SELECT COUNT(*) FROM department_list_file WHERE deleted_at IS NOT NULL") == 5)
        let held = try DepartmentListHoldings.read(from: store)
        #expect(held.rowsHeld == 0)
        #expect(held.lists.count == 5)
    }

    @Test(arguments: TestBackend.allCases) func aSecondRunAddsNothingAndNeverTouchesAVerifiersResult(_ backend: TestBackend) async throws {
        let (store, lists) = try await Self.district(backend)
        defer { try? FileManager.default.removeItem(at: lists) }
        _ = try Self.importLists([lists.path], into: store)
        _ = try Self.run(store)
        try store.session(readOnly: false) { try $0.execute("UPDATE data_match SET result = '属实', resolved_on = '2026-11-10', resolved_day = 20767 WHERE rule_id = 'tekun-vehicle'") }
        // The lists are gone: a second run has nothing to read and changes nothing.
        let empty = try Self.run(store)
        #expect(empty.rowsRead.isEmpty)
        // The same lists pushed again: every finding is already there.
        _ = try Self.importLists([lists.path], into: store)
        let again = try Self.run(store)
        #expect(again.rules.reduce(0) { $0 + $1.written } == 0)
        #expect(again.rules.reduce(0) { $0 + $1.alreadyThere } == MatchingDistrict.expected.count)
        #expect(try Self.findings(store).filter { $0.hasSuffix("属实") } == ["H3 tekun-vehicle 户主王芳名下有小型轿车（2025-05-01登记） 属实"])
        #expect(try Self.count(store, "SELECT COUNT(*) FROM data_match") == MatchingDistrict.expected.count)
    }

    @Test(arguments: TestBackend.allCases) func listsKeptByOfficeSettingsAreSealedUntilTheirDayThenDeleted(_ backend: TestBackend) async throws {
        let (store, lists) = try await Self.district(backend)
        defer { try? FileManager.default.removeItem(at: lists) }
        _ = try Self.importLists([lists.path], into: store)
        let summary = try Self.run(store, settings: MatchingSettings(keepListsDays: 30))
        #expect(summary.keptUntil?.description == "2026-12-02")
        #expect(try Self.count(store, "SELECT COUNT(*) FROM department_list_row") == MatchingDistrict.listRows)
        #expect(try DepartmentListHoldings.read(from: store).rowsHeld == MatchingDistrict.listRows)
        // The first import or run after 2026-12-02 deletes them.
        let later = Clock.fixed(Date(timeIntervalSince1970: 1_793_581_200 + 31 * 86_400))
        let other = try MatchBatch(parsing: "2026-12-1")
        let empty = try Fixtures.folder(["deaths.csv": "身份证号,姓名,死亡日期\n"])
        defer { try? FileManager.default.removeItem(at: empty) }
        _ = try DepartmentListImporter(store: store, clock: later).run(paths: [empty.path], batch: other)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM department_list_row") == 0)
    }

    @Test(arguments: TestBackend.allCases) func bothSpellingsOfAnIDNumberAreOnePerson(_ backend: TestBackend) async throws {
        // members.csv writes 马小军's number with a lower-case x, the students' list with full-width
        // digits; households.csv writes 王芳's with X, the vehicles' list with a lower-case x.
        #expect(MatchingDistrict.maXiaojun.hasSuffix("X") && MatchingDistrict.wangFang.hasSuffix("X"))
        let (store, lists) = try await Self.district(backend)
        defer { try? FileManager.default.removeItem(at: lists) }
        #expect(try store.session(readOnly: true) { try $0.value("SELECT id_number FROM household_member WHERE name = '马小军'") }
                == MatchingDistrict.maXiaojun)
        _ = try Self.importLists([lists.path], into: store)
        let stored: [String] = try store.session(readOnly: true) {
            try $0.column("SELECT id_number FROM department_list_row WHERE list IN ('students', 'vehicles', 'deaths') ORDER BY line")
        }
        #expect(stored.contains(MatchingDistrict.maXiaojun) && stored.contains(MatchingDistrict.wangFang)
                && stored.contains(MatchingDistrict.liMei))
    }

    @Test(arguments: TestBackend.allCases) func aWrongListIsRefusedAtItsPlaceAndNothingIsImported(_ backend: TestBackend) async throws {
        let (store, lists) = try await Self.district(backend)
        defer { try? FileManager.default.removeItem(at: lists) }
        let wrongCheck = String(MatchingDistrict.liMei.dropLast()) + (MatchingDistrict.liMei.hasSuffix("1") ? "2" : "1")
        let bad = try Fixtures.folder([
            "死亡.csv": "身份证号,姓名,死亡日期\n\(wrongCheck),李梅,2026-09-20\n\(MatchingDistrict.wangQiang),王强,2026-02-30\n4.10182E+17,赵某,2026-09-01\n",
            "vehicles.csv": "身份证号,登记日期\n4.10182E+17,2025-05-01\n",
            "社保.csv": "身份证号,险种,起始月份\n\(MatchingDistrict.liXiulan),城镇职工基本养老保险,2020-04\n",
            "在校生.csv": "身份证号,学校,学段,学年\n\(MatchingDistrict.maXiaojun),\(String(repeating: "校", count: 101)),大班,2026-2028\n",
        ])
        defer { try? FileManager.default.removeItem(at: bad) }
        do {
            _ = try Self.importLists([bad.path], into: store)
            Issue.record("a wrong list was imported")
        } catch let refusal as InputErrors {
            let lines = refusal.errors.map(\.description)
            #expect(lines.contains { $0.hasPrefix("死亡.csv:2: 身份证号: 身份证号校验码错误") })
            #expect(lines.contains("死亡.csv:3: 死亡日期: '2026-02-30' 不是真实存在的日期"))
            #expect(lines.contains("死亡.csv:4: 身份证号: '4.10182E+17' 是被 Excel 四舍五入的数字，身份证号已经丢失：请在源系统中把该列设为文本后重新导出"))
            #expect(lines.contains("vehicles.csv:1: 车辆类型: 缺少必需的列（列名为 '车辆类型' 或 'vehicle_type'）"))
            #expect(lines.contains("社保.csv:2: 月待遇: 月待遇和缴费基数须至少填写一项"))
            #expect(lines.contains("在校生.csv:2: 学校: 过长（101 字，最多 100 字）"))
            #expect(lines.contains("在校生.csv:2: 学段: '大班' 不在可用值之列：学前、小学、初中、高中、中职、高职、本科、研究生"))
            #expect(lines.contains("在校生.csv:2: 学年: '2026-2028' 不是学年（请写成 2026-2027 或 2026）"))
        }
        #expect(try Self.count(store, "SELECT COUNT(*) FROM department_list_row") == 0)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM department_list_file") == 0)
    }

    @Test(arguments: TestBackend.allCases) func aPersonListedTwiceIsOneFinding(_ backend: TestBackend) async throws {
        let (store, lists) = try await Self.district(backend)
        defer { try? FileManager.default.removeItem(at: lists) }
        // 王芳 has two cars: one finding per wording, and the second row is not "already there".
        let cars = try Fixtures.folder(["车辆.csv": "身份证号,车辆类型,登记日期\n\(MatchingDistrict.wangFang),小型轿车,2025-05-01\n\(MatchingDistrict.wangFang),小型轿车,2025-05-01\n"])
        defer { try? FileManager.default.removeItem(at: cars) }
        _ = try Self.importLists([cars.path], into: store)
        let summary = try Self.run(store)
        let vehicle = summary.rules.first { $0.rule == "tekun-vehicle" }
        #expect(vehicle?.written == 1 && vehicle?.alreadyThere == 0)
        #expect(try Self.count(store, "SELECT COUNT(*) FROM data_match") == 1)
    }

    @Test func aBatchIsAMonthAndANumber() throws {
        let batch = try MatchBatch(parsing: "２０２６－１０－２")
        #expect(batch.description == "2026-10-2" && batch.month.description == "2026-10" && batch.number == 2)
        for text in ["2026-10", "2026-13-1", "2026-10-0", "2026-10-100", "26-10-1", "2026-10-1a", "1948-10-1"] {
            #expect(throws: InputError.self, "\(text)") { try MatchBatch(parsing: text) }
        }
    }

    @Test func theRunCountsAgeOnTheMonthsFirstDay() {
        let born = CivilDate(year: 2008, month: 10, day: 2)!
        #expect(MatchingRun.age(born: born, on: CivilDate(year: 2026, month: 10, day: 1)!) == 17)
        #expect(MatchingRun.age(born: born, on: CivilDate(year: 2026, month: 10, day: 2)!) == 18)
    }
}

/// templates/matching.toml is data the office edits: a mistake is refused at its line, in Chinese.
@Suite struct MatchingRulesFileTests {
    static let good = """
        [[rule]]
        id = "r1"
        list = "车辆"
        recipients = ["特困"]
        condition = "listed"
        finding = "{姓名}名下有{类型}"
        explanation = "说明"
        programme = "tekun"
        severity = "中"
        """

    func refusal(_ text: String) -> String? {
        do { _ = try MatchingRules.parse(text, file: "matching.toml"); return nil } catch { return error.description }
    }

    @Test func theShippedRulesLoad() throws {
        let rules = try MatchingRules.load(templates: Fixtures.templates)
        #expect(rules.rules.map(\.id).prefix(5) == ["death-before-month", "dibao-pension-above", "tekun-vehicle",
                                                    "student-without-education-aid", "monitoring-unassisted"])
        #expect(rules.rule("tekun-vehicle")?.department == "车管")
        #expect(rules.rule("dibao-pension-above")?.moreThan == 200_000)
    }

    @Test func aGoodRuleDefaultsItsDepartmentAndBasis() throws {
        let rule = try MatchingRules.parse(Self.good, file: "matching.toml").rules.first
        #expect(rule?.department == "车管" && rule?.basis == .enrolled && rule?.recipients == [.tekun])
    }

    @Test func mistakesAreRefusedAtTheirLine() {
        #expect(refusal(Self.good.replacingOccurrences(of: "\"listed\"", with: "\"owns\""))
                == "matching.toml:5: condition = 'owns' 不可用：应为 died_before_month、listed、amount_above、without_programme、household_unassisted")
        #expect(refusal(Self.good.replacingOccurrences(of: "{类型}", with: "{车牌}"))
                == "matching.toml:6: finding 中的 {车牌} 不是可用的占位符（可用：{姓名}、{关系}、{日期}、{类型}、{金额}、{学段}）")
        #expect(refusal(Self.good.replacingOccurrences(of: "\"车辆\"", with: "\"户籍\""))?.hasPrefix("matching.toml:3: list = '户籍' 不可用") == true)
        #expect(refusal(Self.good.replacingOccurrences(of: "\"中\"", with: "\"严重\"")) == "matching.toml:9: severity = '严重' 不可用：应为 高、中、低")
        #expect(refusal(Self.good + "\n" + Self.good) == "matching.toml:11: 规则编号 'r1' 与第 2 行的规则重复")
        #expect(refusal(Self.good.replacingOccurrences(of: "\"listed\"", with: "\"amount_above\""))
                == "matching.toml:1: condition = \"amount_above\" 的规则须有 more_than（如 more_than = \"2000.00\"）")
        #expect(refusal("") == "matching.toml:1: 没有比对规则：每条规则写成一个 [[rule]] 表")
    }
}
