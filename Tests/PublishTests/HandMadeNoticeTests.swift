import Foundation
import Document
import GongkaiCore
import HTML
import Indicators
import Store
import Testing
@testable import Publish

/// Programme notices for 2026-10 from a district of seven households written by hand, with the lists,
/// subtotals, totals and changes worked out by hand in the comments, on both channels.
@Suite struct HandMadeNoticeTests {
    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("templates").path
    static let month = YearMonth(year: 2026, month: 10)!

    static func id(_ n: Int) -> String {
        let body = "64040219750505" + String(format: "%03d", n)
        return body + String(IDNumber.checkCharacter(for: Array(body.utf8)))
    }

    static let files: [String: String] = [
        // 六盘山镇 is outside the official list; 开城镇 has only a 临时救助 recipient.
        "households.csv": """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        A1,三营镇,三营村,马建国,\(id(1)),,3,农村
        A2,三营镇,金轮村,李秀兰,\(id(2)),,1,农村
        A3,三营镇,三营村,阿依古丽·买买提,\(id(3)),,2,农村
        A4,南关街道,西城社区,王芳,\(id(4)),,2,城市
        A5,南关街道,南关社区,张𠮷祥,\(id(5)),,4,城市
        A6,六盘山镇,新村,马,\(id(6)),,1,农村
        A7,开城镇,和泉村,田小明,\(id(7)),,2,农村
        """,
        // 低保 in October: A1, A2 (新增), A4, A5, A6; A3 stops at October (停发). 临时救助: A1 and A7.
        "enrolments.csv": """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        A1,dibao,一类,3,1635.00,按月,2026-02-01,2026-02-20,2026-03,,,
        A2,dibao,三类,1,300.00,按月,2026-09-01,2026-09-25,2026-10,,,
        A3,dibao,二类,2,840.00,按月,2025-05-01,2025-05-20,2025-06,2026-10,死亡,
        A4,dibao,二类,2,1200.00,按月,2025-12-01,2025-12-20,2026-01,,,
        A5,dibao,一类,4,3240.00,按月,2025-11-01,2025-11-20,2025-12,,,
        A6,dibao,三类,1,300.00,按月,2026-07-01,2026-07-20,2026-08,,,
        A1,临时救助,支出型,2,1500.50,一次性,2026-10-02,2026-10-08,2026-10,,,因病
        A7,临时救助,急难型,2,"1,000.00",一次性,2026-10-12,2026-10-13,2026-10,,,意外
        """,
        // A4 is paid 1,350.00 in October after 1,200.00 in September (金额调整); the others the same or once.
        "payments.csv": """
        户编号,救助项目,所属月份,金额,发放日期
        A1,dibao,2026-09,1635.00,2026-09-15
        A1,dibao,2026-10,1635.00,2026-10-15
        A2,dibao,2026-10,300.00,2026-10-15
        A3,dibao,2026-09,840.00,2026-09-15
        A4,dibao,2026-09,1200.00,2026-09-15
        A4,dibao,2026-10,1350.00,2026-10-15
        A5,dibao,2026-09,3240.00,2026-09-15
        A5,dibao,2026-10,3240.00,2026-10-15
        A6,dibao,2026-09,300.00,2026-09-15
        A6,dibao,2026-10,300.00,2026-10-15
        A1,临时救助,2026-10,1500.50,2026-10-09
        A7,临时救助,2026-10,1000.00,2026-10-14
        """,
    ]

    struct District {
        let store: StoreDatabase
        let office: OfficeSettings
        let townships: [String]
    }

