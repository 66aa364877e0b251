import Document
import Foundation
import OfficeTools
import GongkaiCore
import HTML
import PDF
import Testing
import Typeset
@testable import Publish

/// The policy page from the shipped templates: the standards in force in the month with their
/// documents, the month's changes emphasised, and the 办事指南 with the statutory time limits.
@Suite struct PolicyPageTests {
    static let templates = EvaluationReportTests.templates

    static func document(_ month: YearMonth) throws -> Document {
        PolicyPage.document(month: month, publicationDate: CivilDate(year: 2026, month: 11, day: 5)!,
                            office: try OfficeSettings.load(templates: templates),
                            standards: try PaymentStandards.load(templates: templates),
                            guides: try PolicyGuides.load(templates: templates))
    }

    static func table(_ doc: Document, _ name: String) throws -> [[String]] {
        let table = try #require(doc.blocks.lazy.compactMap { if case .table(let t) = $0, t.name == name { t } else { nil } }.first)
        return table.rows.map { $0.cells.map(\.text) }
    }

    @Test func octoberShowsTheStandardsInForceAndHighlightsItsChange() throws {
        let doc = try Self.document(YearMonth(year: 2026, month: 10)!)
        #expect(doc.metadata.title == "原州区2026年10月社会救助政策信息")
        let changes = doc.blocks.compactMap { block -> Paragraph? in
            if case .paragraph(let p) = block, p.runs.first?.emphasis == true, p.text.hasPrefix("自") { p } else { nil }
        }
        #expect(changes.map(\.runs.first?.text) == ["自2026年10月起，特困人员照料护理标准（全护理）由每人每月680.00元调整为每人每月750.00元。"])
        let dibao = try Self.table(doc, "dibao")
        #expect(dibao.count == 6)
        #expect(dibao.first == ["城市", "一类", "810.00", "2026年1月1日", "原政发〔2025〕示例35号"])
        #expect(dibao.contains(["农村", "一类", "580.00", "2026年7月1日", "原民发〔2026〕示例18号"]))  // the mid-year raise
        #expect(try Self.table(doc, "tekun").contains(["照料护理标准", "全护理（城乡同）", "750.00", "2026年10月1日（本月起）", "原民发〔2026〕示例27号"]))
        #expect(try Self.table(doc, "temporary").first?.prefix(4) == ["急难型", "本户城乡低保一类标准的3倍", "2,430.00", "1,740.00"])
        #expect(try Self.table(doc, "documents").count == 5)
        let headings = doc.blocks.compactMap { if case .heading(let h) = $0 { h.text } else { nil } }
        #expect(headings == ["本月起调整的标准", "2026年10月执行的社会救助标准", "办事指南", "最低生活保障", "特困人员救助供养", "临时救助"])
        let text = doc.blocks.compactMap { if case .paragraph(let p) = $0 { p.text } else { nil } }.joined()
        #expect(text.contains("审核确认全程一般不超过30个工作日") && text.contains("12349") && text.contains("0954-2032349"))
    }

    @Test func aMonthWithoutChangesHasNoChangeSection() throws {
        let doc = try Self.document(YearMonth(year: 2026, month: 9)!)
        #expect(!doc.blocks.contains(.heading(Heading(level: 1, text: "本月起调整的标准"))))
        #expect(try Self.table(doc, "tekun").contains(["照料护理标准", "全护理（城乡同）", "680.00", "2024年1月1日", "原政发〔2023〕示例22号"]))
    }

    @Test func rendersTheSameTextToHTMLAndPDF() async throws {
        let doc = try Self.document(YearMonth(year: 2026, month: 10)!)
        let html = try HTMLRenderer(templatesDirectory: Self.templates + "/html").render(doc)
        #expect(html.contains("<title>原州区2026年10月社会救助政策信息</title>"))
        // Read as shown: dates and amounts with their units sit in no-break spans.
        let shown = html.replacingOccurrences(of: "<span class=\"nobr\">", with: "").replacingOccurrences(of: "</span>", with: "")
        #expect(shown.contains("自2026年10月起，特困人员照料护理标准（全护理）由每人每月680.00元调整为每人每月750.00元。"))
        #expect(html.contains("每人每月<span class=\"nobr\">680.00元</span>"))
        let pdf = try PDFRenderer(settings: try PageSettings.load(path: Self.templates + "/page.toml")).render(doc)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("policy-\(UUID().uuidString).pdf")
        defer { try? FileManager.default.removeItem(at: file) }
        try pdf.write(to: file)
        let text = try await ExternalTool.run("/usr/bin/pdftotext", [file.path, "-"]).output.replacingOccurrences(of: "\n", with: "")
        #expect(text.contains("自2026年10月起，特困人员照料护理标准（全护理）由每人每月680.00元调整为每人每月750.00元。"))
        #expect(text.contains("办事指南") && text.contains("12349"))
    }
}
