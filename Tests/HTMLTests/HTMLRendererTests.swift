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
        #expect(html.contains("<caption id=\"table-notice-caption\">名单<span class=\"scroll-hint\">（表格较宽时可左右滑动，首栏不动）</span></caption>"))
        #expect(html.contains("<thead>"))
        #expect(html.contains("<th scope=\"col\">户主姓名</th>"))
        #expect(html.contains("<svg"))
        #expect(html.contains("<text") && html.contains(">三营镇</text>"))
        #expect(html.contains("<title id=\"chart-1-title\">保障户数</title>"))
        #expect(html.contains("<desc id=\"chart-1-desc\">户数：三营镇 16户，官厅镇 12户。</desc>"))
        #expect(html.contains("<td class=\"left name\">阿依古丽·买买提</td>"))
        #expect(html.contains("<h2 class=\"heading\">一、总体情况</h2>"))
        #expect(html.contains("2026年1月5日"))
        #expect(!html.contains("http://")) // inline SVG needs no namespace
        #expect(!html.contains("https://"))
        #expect(!html.contains("<script"))
    }

    @Test func aSubtotalLabelSpansTheEmptyCellsBesideIt() throws {
        let table = Table(name: "notice", caption: "名单", columns: ["序号", "乡镇", "村", "户主姓名", "人数", "金额", "类别"].map { Column(title: $0) },
                          rows: [.body(["1", "南关街道", "南城社区", "李小小", "6", "2100.00", "农村C档"]),
                                 .subtotal(["", "南关街道小计", "", "", "46", "21920.00", ""])])
        let html = try Self.renderer().render(Document(metadata: Self.small.metadata, blocks: [.table(table)]))
        // Seven columns and no names: the table reflows on a phone, each cell labelled with its column.
        #expect(html.contains(#"<tr class="subtotal"><td data-label="序号" class="left"></td><td colspan="3" data-label="乡镇" class="left">南关街道小计</td><td data-label="人数" class="left">46</td><td data-label="金额" class="left">21920.00</td><td data-label="类别" class="left"></td></tr>"#),
                "\(html)")
    }

    @Test func titlesAndHeadingsBreakOnlyBetweenTheirSegments() throws {
        let document = Document(
            metadata: DocumentMetadata(title: ["原州区", "2026年10月", "特困人员", "救助供养", "对象公布"], office: "原州区民政局",
                                       publicationDate: CivilDate(year: 2026, month: 11, day: 5)!),
            blocks: [.heading(Heading(level: 3, segments: ["来访地点：", "政务服务中心", "二楼"]))])
        let html = try Self.renderer().render(document)
        #expect(html.contains("<title>原州区2026年10月特困人员救助供养对象公布</title>"))
        #expect(html.contains("<h1>原州区<wbr>2026年10月<wbr>特困人员<wbr>救助供养<wbr>对象公布</h1>"))
        #expect(html.contains(#"<h4 class="heading">1．来访地点：<wbr>政务服务中心<wbr>二楼</h4>"#))
        #expect(html.contains("h1, .heading { word-break: keep-all; overflow-wrap: anywhere; }"))
    }

    @Test func anImpossibleDocumentIsRefusedWithItsPathNotRendered() throws {
        let chart = Chart(kind: .bar, title: "c", categories: ["a"], series: [Series(name: "s", values: [.nan])])
        #expect(throws: DocumentError(path: "blocks[0].series[0].values[0]", reason: "chart values must be finite numbers between -1e15 and 1e15, found nan")) {
            try Self.renderer().render(Document(metadata: Self.small.metadata, blocks: [.chart(chart)]))
        }
        let table = Table(name: "t", caption: "", columns: [Column(title: "a")], headerGroups: [HeaderGroup(title: "g", span: 5)], rows: [.body(["1", "2"])])
        #expect(throws: DocumentError.self) { try Self.renderer().render(Document(metadata: Self.small.metadata, blocks: [.table(table)])) }
    }

    @Test func renderingTwiceGivesTheSameText() throws {
        let r = try Self.renderer()
        #expect(try r.render(Self.small) == r.render(Self.small))
    }
}
