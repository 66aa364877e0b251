import Document
import Foundation
import GongkaiCore
import HTML
import Testing

@Suite struct HTMLRendererTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func renderer() throws -> HTMLRenderer {
        try HTMLRenderer(templatesDirectory: root.appendingPathComponent("templates/html").path)
    }

    static let small = Document(
        metadata: DocumentMetadata(title: "原州区2026年1月低保对象公布", office: "固原市原州区民政局", subject: "低保公布",
                                   keywords: ["低保"], publicationDate: CivilDate(year: 2026, month: 1, day: 5)!),
        blocks: [
            .heading(Heading(level: 1, text: "总体情况")),
            .paragraph(Paragraph(runs: [Run("本月保障"), Run("150户", emphasis: true), Run("。")])),
            .keyFigures(KeyFigures(items: [KeyFigure(label: "按期办结率", value: "96.8", unit: "%", change: "+1.2", status: .met)])),
            .chart(Chart(kind: .bar, title: "保障户数", categoryAxisTitle: "乡镇", valueAxisTitle: "户数", unit: "户",
                         categories: ["三营镇", "官厅镇"], series: [Series(name: "户数", values: [16, 12])])),
            .table(Table(name: "notice", caption: "名单",
                         columns: [Column(title: "序号", align: .right), Column(title: "户主姓名", names: true)],
                         headerGroups: [HeaderGroup(title: "对象", span: 2)],
                         rows: [.group("三营镇"), .body(["1", "阿依古丽·买买提"]), .body(["2", "<script>alert(1)</script>"]),
                                .total(["合计", "2户"])])),
            .note(Note(text: "热线12349。")),
            .pageBreak,
            .signature(Signature(office: "固原市原州区民政局", date: CivilDate(year: 2026, month: 1, day: 5)!)),
        ])

    @Test func matchesGoldenFile() throws {
        let html = try Self.renderer().render(Self.small)
        let file = Self.golden.appendingPathComponent("small.html")
        if ProcessInfo.processInfo.environment["GONGKAI_UPDATE_GOLDEN"] == "1" {
            try Data(html.utf8).write(to: file)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(html == expected, "HTML differs from Golden/small.html; GONGKAI_UPDATE_GOLDEN=1 rewrites it after review")
    }

    @Test func cellValuesAreEscaped() throws {
        let html = try Self.renderer().render(Self.small)
        #expect(!html.contains("<script>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
    }

    @Test func accessibleStructure() throws {
        let html = try Self.renderer().render(Self.small)
        #expect(html.contains("<html lang=\"zh-CN\">"))
        #expect(html.contains("<caption>名单</caption>"))
        #expect(html.contains("<thead>"))
        #expect(html.contains("<th scope=\"col\">户主姓名</th>"))
        #expect(html.contains("<svg"))
        #expect(html.contains("<text") && html.contains(">三营镇</text>"))
        #expect(html.contains("<title id=\"chart-1-title\">保障户数</title>"))
        #expect(html.contains("<desc id=\"chart-1-desc\">户数：三营镇 16户，官厅镇 12户。</desc>"))
        #expect(html.contains("<td class=\"left name\">阿依古丽·买买提</td>"))
        #expect(html.contains("<h2 class=\"heading\">一、总体情况</h2>"))
        #expect(html.contains("2026年1月5日"))
        #expect(!html.contains("http://") || html.components(separatedBy: "http://").count == 2) // only the SVG namespace
        #expect(!html.contains("https://"))
        #expect(!html.contains("<script"))
    }

    @Test func renderingTwiceGivesTheSameText() throws {
        let r = try Self.renderer()
        #expect(try r.render(Self.small) == r.render(Self.small))
    }
}
