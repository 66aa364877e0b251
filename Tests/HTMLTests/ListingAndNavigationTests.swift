import Document
import Foundation
import GongkaiCore
import HTML
import Testing

/// Links, jump lists, language marks and chart sizes of the HTML pages (issue 11).
@Suite struct ListingAndNavigationTests {
    static let date = CivilDate(year: 2026, month: 11, day: 5)!

    @Test func aPageLinksBackToItsMonthsIndexOnlyWhenPublished() throws {
        let r = try HTMLRendererTests.renderer()
        #expect(try r.render(HTMLRendererTests.small, home: "index.html")
            .contains(#"<nav aria-label="本月公开目录"><a href="index.html">返回本月信息公开目录</a></nav>"#))
        #expect(!(try r.render(HTMLRendererTests.small)).contains("<nav"))
    }

    @Test func englishGlossesCarryTheirLanguage() throws {
        let document = Document(metadata: HTMLRendererTests.small.metadata, blocks: [
            .heading(Heading(level: 1, text: "结果指标（Outcome indicators）")),
            .paragraph(Paragraph("数据见 SHA-256 与 CSV 文件。")),
        ])
        let html = try HTMLRendererTests.renderer().render(document)
        #expect(html.contains(#"一、结果指标（<span lang="en">Outcome indicators</span>）</h2>"#))
        #expect(html.contains("数据见 SHA-256 与 CSV 文件。"), "acronyms stay unmarked")
    }

    @Test func aLongGroupedTableGetsAJumpListAndAnchoredGroups() throws {
        var rows: [TableRow] = []
        for township in ["三营镇", "官厅镇"] {
            rows.append(.group(township))
            rows += (1...30).map { .body([Cell(String($0)), Cell("户主\($0)")]) }
        }
        let table = Table(name: "notice", caption: "名单", columns: [Column(title: "序号"), Column(title: "户主姓名", names: true)], rows: rows)
        let html = try HTMLRendererTests.renderer().render(Document(metadata: HTMLRendererTests.small.metadata, blocks: [.table(table)]))
        #expect(html.contains(##"<ul><li><a href="#table-notice-g1">三营镇</a></li><li><a href="#table-notice-g2">官厅镇</a></li></ul>"##))
        #expect(html.contains(##"<tr class="group" id="table-notice-g2"><th scope="rowgroup" colspan="2">官厅镇 <a class="back" href="#table-notice-jump">回到快速查找</a></th></tr>"##))
        #expect(html.contains(#"<div class="table-scroll" role="region" tabindex="0" aria-labelledby="table-notice-caption">"#))
        // A short table is seen at a glance: no jump list.
        #expect(!(try HTMLRendererTests.renderer().render(HTMLRendererTests.small)).contains("class=\"jump\""))
    }

    @Test func twoTablesOfOneNameGetDistinctIDs() throws {
        let table = Table(name: "t", caption: "c", columns: [Column(title: "a")], rows: [.body(["1"])])
        let html = try HTMLRendererTests.renderer().render(Document(metadata: HTMLRendererTests.small.metadata, blocks: [.table(table), .table(table)]))
        #expect(html.contains(#"id="t-caption""#) == false)
        #expect(html.contains(#"<table class="data" id="table-t">"#) && html.contains(#"<table class="data" id="table-t-2">"#))
    }

    /// An indicator table reflows into cards on a phone, each cell after its column's title; a list of
    /// people keeps its columns (its box scrolls, its first column fixed), and so does a two-column table.
    @Test func aTableThatIsNoListReflowsWithItsColumnTitles() throws {
        let indicators = Table(name: "indicators", caption: "主要指标",
                               columns: [Column(title: "指标"), Column(title: "本月", align: .right), Column(title: "状态", align: .center)],
                               rows: [.body([Cell("按时发放率（%）"), Cell("98.04"), Cell("达标", status: .met)])])
        let list = Table(name: "notice", caption: "名单", columns: [Column(title: "序号"), Column(title: "村（社区）"), Column(title: "户主姓名", names: true)],
                         rows: [.body(["1", "南城社区", "马*国"])])
        let pair = Table(name: "pair", caption: "两栏", columns: [Column(title: "类别"), Column(title: "件数")], rows: [.body(["咨询", "3"])])
        let html = try HTMLRendererTests.renderer().render(Document(metadata: HTMLRendererTests.small.metadata,
                                                                    blocks: [.table(indicators), .table(list), .table(pair)]))
        #expect(html.contains(#"<table class="data reflow" id="table-indicators">"#))
        #expect(html.contains(#"<td data-label="指标" class="left">按时发放率（%）</td><td data-label="本月" class="right">98.04</td><td data-label="状态" class="center word status-met">达标</td>"#))
        #expect(html.contains(#"<table class="data" id="table-notice">"#) && html.contains(#"<table class="data" id="table-pair">"#))
        #expect(html.components(separatedBy: "data-label=").count == 4)
    }

    @Test func chartLabelsNeverShrinkBelowElevenPixels() throws {
        let html = try HTMLRendererTests.renderer().render(HTMLRendererTests.small)
        // Two layouts, neither with a minimum width: each scales to its column through its viewBox.
        #expect(!html.contains("style=\"min-width"))
        // The wide one (560 units) is shown from a 601 px screen, whose column is 558 px: every label
        // at least 11 × 560 / 558 = 11.04 units. The narrow one (340 units) from a 360 px phone's
        // 337 px column: at least 11 × 340 / 337 = 11.1 units.
        for (variant, box, smallest) in [("wide", "0 0 560 300", 11.04), ("narrow", "0 0 340 260", 11.1)] {
            let start = try #require(html.range(of: #"<svg class="\#(variant)" viewBox="\#(box)""#))
            let end = try #require(html.range(of: "</svg>", range: start.upperBound..<html.endIndex))
            let sizes = html[start.upperBound..<end.lowerBound].matches(of: #/font-size="([0-9.]+)"/#).compactMap { Double($0.1) }
            #expect(sizes.count > 5 && sizes.allSatisfy { $0 >= smallest }, "\(variant): \(sizes)")
        }
        #expect(html.contains(#"aria-labelledby="chart-1-narrow-title chart-1-narrow-desc""#))
    }

    @Test func theIndexLinksEveryFileWithFormatSizeAndHash() throws {
        let sha = String(repeating: "ab", count: 32)
        let files: [ReleaseIndexPage.File] = [
            .init(href: "notice-dibao.pdf", title: "低保对象公布", size: "12 KB", sha256: sha),
            .init(href: "notice-dibao.html", title: "低保对象公布", size: "30 KB", sha256: sha),
            .init(href: "indicators.csv", title: "指标（CSV）", size: "3 KB", sha256: sha),
        ]
        let page = ReleaseIndexPage(titleSegments: ["原州区", "2026年10月", "信息公开目录"], office: "原州区民政局", date: Self.date,
                                    introduction: "本目录。", sections: [
                                        .init(title: "救助对象名单和公示", entries: [.init(title: "低保对象公布", files: Array(files[0...1]))]),
                                        .init(title: "开放数据", entries: [.init(title: "指标（CSV）", files: [files[2]])]),
                                    ], files: files, archive: "../index.html", signature: nil, contact: "热线 12349。")
        let html = try HTMLRendererTests.renderer().render(page)
        // Citizen first: the documents by kind with their formats and sizes, before the hashes under 如何核验.
        #expect(html.contains(#"<h2 id="kind-1">救助对象名单和公示</h2>"#))
        #expect(html.contains(#"<li><span class="document">低保对象公布</span><span class="formats"><a href="notice-dibao.pdf">PDF</a>（12 KB） · <a href="notice-dibao.html">网页 HTML</a>（30 KB）</span></li>"#))
        let kinds = try #require(html.range(of: "救助对象名单和公示</h2>")), verify = try #require(html.range(of: "<h2 id=\"verify\">如何核验</h2>"))
        let hashes = try #require(html.range(of: #"<code class="hash""#))
        #expect(kinds.lowerBound < verify.lowerBound && verify.lowerBound < hashes.lowerBound)
        #expect(html.contains(#"<tr><th scope="row" class="left"><a href="notice-dibao.pdf">低保对象公布</a></th><td class="left">PDF</td><td class="right nobr">12 KB</td><td class="left"><code class="hash" title="\#(sha)">\#(sha)</code></td></tr>"#))
        #expect(html.contains(#"<a href="indicators.csv">指标（CSV）</a></th><td class="left">表格 CSV</td>"#))
        #expect(html.contains(#"<a href="../index.html">全部月份的信息公开档案</a>"#) && html.contains(#"<a href="manifest.json">"#))
        #expect(html.contains(#"<time datetime="2026-11-05">2026年11月5日</time>"#))
        #expect(!html.contains("signing"))
        var signed = page
        signed.signature = "manifest.json 已由本机关签名，公钥指纹 SHA256:abc"
        #expect(try HTMLRendererTests.renderer().render(signed).contains(#"<p class="indent signing">manifest.json 已由本机关签名，公钥指纹 SHA256:abc</p>"#))
    }

    @Test func theArchiveShowsEachReleaseAndWhatSupersededIt() throws {
        let month = YearMonth(year: 2026, month: 10)!
        let page = ArchivePage(title: "原州区社会救助信息公开档案", office: "原州区民政局", introduction: "各月。", months: [
            .init(month: month, releases: [
                .init(number: 1, href: "2026-10/index.html", date: Self.date, files: 21, supersedes: nil, supersededBy: (2, "更正1户")),
                .init(number: 2, href: "2026-10/r2/index.html", date: CivilDate(year: 2026, month: 11, day: 9)!, files: 21,
                      supersedes: (1, "更正1户"), supersededBy: nil),
            ]),
        ], signature: nil)
        let html = try HTMLRendererTests.renderer().render(page)
        // The month and the file count never break across lines (no-break spans).
        #expect(html.contains(#"<li class="superseded"><a href="2026-10/index.html"><span class="nobr">2026年10月</span>第1版</a>，<time datetime="2026-11-05">2026年11月5日</time>发布，<span class="nobr">21个文件</span>。<strong>已被第2版取代</strong>，原因：更正1户。</li>"#))
        #expect(html.contains(#"<li><a href="2026-10/r2/index.html"><span class="nobr">2026年10月</span>第2版</a>，<time datetime="2026-11-09">2026年11月9日</time>发布，<span class="nobr">21个文件</span>。取代第1版，原因：更正1户。<strong>现行版本。</strong></li>"#))
        #expect(html.contains(#"<h2 id="month-2026-10-title"><time datetime="2026-10">2026年10月</time></h2>"#))
    }
}
