import Desk
import Document
import Foundation
import GongkaiCore
import HTML
import Indicators
import PDF
import Publish
import Store
import Testing
import Typeset

private let templates = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("templates").path

/// A month of complaints recorded through the real desk in an in-memory store, so the notice is
/// built from `ComplaintView`s exactly as the CLI would read them.
private struct Month {
    let desk: ComplaintDesk
    let month = YearMonth(year: 2026, month: 10)!

    init() throws {
        desk = ComplaintDesk(store: try StoreDatabase(), schedule: try ComplaintSchedule.load(templates: templates),
                             clock: .fixed(ChinaTime.parseMinute("2026-11-02 09:00")!))
    }

    private func at(_ minute: String) -> ComplaintDesk {
        ComplaintDesk(store: desk.store, schedule: desk.schedule, clock: .fixed(ChinaTime.parseMinute(minute)!),
                      identity: try? CallerIdentityCipher(secret: Data(repeating: 7, count: 32)))
    }

    /// `count` complaints of one type and category, each with a caller who must never be published.
    @discardableResult
    func add(_ count: Int, day: Int, _ type: String, _ category: String, programme: String? = nil,
             anonymous: Bool = false) throws -> [String] {
        var random = SystemRandomNumberGenerator()
        return try (1...count).map { n in
            let minute = "2026-10-\(String(format: "%02d", day)) \(String(format: "%02d", 8 + n)):00"
            let intake = ComplaintIntake(receivedAt: minute, channel: "监督电话", type: type, category: category,
                                         programme: programme, township: "三营镇", summary: "摘要不公开\(category)\(n)",
                                         callerName: anonymous ? nil : "王小二", callerPhone: anonymous ? nil : "13909541234",
                                         anonymous: anonymous)
            return try at(minute).add(intake, by: .system, issuePIN: false, source: "test", random: &random).id
        }
    }

    func conclude(_ id: String, rating: String?) throws {
        try at("2026-10-20 09:00").perform(.accept, on: id, by: .system)
        try at("2026-10-21 09:00").perform(.reply, on: id, by: .system)
        if let rating { try at("2026-10-22 09:00").perform(.callback, on: id, by: .system, details: .init(rating: rating)) }
        try at("2026-10-23 09:00").perform(.close, on: id, by: .system)
    }

    /// The month's disclosure decided as a publication decides it, from the real indicators.
    func disclosure() throws -> Disclosure {
        let catalog = try IndicatorCatalog.load(templates: templates, store: desk.store)
        let engine = try IndicatorEngine(store: desk.store, catalog: catalog, calendar: try WorkCalendar.load(templates: templates))
        return try #require(Disclosure.disclose(
            [try engine.compute(month)], complaints: try desk.list(.init()), catalog: catalog, townships: engine.townships,
            office: try OfficeSettings.load(templates: templates), withheldBefore: [])).current
    }

    func notice() throws -> Document {
        ComplaintNotice.document(ComplaintNoticeInputs(
            month: month, publicationDate: CivilDate(year: 2026, month: 11, day: 5)!,
            office: try OfficeSettings.load(templates: templates), limits: desk.schedule.settings,
            disclosure: try disclosure(), statistics: try desk.statistics(month: month)))
    }
}

private func table(_ document: Document, _ name: String) -> [[String]] {
    for case .table(let t) in document.blocks where t.name == name { return t.rows.map { $0.cells.map(\.text) } }
    return []
}

private func figures(_ document: Document) -> [KeyFigure] {
    for case .keyFigures(let k) in document.blocks { return k.items }
    return []
}

private func notes(_ document: Document) -> [String] {
    var out: [String] = []
    for case .note(let n) in document.blocks { out.append(n.label + n.text) }
    return out
}