    static let district: Result<District, any Error> = Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-handmade-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files { try Data(text.utf8).write(to: dir.appendingPathComponent(name)) }
        let store = try StoreDatabase()
        let schedule = try ComplaintSchedule.load(templates: templates)
            .addingTownship(Townships.Township(code: "640402999", name: "六盘山镇"))  // added by this office
        _ = try Importer(store: store, clock: .fixed(Date(timeIntervalSince1970: 1_793_577_600)), schedule: schedule,
                         identity: try CallerIdentityCipher(secret: Data(repeating: 7, count: 32)))
            .run(paths: [dir.path])
        let engine = try IndicatorEngine(store: store, catalog: try IndicatorCatalog.load(templates: templates, store: store),
                                         calendar: schedule.calendar)
        return District(store: store, office: try OfficeSettings.load(templates: templates), townships: engine.townships)
    }

    static func notice(_ programme: Programme, _ channel: Channel, printFullNames: Bool = true,
                       township: String? = nil) throws -> Document {
        let d = try district.get()
        var office = d.office
        office.printFullNames = printFullNames
        let data = try PublicView(channel: channel, office: office, townshipOrder: d.townships)
            .programmeMonth(programme, month: month, store: d.store)
        return try ProgrammeNotice(data: data, office: office, publicationDate: CivilDate(year: 2026, month: 11, day: 5)!,
                                   calendar: try WorkCalendar.load(templates: templates), township: township).document()
    }

    /// The table's rows as their non-empty texts, so a label spanning empty cells reads the same.
    static func rows(_ doc: Document, _ name: String) throws -> [[String]] {
        let table = try #require(doc.blocks.lazy.compactMap { if case .table(let t) = $0, t.name == name { t } else { nil } }.first)
        return table.rows.map { row in
            [row.kind == .body ? "" : row.kind.rawValue].filter { !$0.isEmpty } + row.cells.map(\.text).filter { !$0.isEmpty }
        }
    }

    static func paragraphs(_ doc: Document) -> [String] {
        doc.blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }
    }

    @Test func townshipsInOfficialOrderThenOutsideTheList() throws {
        #expect(try Self.district.get().townships == ["南关街道", "三营镇", "开城镇", "六盘山镇"])
    }

    @Test func dibaoListSubtotalsAndDistrictTotal() throws {
        let doc = try Self.notice(.dibao, .web)
        #expect(doc.metadata.title == "原州区2026年10月城乡最低生活保障对象公布")
        // 南关街道: 3,240.00 + 1,200.00 = 4,440.00 for 4 + 2 = 6 persons; 三营镇: 1,635.00 + 300.00 = 1,935.00
        // for 3 + 1 = 4; 六盘山镇: 300.00 for 1. District: 5 households, 11 persons, 6,675.00.
        #expect(try Self.rows(doc, "notice") == [
            ["group", "南关街道"],
            ["1", "南关街道", "南关社区", "张*祥", "4", "一类", "3,240.00"],
            ["2", "南关街道", "西城社区", "王*", "2", "二类", "1,200.00"],
            ["subtotal", "南关街道小计", "2户", "6", "4,440.00"],
            ["group", "三营镇"],
            ["3", "三营镇", "三营村", "马*国", "3", "一类", "1,635.00"],
            ["4", "三营镇", "金轮村", "李*兰", "1", "三类", "300.00"],
            ["subtotal", "三营镇小计", "2户", "4", "1,935.00"],
            ["group", "六盘山镇"],
            ["5", "六盘山镇", "新村", "*", "1", "三类", "300.00"],
            ["subtotal", "六盘山镇小计", "1户", "1", "300.00"],
            ["total", "全区合计", "5户", "11", "6,675.00"],
        ])
        #expect(Self.paragraphs(doc).first?.contains("本月共有5户、11人享受城乡最低生活保障，发放金额6,675.00元。") == true)
    }

    @Test func dibaoChangesOfTheMonth() throws {
        let doc = try Self.notice(.dibao, .web)
        // 新增: A2 starts in October. 停发: A3's first unpaid month is October. 金额调整: A4, 1,200.00 → 1,350.00.
        #expect(try Self.rows(doc, "started") == [["1", "三营镇", "金轮村", "李*兰", "1", "300.00"]])
        #expect(try Self.rows(doc, "stopped") == [["1", "三营镇", "三营村", "阿***·**提", "2"]])
        #expect(try Self.rows(doc, "adjusted") == [["1", "南关街道", "西城社区", "王*", "2", "1,200.00", "1,350.00"]])
    }

    @Test func oneTownshipsNoticeTotalsThatTownshipOnly() throws {
        let doc = try Self.notice(.dibao, .web, township: "三营镇")
        #expect(doc.metadata.title == "原州区2026年10月城乡最低生活保障对象公布（三营镇）")
        #expect(try Self.rows(doc, "notice") == [
            ["group", "三营镇"],
            ["1", "三营镇", "三营村", "马*国", "3", "一类", "1,635.00"],
            ["2", "三营镇", "金轮村", "李*兰", "1", "三类", "300.00"],
            ["subtotal", "三营镇小计", "2户", "4", "1,935.00"],
            ["total", "合计", "2户", "4", "1,935.00"],
        ])
        #expect(Self.paragraphs(doc).first?.contains("本月共有2户、4人") == true)
        #expect(try Self.rows(doc, "started").count == 1 && Self.rows(doc, "stopped").count == 1)
        #expect(Self.paragraphs(doc).contains("本月无金额调整。"))
    }

    @Test func temporaryAssistanceShowsTheReasonAndNoChanges() throws {
        let doc = try Self.notice(.temporary, .web)
        // Two one-off grants in October: 1,500.50 + 1,000.00 = 2,500.50 for 2 + 2 = 4 persons.
        #expect(try Self.rows(doc, "notice") == [
            ["group", "三营镇"],
            ["1", "三营镇", "三营村", "马*国", "2", "因病", "1,500.50"],
            ["subtotal", "三营镇小计", "1户", "2", "1,500.50"],
            ["group", "开城镇"],
            ["2", "开城镇", "和泉村", "田*明", "2", "意外", "1,000.00"],
            ["subtotal", "开城镇小计", "1户", "2", "1,000.00"],
            ["total", "全区合计", "2户", "4", "2,500.50"],
        ])
        #expect(!doc.blocks.contains(.heading(Heading(level: 1, text: "本月变动情况"))))
    }

    @Test func printChannelShowsFullNamesOnlyWhenTheOfficeAllowsIt() throws {
        func names(_ doc: Document) throws -> [String] {
            try Self.rows(doc, "notice").filter { $0.count == 7 }.map { $0[3] } + Self.rows(doc, "stopped").map { $0[3] }
        }
        // templates/office.toml sets print_full_names = true: village boards show the names in full.
        #expect(try names(Self.notice(.dibao, .print)) == ["张𠮷祥", "王芳", "马建国", "李秀兰", "马", "阿依古丽·买买提"])
        let masked = ["张*祥", "王*", "马*国", "李*兰", "*", "阿***·**提"]
        #expect(try names(Self.notice(.dibao, .print, printFullNames: false)) == masked)
        #expect(try names(Self.notice(.dibao, .web, printFullNames: true)) == masked)

        // The web page carries the masked names and none of the full ones.
        let html = try HTMLRenderer(templatesDirectory: Self.templates + "/html").render(Self.notice(.dibao, .web))
        for name in ["张𠮷祥", "王芳", "马建国", "李秀兰", "阿依古丽·买买提"] { #expect(!html.contains(name), "\(name)") }
        #expect(html.contains("马*国") && html.contains("阿***·**提"))
    }
}

extension ComplaintSchedule {
    /// The schedule of an office whose templates/townships.toml lists one more township.
    func addingTownship(_ township: Townships.Township) -> ComplaintSchedule {
        ComplaintSchedule(settings: settings, calendar: calendar, townships: Townships(
            districtCode: townships.districtCode, districtName: townships.districtName, all: townships.all + [township]))
    }
}
