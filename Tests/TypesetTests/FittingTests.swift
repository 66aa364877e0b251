import Document
import GongkaiCore
import Testing
@testable import Typeset

/// No text is ever cut or drawn over its neighbour: each box wraps, shrinks within its documented
/// limit, or stops the render naming the block. Checked on geometry — which text is on which line,
/// and every line inside its box.
@Suite struct FittingTests {
    static let date = CivilDate(year: 2026, month: 1, day: 5)!

    static func document(title: [String] = ["测试公布"], _ blocks: [Block]) -> Document {
        Document(metadata: DocumentMetadata(title: title, office: "原州区民政局", publicationDate: date), blocks: blocks)
    }

    /// Every line lies between the margins, and every table cell's lines inside their cell.
    static func expectEverythingInside(_ pages: [Page], _ s: PageSettings, sourceLocation: SourceLocation = #_sourceLocation) {
        let left = s.marginLeft, right = s.paperWidth - s.marginRight
        for page in pages {
            for case .text(let line) in page.items {
                let width = line.layout.lineWidths[line.index]
                #expect(line.textX >= left - 0.01 && line.textX + width <= right + 0.01,
                        "page \(page.number): “\(line.text)” runs from \(line.textX) to \(line.textX + width)", sourceLocation: sourceLocation)
            }
            for row in page.rows {
                for (layout, extent) in zip(row.cells, row.cellExtents) {
                    for i in 0..<layout.lineCount {
                        let start = extent.lowerBound + s.tableCellPadding + layout.lineOffsets[i]
                        #expect(start >= extent.lowerBound && start + layout.lineWidths[i] <= extent.upperBound - s.tableCellPadding + 0.01,
                                "page \(page.number): “\(layout.text(ofLine: i))” leaves its cell \(extent)", sourceLocation: sourceLocation)
                    }
                }
            }
        }
    }

    /// The text of every line of the title (the lines above the first block's "正文").
    static func titleLines(_ segments: [String]) throws -> [String] {
        let pages = try Typesetter(settings: .gbt9704).pages(document(title: segments, [.paragraph(Paragraph("正文"))]))
        return pages[0].lines.prefix { $0 != "正文" }
    }

    // MARK: key figures

    @Test func theUnitOfAKeyFigureIsNeverDropped() throws {
        let figures = KeyFigures(items: [
            KeyFigure(label: "保障户数", value: "150", unit: "户", change: "较上月 +3"),
            KeyFigure(label: "保障人数", value: "512", unit: "人"),
            KeyFigure(label: "月保障金额", value: "23.46", unit: "万元"),
            KeyFigure(label: "按期办结率", value: "96.8", unit: "%", status: .met),
        ])
        let setter = try Typesetter(settings: .gbt9704)
        let pages = try setter.pages(Self.document([.keyFigures(figures)]))
        #expect(pages[0].lines.contains("23.46 万元"), "\(pages[0].lines)")
        Self.expectEverythingInside(pages, setter.settings)
    }

    @Test func aLongKeyFigureShrinksThenWrapsAndTheBoxesOfARowGrowTogether() throws {
        let figures = KeyFigures(items: [
            KeyFigure(label: "发放资金", value: "1,234,567,890.12", unit: "万元"),
            KeyFigure(label: "审批时限内办结率（按户计算，含临时救助）", value: "93.9", unit: "%", change: "环比 +11.4", status: .warning),
            KeyFigure(label: "在保户数", value: "6,754", unit: "户"),
        ])
        let setter = try Typesetter(settings: .gbt9704)
        let page = try setter.pages(Self.document([.keyFigures(figures)]))[0]
        let text = page.lines.joined()
        for piece in ["1,234,567,890.12", "万元", "审批时限内办结率（按户计算，含临时救助）", "环比 +11.4 预警"] {
            #expect(text.contains(piece), "\(page.lines)")
        }
        // The value is set smaller, never below ¾ of its 20 pt.
        let value = try #require(page.items.compactMap { item -> PlacedLine? in
            if case .text(let line) = item, line.text.hasPrefix("1,234") { line } else { nil }
        }.first)
        // Widths scale with the size (unhinted metrics); a line's width leaves out its trailing space.
        let size = value.layout.lineWidths[0] / setter.naturalWidth(value.text.split(separator: " ").joined(), role: .heiti, size: 1)
        #expect(size >= 15 - 0.01 && size < 20, "value “\(value.text)” set at \(size) pt")
        // Three boxes of one height, as tall as the wrapped label needs.
        let boxes = page.items.compactMap { item -> Double? in if case .fill(_, _, _, let h, _) = item { h } else { nil } }
        #expect(boxes.count == 3 && Set(boxes).count == 1)
        Self.expectEverythingInside([page], setter.settings)
    }

    // MARK: tables

    static let noticeColumns = [
        Column(title: "序号", align: .right, width: 0.8), Column(title: "乡镇（街道）", width: 1.5),
        Column(title: "村（社区）", width: 1.5), Column(title: "户主姓名", width: 1.8, names: true),
        Column(title: "保障人数", align: .right, width: 1), Column(title: "月保障金额（元）", align: .right, width: 1.6),
        Column(title: "类别", align: .center, width: 1.2),
    ]

    @Test func aSubtotalLabelSpansTheEmptyCellsBesideItAndNeverWraps() throws {
        let table = Table(name: "notice", caption: "", columns: Self.noticeColumns, rows: [
            .group("南关街道"),
            .body(["1", "南关街道", "南城社区", "李小小", "6", "2100.00", "农村C档"]),
            .subtotal(["", "南关街道小计", "", "", "46", "21920.00", ""]),
            .total(["", "合计", "", "150户", "552", "246180.00", ""]),
        ])
        let setter = try Typesetter(settings: .gbt9704)
        let pages = try setter.pages(Self.document([.table(table)]))
        let rows = pages[0].rows
        let subtotal = try #require(rows.first { $0.kind == .subtotal })
        #expect(subtotal.cellLines == [[""], ["南关街道小计"], ["46"], ["21920.00"], [""]])
        let body = try #require(rows.first { $0.kind == .body })
        // The label covers 乡镇, 村 and 户主姓名: from the left edge of the second to the right of the fourth.
        #expect(abs(subtotal.cellExtents[1].lowerBound - body.cellExtents[1].lowerBound) < 0.001)
        #expect(abs(subtotal.cellExtents[1].upperBound - body.cellExtents[3].upperBound) < 0.001)
        let total = try #require(rows.first { $0.kind == .total })
        #expect(total.cellLines == [[""], ["合计"], ["150户"], ["552"], ["246180.00"], [""]])
        Self.expectEverythingInside(pages, setter.settings)
    }

    @Test func aNamesColumnTooNarrowForItsLongestNameIsWidened() throws {
        let columns = [Column(title: "序号"), Column(title: "姓名", width: 0.5, names: true), Column(title: "备注", width: 4)]
        let table = Table(name: "notice", caption: "", columns: columns,
                          rows: [.body(["1", "阿依古丽·买买提", "—"]), .body(["2", "张𠮷祥", "按月发放"])])
        let setter = try Typesetter(settings: .gbt9704)
        let pages = try setter.pages(Self.document([.table(table)]))
        let body = pages.flatMap(\.rows).filter { $0.kind == .body }
        #expect(body[0].cellLines[1] == ["阿依古丽·买买提"])
        Self.expectEverythingInside(pages, setter.settings)
    }

    @Test func theEmBoundCountsOnlyCharactersKnownToBeAtMostOneEmWide() {
        #expect(Flow.emBound("张𠮷祥") == 3)
        #expect(Flow.emBound("阿依古丽·买买提") == 8)
        #expect(Flow.emBound("Anna（王）１２") == 9)
        #expect(Flow.emBound("\u{FDFD}") == nil)   // an Arabic ligature four ems wide
        #expect(Flow.emBound("가나") == nil)         // Hangul syllables: measured
        #expect(Flow.emBound("😀") == nil)
    }

    @Test func columnsThatCannotAllFitNameTheWidestEntry() throws {
        let long = String(repeating: "阿依古丽", count: 12) + "·买买提"
        let table = Table(name: "notice", caption: "", columns: [Column(title: "序号"), Column(title: "姓名", names: true)],
                          rows: [.body(["1", "马建国"]), .body(["2", Cell(long)])])
        let error = try #require(throws: TypesetError.self) { try Typesetter(settings: .gbt9704).pages(Self.document([.table(table)])) }
        guard case .doesNotFit(let location, let reason) = error else { Issue.record("\(error)"); return }
        #expect(location == "notice 各列")
        #expect(reason.contains("仅“\(long)”（notice 第 2 行，姓名）就需要"), "\(reason)")
        #expect(reason.contains("请缩短最长的内容"))
    }

    @Test func aRowTallerThanAPageNamesItsTallestCell() throws {
        let table = Table(name: "notice", caption: "", columns: [Column(title: "序号"), Column(title: "备注")],
                          rows: [.body(["1", "短"]), .body(["2", Cell(String(repeating: "情况说明", count: 600))])])
        let error = try #require(throws: TypesetError.self) { try Typesetter(settings: .gbt9704).pages(Self.document([.table(table)])) }
        guard case .doesNotFit(let location, let reason) = error else { Issue.record("\(error)"); return }
        #expect(location == "notice 第 2 行，备注")
        #expect(reason.hasPrefix("该行需要"), "\(reason)")
    }

    /// A row made from a household names it (issue 21: the office must find which record to fix).
    @Test func aRowTooTallForAPageNamesItsHousehold() throws {
        let table = Table(name: "notice", caption: "", columns: [Column(title: "序号"), Column(title: "村（社区）")],
                          rows: [.body(["1", "短"], key: "YZ0000001"),
                                 .body(["2", Cell(String(repeating: "情况说明", count: 600))], key: "YZ0000002")])
        let error = try #require(throws: TypesetError.self) { try Typesetter(settings: .gbt9704).pages(Self.document([.table(table)])) }
        guard case .doesNotFit(let location, _) = error else { Issue.record("\(error)"); return }
        #expect(location == "notice 第 2 行（户编号 YZ0000002），村（社区）")
    }

    @Test func anEmptyTableStillPrintsItsHeader() throws {
        let table = Table(name: "started", caption: "本月新增", columns: Self.noticeColumns, rows: [])
        let pages = try Typesetter(settings: .gbt9704).pages(Self.document([.table(table)]))
        #expect(pages[0].rows.map(\.kind) == [.header])
    }

    // MARK: titles and headings

    @Test func aTitleBreaksOnlyBetweenItsSegments() throws {
        // Without segments the balancer broke these inside 特困人员 and 社会救助.
        let tekun = ["原州区", "2026年10月", "特困人员", "救助供养", "对象公布"]
        #expect(try Self.titleLines(tekun) == ["原州区2026年10月", "特困人员救助供养对象公布"])
        let complaints = ["原州区", "2026年10月", "社会救助", "投诉举报", "办理情况公布"]
        #expect(try Self.titleLines(complaints) == ["原州区2026年10月社会救助", "投诉举报办理情况公布"])
        // A short title stays on one line.
        #expect(try Self.titleLines(["原州区", "2026年1月", "临时救助", "对象公布"]) == ["原州区2026年1月临时救助对象公布"])
    }

    @Test func aSegmentLongerThanALineBreaksInsideItselfOnly() throws {
        let long = String(repeating: "长", count: 30)
        let lines = try Self.titleLines(["原州区", long, "公布"])
        #expect(lines.joined() == "原州区" + long + "公布")
        // Only the long segment is broken: 原州区 stays whole at a line's start, 公布 at a line's end.
        #expect(lines.first?.hasPrefix("原州区") == true && lines.last?.hasSuffix("公布") == true)
        #expect(lines.count >= 2 && lines.dropLast().allSatisfy { !$0.hasSuffix("原") && !$0.hasSuffix("公") })
        let pages = try Typesetter(settings: .gbt9704).pages(Self.document(title: ["原州区", long, "公布"], []))
        Self.expectEverythingInside(pages, .gbt9704)
    }

    @Test func aHeadingBreaksOnlyBetweenItsSegmentsAndKeepsItsNumber() throws {
        let segments = ["来访地点：", "原州区", "政务服务中心", "二楼", "民政窗口", "（节假日", "另行公告）"]
        let pages = try Typesetter(settings: .gbt9704).pages(Self.document([.heading(Heading(level: 1, segments: segments))]))
        let lines = Array(pages[0].lines.dropFirst().prefix { !$0.hasPrefix("—") })
        #expect(lines.joined() == "一、" + segments.joined())
        #expect(lines.count == 2)
        // Each line is a run of whole segments, the number with the first.
        var boundaries: Set<Int> = [0], offset = "一、".count
        for segment in segments { offset += segment.count; boundaries.insert(offset) }
        var end = 0
        for line in lines { end += line.count; #expect(boundaries.contains(end), "\(lines)") }
    }

    @Test func aMiddleDotNameInAParagraphMovesWholeToTheNextLineWithoutRunningPastTheMargin() throws {
        let setter = try Typesetter(settings: .gbt9704)
        for shift in 20...30 {
            let text = String(repeating: "公", count: shift) + "阿依古丽·买买提" + String(repeating: "示", count: 20)
            let pages = try setter.pages(Self.document([.paragraph(Paragraph(text))]))
            let lines = pages[0].lines.filter { $0.contains("公") || $0.contains("示") }
            #expect(lines.contains { $0.contains("阿依古丽·买买提") }, "name split at shift \(shift): \(lines)")
            Self.expectEverythingInside(pages, setter.settings)
        }
    }

    // MARK: signature, charts

    @Test func anOfficeNameLongerThanTheLineWraps() throws {
        let office = "宁夏回族自治区固原市原州区民政局社会救助服务中心（原州区最低生活保障工作领导小组办公室）"
        let setter = try Typesetter(settings: .gbt9704)
        let pages = try setter.pages(Self.document([.signature(Signature(office: office, date: Self.date))]))
        let lines = pages[0].lines
        #expect(lines.joined().contains(office + "2026年1月5日"), "\(lines)")
        Self.expectEverythingInside(pages, setter.settings)
    }

    @Test func aChartWithManyCategoriesWrapsItsLabelsAndOneItCannotHoldIsNamed() throws {
        let towns = (1...24).map { "第\($0)街道" }
        let chart = Chart(kind: .bar, title: "各乡镇保障户数", categories: towns,
                          series: [Series(name: "户数", values: towns.indices.map { Double(1000 + $0 * 37) })])
        let setter = try Typesetter(settings: .gbt9704)
        let pages = try setter.pages(Self.document([.chart(chart)]))
        Self.expectEverythingInside(pages, setter.settings)

        let crowded = Chart(kind: .bar, title: "过密", categories: (1...300).map { "第\($0)村" },
                            series: [Series(name: "户数", values: Array(repeating: 12345, count: 300))])
        #expect(throws: TypesetError.doesNotFit(location: "第 1 块（图表 过密）",
                                                reason: "300 个分类每个只有 1 pt，放不下标签；请减少分类或改用表格")) {
            try setter.pages(Self.document([.chart(crowded)]))
        }
    }

    // MARK: what would have trapped

    @Test func impossibleDocumentsAreRefusedWithTheirPathBeforeLayout() throws {
        let setter = try Typesetter(settings: .gbt9704)
        let columns = [Column(title: "a"), Column(title: "b")]
        let cases: [(Block, String)] = [
            (.table(Table(name: "t", caption: "", columns: columns, headerGroups: [HeaderGroup(title: "x", span: -1), HeaderGroup(title: "y", span: 3)],
                          rows: [])), "blocks[0].headerGroups[0].span"),
            (.table(Table(name: "t", caption: "", columns: columns, headerGroups: [HeaderGroup(title: "x", span: 3)], rows: [])),
             "blocks[0].headerGroups[0].span"),
            (.table(Table(name: "t", caption: "", columns: [Column(title: "a", width: 0)], rows: [])), "blocks[0].columns[0].width"),
            (.table(Table(name: "t", caption: "", columns: [Column(title: "a", width: -.infinity)], rows: [])), "blocks[0].columns[0].width"),
            (.table(Table(name: "t", caption: "", columns: [Column(title: "a", width: .nan)], rows: [])), "blocks[0].columns[0].width"),
            (.table(Table(name: "t", caption: "", columns: [], rows: [])), "blocks[0].columns"),
            (.table(Table(name: "t", caption: "", columns: columns, rows: [.body(["1", "2", "3"])])), "blocks[0].rows[0]"),
            (.chart(Chart(kind: .bar, title: "c", categories: [], series: [Series(name: "s", values: [])])), "blocks[0].categories"),
            (.chart(Chart(kind: .line, title: "c", categories: ["a"], series: [Series(name: "s", values: [.nan])])), "blocks[0].series[0].values[0]"),
            (.chart(Chart(kind: .bar, title: "c", categories: ["a"], series: [Series(name: "s", values: [.infinity])])), "blocks[0].series[0].values[0]"),
            (.chart(Chart(kind: .bar, title: "c", categories: ["a"], series: [Series(name: "s", values: [1, 2])])), "blocks[0].series[0].values"),
            (.paragraph(Paragraph("截断\u{0}之后")), "blocks[0].runs[0].text"),
        ]
        for (block, path) in cases {
            let error = try #require(throws: DocumentError.self) { try setter.pages(Self.document([block])) }
            #expect(error.path == path, "\(error)")
        }
    }

    @Test func pageSettingsOutsideTheirLimitsAreRefusedWithKeyAndLine() throws {
        let cases: [(String, Int, String)] = [
            ("[sizes]\nbody_pt = 1e12\n", 2, "'sizes.body_pt' 须在 4 至 144 pt 之间"),
            ("[sizes]\ntitle_pt = 22\nline_pitch_pt = 10\n", 3, "'sizes.line_pitch_pt' 须在 body_pt"),
            ("[paper]\nwidth_mm = 1e999\n", 2, "'paper.width_mm' 须在 50 至 2000 mm 之间"),
            ("[margins]\nleft_mm = 100\nright_mm = 60\n", 1, "'sizes.body_pt' 15 个正文字符需要 240.0 pt"),
            ("[sizes]\npage_number_gap_mm = 40\n", 2, "'sizes.page_number_gap_mm' 页码"),
            ("[sizes]\nchart_height_mm = 300\n", 2, "'sizes.chart_height_mm' 须至少 30 mm"),
        ]
        for (toml, line, message) in cases {
            let error = try #require(throws: TOMLError.self) { try PageSettings.parse(TOML.parse(toml)) }
            #expect(error.line == line && error.message.hasPrefix(message), "\(toml): \(error)")
        }
        var settings = PageSettings.gbt9704
        settings.tableSize = .infinity
        #expect(throws: TypesetError.invalidSettings(PageSettings.Problem(key: "sizes.table_pt", reason: "须在 4 至 144 pt 之间"))) {
            try Typesetter(settings: settings)
        }
    }
}