@Suite struct ComplaintNoticeTests {
    /// October 2026 at threshold 3. By category (rows) and type (columns), h = hidden:
    ///
    ///            咨询 求助 投诉 举报 建议 表扬 | 合计
    ///   应保未保    0    0   4h    0    0    0 | 4h    投诉 column: 2 alone → 4; then row: only zeros → total
    ///   错保        0    0    0   1h    0    0 | 1h    primary, with its total and the 举报 total
    ///   发放金额    0    0   2h    0    0    0 | 2h    primary, with its total
    ///   政策咨询    5    0    0    0    0    0 | 5
    ///   其他        0   3h    0    0    0    0 | 3h    total row: 举报 alone → 求助 total (3); its column → 3
    ///   合计        5   3h    6   1h    0    0 | 15
    ///
    /// By programme: 低保 6h (complement of 特困 1h), 未注明项目 8, 合计 15.
    @Test func octoberTablesHideSmallCountsAndTheirComplements() throws {
        let m = try Month()
        let eligible = try m.add(4, day: 8, "投诉", "应保未保", programme: "dibao")
        try m.add(2, day: 9, "投诉", "发放金额", programme: "dibao")
        let anonymous = try m.add(1, day: 12, "举报", "错保", programme: "tekun", anonymous: true)
        try m.add(5, day: 13, "咨询", "政策咨询")
        try m.add(3, day: 14, "求助", "其他")
        try m.conclude(eligible[0], rating: "满意")
        try m.conclude(eligible[1], rating: "基本满意")
        try m.conclude(anonymous[0], rating: nil)
        let document = try m.notice()

        #expect(document.metadata.title == "原州区2026年10月社会救助投诉举报办理情况公布")
        #expect(document.metadata.office == "固原市原州区民政局" && document.metadata.subject == "投诉举报统计")
        #expect(document.metadata.language == "zh-CN" && document.metadata.publicationDate == CivilDate(year: 2026, month: 11, day: 5)!)

        let types = table(document, "types")
        #expect(types.first == ["应保未保", "0", "0", "*", "0", "0", "0", "*"])
        #expect(types[1] == ["错保", "0", "0", "0", "*", "0", "0", "*"])
        #expect(types[3] == ["发放金额", "0", "0", "*", "0", "0", "0", "*"])
        #expect(types[6] == ["政策咨询", "5", "0", "0", "0", "0", "0", "5"])
        #expect(types[7] == ["其他", "0", "*", "0", "0", "0", "0", "*"])
        #expect(types.last == ["合计", "5", "*", "6", "*", "0", "0", "15"])
        #expect(table(document, "programmes") == [["低保", "*"], ["特困", "*"], ["受灾救助", "0"], ["医疗救助", "0"],
                                                  ["教育救助", "0"], ["住房救助", "0"], ["就业救助", "0"], ["临时救助", "0"],
                                                  ["未注明项目", "8"], ["合计", "15"]])

        // 满意率 rests on 2 ratings (below the threshold): it would tell how those two callers rated, so "*".
        #expect(figures(document).map { "\($0.label) \($0.value)\($0.unit)" } == ["受理量 15件", "按期办结率 100.0%", "满意率 *", "参评率 66.7%"])
        #expect(notes(document) == ["*：数量少于3件，为保护当事人不予公布；部分相邻数据同时隐藏，以防由合计推算。"])
        var text = ""
        for case .paragraph(let p) in document.blocks { text += p.text }
        #expect(text.contains("办结期限自收到之日起60日") && text.contains("最多延长30日"))
        #expect(text.contains("12349") && text.contains("0954-2032349") && text.contains("信访接待室"))
        #expect(document.blocks.last == .signature(Signature(office: "固原市原州区民政局", date: CivilDate(year: 2026, month: 11, day: 5)!)))

        let json = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        for secret in ["王小二", "13909541234", "TS-2026", "摘要不公开", "三营镇"] {
            #expect(!json.contains(secret), "the notice publishes \(secret)")
        }

        let html = try HTMLRenderer(templatesDirectory: templates + "/html").render(document)
        #expect(html.contains("原州区2026年10月社会救助投诉举报办理情况公布") && html.contains("按类型和类别统计"))
        let pdf = try PDFRenderer(settings: try PageSettings.load(path: templates + "/page.toml")).render(document)
        #expect(pdf.starts(with: Data("%PDF".utf8)))
    }

    /// One complaint and nothing concluded: the count itself is below the threshold, every total that
    /// equals it is hidden, and the rates have no denominator.
    @Test func aQuietMonthHidesTheCountAndShowsNoRates() throws {
        let m = try Month()
        try m.add(1, day: 20, "建议", "工作作风")
        let document = try m.notice()
        #expect(figures(document).map(\.value) == ["少于3", "—", "—", "—"])
        #expect(table(document, "types").last == ["合计", "0", "0", "0", "0", "*", "0", "*"])
        #expect(table(document, "programmes").last == ["合计", "*"])
    }

    @Test func aMonthWithoutSmallCountsHasNoSuppressionNote() throws {
        let m = try Month()
        try m.add(3, day: 5, "咨询", "政策咨询")
        let document = try m.notice()
        #expect(notes(document).isEmpty)
        #expect(table(document, "types")[6] == ["政策咨询", "3", "0", "0", "0", "0", "0", "3"])
    }
}
