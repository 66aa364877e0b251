import DemoData
import Desk
import Document
import Foundation
import GongkaiCore
import HTML
import Indicators
import PDF
import Store
import Testing
import Typeset
@testable import Publish

/// The evaluation report built from a real computation: demo data for 300 households imported
/// through the importer, 13 months of indicators from the engine, the desk's complaint statistics
/// and the store's aggregates.
@Suite struct EvaluationReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let templates = root.appendingPathComponent("templates").path
    static let month = YearMonth(year: 2026, month: 10)!

    struct Fixture: Sendable {
        let inputs: EvaluationInputs
        let document: Document
    }

    /// Built once for the suite: the import and 13 months of indicators take a few seconds.
    static let fixture: Result<Fixture, any Error> = Result { try build() }

    static func build() throws -> Fixture {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-eval-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try YuanzhouDemo(.init(households: 300, standards: try PaymentStandards.load(templates: templates))).write(to: dir)
        let store = try StoreDatabase()
        let schedule = try ComplaintSchedule.load(templates: templates)
        let clock = Clock.fixed(Date(timeIntervalSince1970: 1_793_577_600))  // 2026-11-01
        _ = try Importer(store: store, clock: clock, schedule: schedule,
                         identity: try CallerIdentityCipher(secret: Data(repeating: 7, count: 32))).run(paths: [dir.path])
        let catalog = try IndicatorCatalog.load(templates: templates, store: store)
        let engine = try IndicatorEngine(store: store, catalog: catalog, calendar: try WorkCalendar.load(templates: templates))
        let office = try OfficeSettings.load(templates: templates)
        let desk = ComplaintDesk(store: store, schedule: schedule, clock: clock)
        let (disclosure, history) = try #require(Disclosure.disclose(
            try engine.compute((0..<13).map { month.adding(months: $0 - 12) }), complaints: try desk.list(.init()),
            catalog: catalog, townships: engine.townships, office: office, withheldBefore: []))
        let summary = try StoreSummary.read(from: store)
        let inputs = EvaluationInputs(
            month: month, publicationDate: CivilDate(year: 2026, month: 11, day: 5)!,
            office: office, catalog: catalog, history: history,
            townships: engine.townships,
            complaints: try desk.statistics(month: month), disclosure: disclosure,
            matches: try ReportAggregates.matches(month: month, in: store),
            services: try ReportAggregates.services(month: month, in: store),
            staff: try ReportAggregates.staff(in: store),
            standardsCheck: StandardsCheckSummary(try PaymentCheck(store: store, standards: catalog.standards).findings(month),
                                                  townships: engine.townships),
            data: DataAppendix(imports: summary.recentImports, rowCounts: summary.counts,
                               dataFingerprint: try DataFingerprint.compute(store), definitionsVersion: catalog.version,
                               definitionsSHA256: catalog.sha256, templatesSHA256: Digest.sha256Hex("templates")))
        return Fixture(inputs: inputs, document: EvaluationReport.document(inputs))
    }

    static func headings(_ doc: Document, level: Int) -> [String] {
        doc.blocks.compactMap { if case .heading(let h) = $0, h.level == level { h.text } else { nil } }
    }

    static func table(_ doc: Document, _ name: String) throws -> Table {
        try #require(doc.blocks.lazy.compactMap { if case .table(let t) = $0, t.name == name { t } else { nil } }.first)
    }

    static func row(_ table: Table, _ label: String) throws -> [String] {
        try #require(table.rows.first { $0.cells.first?.text == label }).cells.map(\.text)
    }

    static func paragraphs(_ doc: Document) -> [String] {
        doc.blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }
    }

    @Test func sectionsInOrder() throws {
        let doc = try Self.fixture.get().document
        #expect(doc.metadata.title == "原州区2026年10月社会救助绩效评估报告")
        #expect(Self.headings(doc, level: 1) == ["总体情况", "分项目指标", "乡镇比较", "“救助+服务”成效", "投诉举报办理",
                                                "数据比对", "数据质量：发放金额与保障标准核对", "队伍建设", "附录"])
        #expect(Self.headings(doc, level: 2).suffix(2) == ["指标口径", "数据说明"])
        #expect(Self.headings(doc, level: 2).first == "全部项目")
        #expect(Self.headings(doc, level: 2).contains("最低生活保障"))
        // The signature closes the body, before the appendices.
        let signature = try #require(doc.blocks.firstIndex { if case .signature = $0 { true } else { false } })
        let appendix = try #require(doc.blocks.firstIndex(of: .heading(Heading(level: 1, text: "附录"))))
        #expect(signature < appendix)
    }

    @Test func programmeTablesPrintTheEnginesValues() throws {
        let f = try Self.fixture.get()
        let current = f.inputs.history[12], previous = f.inputs.history[11], lastYear = f.inputs.history[0]
        let dibao = try Self.table(f.document, "indicators-dibao")
        let households = try #require(current["households_active", "dibao", "all"]?.value)
        let householdsRow = try Self.row(dibao, "在保户数（户）")
        #expect(householdsRow[1] == households.formatted(decimals: 0))
        /// The printed change, computed independently of the report's formatting.
        func signed(_ diff: Fraction) -> String {
            let zero = Fraction(integer: 0)
            return diff == zero ? "持平" : diff > zero ? "+" + diff.formatted(decimals: 0) : "−" + zero.subtracting(diff)!.formatted(decimals: 0)
        }
        let before = try #require(previous["households_active", "dibao", "all"]?.value)
        let yearBefore = try #require(lastYear["households_active", "dibao", "all"]?.value)
        #expect(householdsRow[4] == signed(households.subtracting(before)!))
        #expect(householdsRow[5] == signed(households.subtracting(yearBefore)!))
        #expect(householdsRow[2] == "—" && householdsRow[3] == "—")

        let onTime = try #require(current["payments_on_time_rate", "dibao", "all"])
        let onTimeRow = try Self.row(dibao, "资金按时发放率（%）")
        #expect(onTimeRow[1] == onTime.value?.formatted(decimals: 1))
        #expect(onTimeRow[2] == "≥98.0")
        #expect(onTimeRow[3] == onTime.status?.rawValue)

        // Every indicator the catalog reports for 低保, in catalog order.
        let dibaoDefinitions = f.inputs.catalog.definitions.filter { $0.programmes.contains("dibao") }
        #expect(dibao.rows.map { $0.cells[0].text } == dibaoDefinitions.map { "\($0.name)（\($0.unitLabel)）" })

        // Money keeps its two decimals and gains thousands separators.
        let funds = try #require(current["funds_paid", "all", "all"]?.value)
        #expect(try Self.row(Self.table(f.document, "indicators-all"), "发放资金（元）")[1]
            == IndicatorReader.grouped(funds.formatted(decimals: 2)))
    }

    @Test func onlyActiveProgrammesGetASection() throws {
        let f = try Self.fixture.get()
        for p in Programme.allCases {
            let active = (f.inputs.current["households_active", p.code, "all"]?.value ?? Fraction(integer: 0)) > Fraction(integer: 0)
            #expect(Self.headings(f.document, level: 2).contains(p.chineseName) == active, "\(p)")
        }
    }

    @Test func districtRowIsTheDistrictFigureNotAnAverage() throws {
        let f = try Self.fixture.get()
        let table = try Self.table(f.document, "townships")
        #expect(table.rows.filter { $0.kind == .body }.map { $0.cells[0].text } == f.inputs.townships)
        let total = try #require(table.rows.last)
        #expect(total.kind == .total && total.cells[0].text == "全区")
        let column = try #require(table.columns.firstIndex { $0.title == "资金按时发放率（%）" })
        let district = try #require(f.inputs.current["payments_on_time_rate", "all", "all"]?.value)
        #expect(total.cells[column].text == district.formatted(decimals: 1))
        // The district rate weighs townships by their payments: it is not the mean of the township rates.
        let townshipRates = f.inputs.townships.compactMap { f.inputs.current["payments_on_time_rate", "all", $0]?.value }
        let mean = townshipRates.reduce(Fraction(integer: 0)) { $0.adding($1)! }.multiplied(by: Fraction(1, Int128(townshipRates.count))!)!
        #expect(mean != district)
    }

    @Test func keyFiguresCarryStatusAndChange() throws {
        let f = try Self.fixture.get()
        let items: [KeyFigure] = f.document.blocks.flatMap { block -> [KeyFigure] in if case .keyFigures(let k) = block { k.items } else { [] } }
        #expect(items.map(\.label) == ["在保户数", "在保人数", "发放资金", "资金按时发放率", "审批时限内办结率",
                                               "服务类救助覆盖率", "按期办结率", "群众满意率"])
        let onTime = try #require(items.first { $0.label == "资金按时发放率" })
        let expected: FigureStatus = switch f.inputs.current["payments_on_time_rate", "all", "all"]?.status {
        case .met: .met
        case .warning: .warning
        case .missed: .notMet
        case nil: .neutral
        }
        #expect(onTime.status == expected)
        #expect(items.allSatisfy { $0.change.map { $0.hasPrefix("环比 ") } ?? false })
        // Money is shown in 万元 in its box.
        let funds = try #require(f.inputs.current["funds_paid", "all", "all"]?.value)
        let fundsFigure = try #require(items.first { $0.label == "发放资金" })
        #expect(fundsFigure.value == funds.multiplied(by: Fraction(1, 10_000)!)!.formatted(decimals: 2) && fundsFigure.unit == "万元")
    }

    @Test func appendicesListEveryIndicatorAndTheData() throws {
        let f = try Self.fixture.get()
        let catalog = f.inputs.catalog
        #expect(Self.headings(f.document, level: 3).suffix(catalog.definitions.count)
            == catalog.definitions.map { "\($0.name)（\($0.nameEnglish)）" }[...])
        let text = Self.paragraphs(f.document)
        for d in catalog.definitions {
            #expect(text.contains { $0.hasPrefix("定义：" + d.definition) }, "\(d.id)")
            #expect(text.contains { $0.hasPrefix("分子：" + d.numeratorText) }, "\(d.id)")
            if let denominator = d.denominatorText { #expect(text.contains { $0.contains("；分母：" + denominator) }, "\(d.id)") }
            #expect(text.contains { $0.hasSuffix("指标代码：\(d.id)。") }, "\(d.id)")
        }
        #expect(text.contains("数据指纹：" + f.inputs.data.dataFingerprint + "。"))
        #expect(text.contains { $0.contains(catalog.sha256) })
        #expect(text.contains { $0.contains("gongkai verify output/2026-10") })
        let imports = try Self.table(f.document, "imports")
        let files = f.inputs.data.imports.flatMap(\.files)
        #expect(!files.isEmpty)
        #expect(imports.rows.filter { $0.kind == .body }.map { $0.cells[5].text } == files.map { String($0.sha256.prefix(12)) })
    }

    /// Words of ASCII letters and digits that read as an ID number (17 digits and a check digit or X)
    /// or a mobile number (11 digits, 1[3-9]…). Hashes are words of hex and do not match.
    static func personalNumbers(in text: String) -> [Substring] {
        text.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }.filter { word in
            let digits = word.allSatisfy(\.isNumber)
            let id = word.count == 18 && word.dropLast().allSatisfy(\.isNumber) && (word.last!.isNumber || word.last == "X")
            let mobile = word.count == 11 && digits && word.hasPrefix("1") && "3456789".contains(word.dropFirst().first!)
            return id || mobile
        }
    }

    /// The data-quality section counts what `PaymentCheck` finds in the store: the demo's planted
    /// payments, by township and programme, with no household in it.
    @Test func dataQualityCountsThePlantedPayments() throws {
        let fixture = try Self.fixture.get()
        let planted = try YuanzhouDemo(.init(households: 300, standards: try PaymentStandards.load(templates: Self.templates))).planted()
        #expect(!planted.isEmpty)
        let table = try Self.table(fixture.document, "standards-check")
        let total = try Self.row(table, "合计")
        let expected = PaymentStandards.FindingKind.allCases.map { kind in planted.count(where: { $0.kind == kind }) }
        #expect(total.suffix(3) == expected.map(String.init))
        #expect(fixture.inputs.standardsCheck.totals == expected)
        #expect(fixture.inputs.standardsCheck.rows.allSatisfy { fixture.inputs.townships.contains($0.township) })
        let paragraph = fixture.document.blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }
            .first { $0.hasPrefix("按本月1日有效的保障标准") }
        #expect(paragraph?.contains("超过标准的发放\(expected[0])笔") == true)
    }

    @Test func containsNoPersonalData() throws {
        #expect(Self.personalNumbers(in: "户主 640402198001010017，电话13912345678；a3f9c2") == ["640402198001010017", "13912345678"])
        let json = String(decoding: try Self.fixture.get().document.encodedJSON(), as: UTF8.self)
        #expect(Self.personalNumbers(in: json).isEmpty)
        #expect(!json.contains("YZ0"))  // demo household numbers
    }

    @Test func rendersToHTMLAndPDF() throws {
        let doc = try Self.fixture.get().document
        let html = try HTMLRenderer(templatesDirectory: Self.templates + "/html").render(doc)
        #expect(html.contains("<title>原州区2026年10月社会救助绩效评估报告</title>"))
        #expect(html.contains("<caption id=\"table-townships-caption\">各乡镇主要指标（全部项目，<span class=\"nobr\">2026年10月</span>）</caption>"))
        let pdf = try PDFRenderer(settings: try PageSettings.load(path: Self.templates + "/page.toml")).render(doc)
        #expect(pdf.starts(with: Data("%PDF".utf8)))
    }

    @Test func groupsThousandsKeepingSignAndDecimals() {
        #expect(IndicatorReader.grouped("1234567.00") == "1,234,567.00")
        #expect(IndicatorReader.grouped("-1234") == "-1,234")
        #expect(IndicatorReader.grouped("999.5") == "999.5")
        #expect(IndicatorReader.percent(1, of: 3) == "33.3")
        #expect(IndicatorReader.percent(1, of: 0) == "—")
    }
}
