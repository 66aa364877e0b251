import Document
import Foundation
import GongkaiCore
import Testing

@Suite struct HeadingNumberingTests {
    @Test func officialStyleAndRestartBelowHigherLevel() {
        var n = HeadingNumbering()
        #expect(n.next(level: 1) == "一、")
        #expect(n.next(level: 2) == "（一）")
        #expect(n.next(level: 2) == "（二）")
        #expect(n.next(level: 3) == "1．")
        #expect(n.next(level: 4) == "（1）")
        #expect(n.next(level: 1) == "二、")
        #expect(n.next(level: 2) == "（一）")
    }

    @Test func chineseNumerals() {
        #expect(HeadingNumbering.chineseNumeral(10) == "十")
        #expect(HeadingNumbering.chineseNumeral(11) == "十一")
        #expect(HeadingNumbering.chineseNumeral(20) == "二十")
        #expect(HeadingNumbering.chineseNumeral(99) == "九十九")
    }
}

@Suite struct NiceScaleTests {
    @Test func ticksAreRoundAndCoverTheData() {
        let scale = NiceScale(maximum: 512)
        #expect(scale.lower == 0)
        #expect(scale.upper >= 512)
        #expect(scale.ticks == [0, 200, 400, 600])
        #expect(NiceScale(maximum: 16).ticks == [0, 5, 10, 15, 20])
        #expect(NiceScale(maximum: 0.8).decimals == 1)
    }

    @Test func allZeroDataStillHasAnAxis() {
        #expect(NiceScale(maximum: 0).ticks.count > 1)
    }

    /// A chart holding the values `values` (one series), as its labels print them.
    static func labels(_ values: [Double]) -> [String] {
        let chart = Chart(kind: .line, title: "t", categories: values.map { _ in "c" }, series: [Series(name: "s", values: values)])
        return values.map(chart.label)
    }

    @Test func valuesPrintWithTheirOwnPrecision() {
        #expect(Self.labels([12]) == ["12"])
        #expect(Self.labels([96.8]) == ["96.8"])
        #expect(Self.labels([0.126]) == ["0.13"])
    }

    /// One precision for the whole chart, the most any value needs (at most two decimals): never "98."
    /// (97.999 once printed so) nor 97.8 beside 98.04; thousands grouped.
    @Test func everyValueOfAChartPrintsWithTheSameDecimals() {
        #expect(Self.labels([97.8, 98.04, 97.999]) == ["97.80", "98.04", "98.00"])
        #expect(Self.labels([97.8, 98, 96.25]) == ["97.80", "98.00", "96.25"])
        #expect(Self.labels([97.8, 98]) == ["97.8", "98.0"])
        #expect(Self.labels([12345, 678]) == ["12,345", "678"])
        for label in Self.labels([97.999, 98.1, 99.9999]) { #expect(!label.hasSuffix(".")) }
    }
}

@Suite struct DocumentJSONTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test func exampleDocumentDecodesAndRoundTrips() throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("templates/examples/document.json"))
        let doc = try Document.decode(json: data, file: "document.json")
        #expect(doc.metadata.publicationDate == CivilDate(year: 2026, month: 1, day: 5))
        let tables = doc.blocks.compactMap { if case .table(let t) = $0 { t } else { nil } }
        #expect(tables.first?.rows.contains { $0.cells.contains { $0.text == "阿依古丽·买买提" } } == true)
        let again = try Document.decode(json: try doc.encodedJSON(), file: "again.json")
        #expect(again == doc)
    }

    @Test func compactRowForms() throws {
        let json = """
        {"metadata": {"title": "t", "office": "o", "publicationDate": "2026-01-05"},
         "blocks": [{"type": "table", "name": "notice", "columns": [{"title": "a"}, {"title": "b", "names": true}],
                     "rows": [{"group": "三营镇"}, ["1", {"text": "张三", "name": true}], {"total": ["合计", ""]}]}]}
        """
        let doc = try Document.decode(json: Data(json.utf8), file: "x.json")
        guard case .table(let t) = doc.blocks[0] else { Issue.record("not a table"); return }
        #expect(t.rows.map(\.kind) == [.group, .body, .total])
        #expect(t.rows[1].cells[1].isName)
        #expect(t.location(bodyRow: 132, column: 1) == "notice 第 132 行，b")
    }

    @Test func errorsNameTheField() {
        let json = """
        {"metadata": {"title": "t", "office": "o", "publicationDate": "2026-01-05"},
         "blocks": [{"type": "heading", "level": 7, "text": "x"}]}
        """
        #expect(throws: InputError.self) { try Document.decode(json: Data(json.utf8), file: "x.json") }
        do {
            _ = try Document.decode(json: Data(json.utf8), file: "x.json")
        } catch {
            #expect("\(error)".contains("x.json: blocks[0].level: 标题级别须为 1 至 4"))
        }
    }

    @Test func rowWithWrongCellCountIsRejected() {
        let json = """
        {"metadata": {"title": "t", "office": "o", "publicationDate": "2026-01-05"},
         "blocks": [{"type": "table", "name": "notice", "columns": [{"title": "a"}], "rows": [["1", "2"]]}]}
        """
        #expect(throws: InputError.self) { try Document.decode(json: Data(json.utf8), file: "x.json") }
    }
}

@Suite struct ChartLayoutTests {
    @Test func barsStandOnTheZeroLineAndScaleWithTheirValues() throws {
        let chart = Chart(kind: .bar, title: "户数", categories: ["甲", "乙"], series: [Series(name: "户数", values: [10, 20])])
        let layout = try ChartLayout(chart, width: 400, height: 200)
        let bars = layout.marks.compactMap { if case .rect(_, let y, _, let h, _) = $0 { (y, h) } else { nil } }
        #expect(bars.count == 2)
        #expect(abs((bars[0].0 + bars[0].1) - (bars[1].0 + bars[1].1)) < 0.001)
        #expect(abs(bars[1].1 - 2 * bars[0].1) < 0.001)
    }
}

/// The rule both renderers draw by: a subtotal's or total's label extends over the empty cells after it.
@Suite struct SpanRuleTests {
    static let table = Table(name: "notice", caption: "", columns: ["序号", "乡镇", "村", "户主姓名", "人数", "金额", "类别"].map { Column(title: $0) },
                             rows: [])

    static func spans(_ row: TableRow) -> [[Int]] {
        table.cells(of: row).map { [$0.column, $0.span] }
    }

    @Test func theLabelOfASubtotalExtendsOverTheEmptyCellsAfterIt() {
        let row = TableRow.subtotal(["", "南关街道小计", "", "", "46", "21920.00", ""])
        #expect(Self.spans(row) == [[0, 1], [1, 3], [4, 1], [5, 1], [6, 1]])
        #expect(Self.table.cells(of: row)[1].cell.text == "南关街道小计")
    }

    @Test func onlyTheLabelSpansNotTheValuesAfterIt() {
        // 合计 spans 乡镇 and 村; 150户 stops it; the empty 类别 after the amount keeps its own column.
        #expect(Self.spans(.total(["", "合计", "", "150户", "552", "246180.00", ""])) == [[0, 1], [1, 2], [3, 1], [4, 1], [5, 1], [6, 1]])
        #expect(Self.spans(.total(["合计", "", "", "", "", "", ""])) == [[0, 7]])
        #expect(Self.spans(.subtotal(["", "", "", "", "", "", ""])) == (0..<7).map { [$0, 1] })
    }

    @Test func bodyRowsNeverSpanAndGroupsSpanTheTable() {
        #expect(Self.spans(.body(["1", "", "", "马建国", "", "", ""])) == (0..<7).map { [$0, 1] })
        #expect(Self.spans(.group("三营镇")) == [[0, 7]])
    }

    @Test func aRowIsReadAgainstTheColumnsEvenWhenItsLengthIsWrong() {
        #expect(Self.spans(.body(["1", "2"])) == (0..<7).map { [$0, 1] })
        #expect(Self.spans(.body(Array(repeating: "x", count: 9))).count == 7)
        #expect(Table(name: "t", caption: "", columns: [], rows: []).cells(of: .group("x")).isEmpty)
    }
}

@Suite struct SegmentTests {
    static func decode(_ title: String) throws -> Document {
        try Document.decode(json: Data("""
            {"metadata": {"title": \(title), "office": "o", "publicationDate": "2026-01-05"},
             "blocks": [{"type": "heading", "level": 1, "text": \(title)}]}
            """.utf8), file: "x.json")
    }

    @Test func aTitleOrHeadingIsOneStringOrItsSegments() throws {
        let plain = try Self.decode("\"原州区2026年10月特困人员救助供养对象公布\"")
        #expect(plain.metadata.titleSegments == ["原州区2026年10月特困人员救助供养对象公布"])
        let segmented = try Self.decode("[\"原州区\", \"2026年10月\", \"特困人员\", \"救助供养\", \"对象公布\"]")
        #expect(segmented.metadata.titleSegments == ["原州区", "2026年10月", "特困人员", "救助供养", "对象公布"])
        #expect(segmented.metadata.title == "原州区2026年10月特困人员救助供养对象公布")
        #expect(segmented.blocks == [.heading(Heading(level: 1, segments: ["原州区", "2026年10月", "特困人员", "救助供养", "对象公布"]))])
        // One segment is written back as a plain string, several as an array.
        for doc in [plain, segmented] {
            #expect(try Document.decode(json: doc.encodedJSON(), file: "again.json") == doc)
        }
        let written = String(decoding: try plain.encodedJSON(), as: UTF8.self)
        #expect(written.contains("\"title\" : \"原州区2026年10月特困人员救助供养对象公布\""))
    }
}

/// A document from JSON that the renderers could not draw — or that would have trapped them — is
/// refused when read, naming the file and the JSON path.
@Suite struct ValidationTests {
    static func error(_ blocks: String) -> String {
        let json = """
        {"metadata": {"title": "t", "office": "o", "publicationDate": "2026-01-05"}, "blocks": [\(blocks)]}
        """
        do {
            _ = try Document.decode(json: Data(json.utf8), file: "x.json")
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    static let twoColumns = #""columns": [{"title": "a"}, {"title": "b"}]"#

    @Test func impossibleTablesAreRefusedWithTheirPath() {
        #expect(Self.error(#"{"type": "table", "name": "n", \#(Self.twoColumns), "headerGroups": [{"title": "x", "span": -1}, {"title": "y", "span": 3}], "rows": []}"#)
            .hasPrefix("x.json: blocks[0].headerGroups[0].span: 表头分组 'x' 跨 -1 列"))
        #expect(Self.error(#"{"type": "table", "name": "n", \#(Self.twoColumns), "headerGroups": [{"title": "x", "span": 1}, {"title": "y", "span": 2}], "rows": []}"#)
            .hasPrefix("x.json: blocks[0].headerGroups[1].span:"))
        #expect(Self.error(#"{"type": "table", "name": "n", "columns": [{"title": "a", "width": 0}], "rows": []}"#)
            == "x.json: blocks[0].columns[0].width: 列宽须为大于 0 且不超过 1000 的数（占版心宽度的份额），实际为 0.0")
        #expect(Self.error(#"{"type": "table", "name": "n", "columns": [{"title": "a", "width": 1e300}], "rows": []}"#)
            .hasPrefix("x.json: blocks[0].columns[0].width:"))
        #expect(Self.error(#"{"type": "table", "name": "n", "columns": [], "rows": []}"#) == "x.json: blocks[0].columns: 表 'n' 没有列")
        #expect(Self.error(#"{"type": "table", "name": "n", \#(Self.twoColumns), "rows": [["1"], {"subtotal": ["1", "2", "3"]}]}"#)
            == "x.json: blocks[0].rows[0]: 表 'n' 第 1 行有 1 个单元格，而表有 2 列")
        #expect(Self.error(#"{"type": "table", "name": "n", \#(Self.twoColumns), "rows": [["1", "2"], {"subtotal": ["1", "2", "3"]}]}"#)
            .hasPrefix("x.json: blocks[0].rows[1].subtotal: 表 'n' 第 2 行有 3 个单元格"))
    }

    @Test func impossibleChartsAreRefusedWithTheirPath() {
        #expect(Self.error(#"{"type": "chart", "kind": "bar", "title": "c", "categories": [], "series": [{"name": "s", "values": []}]}"#)
            .hasPrefix("x.json: blocks[0].categories: 图表 'c' 没有分类"))
        #expect(Self.error(#"{"type": "chart", "kind": "bar", "title": "c", "categories": ["a"], "series": []}"#)
            == "x.json: blocks[0].series: 图表 'c' 没有数据系列")
        #expect(Self.error(#"{"type": "chart", "kind": "bar", "title": "c", "categories": ["a"], "series": [{"name": "s", "values": [1e300]}]}"#)
            .hasPrefix("x.json: blocks[0].series[0].values[0]: 图表的值须为 -1e15 至 1e15 之间的有限数"))
        // A number too large for a Double is refused by the decoder, never drawn.
        #expect(Self.error(#"{"type": "chart", "kind": "bar", "title": "c", "categories": ["a"], "series": [{"name": "s", "values": [1e400]}]}"#)
            == "x.json: 不是有效的 JSON（Number 1e400 is not representable in Swift.）")
    }

    @Test func controlCharactersAreRefusedWhereTheyWouldCutOrHideText() {
        #expect(Self.error(#"{"type": "paragraph", "text": "公布\u0000之后"}"#)
            == "x.json: blocks[0].runs[0].text: 第 3 个字符是控制字符（U+0000），无法打印，请删除")
        #expect(Self.error(#"{"type": "keyFigures", "items": [{"label": "户数\n合计", "value": "1"}]}"#)
            .hasPrefix("x.json: blocks[0].items[0].label: 第 3 个字符是换行符（U+000A）"))
        #expect(Self.error(#"{"type": "table", "name": "n", "columns": [{"title": "a"}], "rows": [["\u0007"]]}"#)
            .hasPrefix("x.json: blocks[0].rows[0][0]: 第 1 个字符是控制字符（U+0007）"))
        // Paragraphs and notes may break lines.
        #expect(Self.error(#"{"type": "paragraph", "text": "第一行\n第二行"}, {"type": "note", "text": "一\n二"}"#) == "accepted")
    }
}

@Suite struct NiceScaleEdgeTests {
    /// Whatever the data, the scale has a few finite ticks and a small number of decimals.
    @Test func anyDataGivesAUsableScale() {
        let cases: [(Double, Double)] = [(.infinity, 0), (.nan, 0), (1, .nan), (.greatestFiniteMagnitude, -.greatestFiniteMagnitude),
                                         (1e308, 0), (0, -1e308), (1e-300, 0), (-5, -20), (1e15, -1e15), (0.000001, 0)]
        for (maximum, minimum) in cases {
            let scale = NiceScale(maximum: maximum, minimum: minimum)
            #expect(scale.ticks.count >= 2 && scale.ticks.count <= 12, "\(maximum), \(minimum): \(scale)")
            #expect(scale.ticks.allSatisfy(\.isFinite) && scale.upper > scale.lower)
            #expect((0...7).contains(scale.decimals), "\(maximum), \(minimum): \(scale.decimals)")
        }
        // Data spanning less than a millionth is flat at chart resolution.
        #expect(NiceScale(maximum: 1e-9).ticks == NiceScale(maximum: 0).ticks)
    }
}

@Suite struct ChartLabelTests {
    /// Text marks as (left, right, baseline, size) by the layout's own estimate.
    static func extents(_ layout: ChartLayout) -> [(text: String, left: Double, right: Double, y: Double, size: Double)] {
        layout.marks.compactMap { mark in
            guard case .text(let text, let x, let y, let anchor, let size, _) = mark else { return nil }
            let w = ChartLayout.estimatedWidth(text, size: size)
            let left = anchor == .start ? x : anchor == .middle ? x - w / 2 : x - w
            return (text, left, left + w, y, size)
        }
    }

    /// No two labels on one baseline overlap, and every label lies inside the box.
    static func expectNoOverlap(_ layout: ChartLayout, sourceLocation: SourceLocation = #_sourceLocation) {
        let marks = extents(layout)
        for (i, a) in marks.enumerated() {
            #expect(a.left >= -0.01 && a.right <= layout.width + 0.01, "“\(a.text)” leaves the chart", sourceLocation: sourceLocation)
            for b in marks[(i + 1)...] where abs(a.y - b.y) < max(a.size, b.size) {
                #expect(a.right <= b.left + 0.01 || b.right <= a.left + 0.01, "“\(a.text)” overlaps “\(b.text)”", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func longCategoryLabelsWrapInsteadOfRunningIntoTheirNeighbours() throws {
        let towns = ["南关街道", "古雁街道", "北塬街道", "三营镇", "官厅镇", "开城镇", "张易镇", "彭堡镇", "头营镇", "黄铎堡镇",
                     "中河乡", "河川乡", "炭山乡", "寨科乡", "固原经济技术开发区管委会"]
        let chart = Chart(kind: .bar, title: "户数", categoryAxisTitle: "乡镇", categories: towns,
                          series: [Series(name: "户数", values: towns.indices.map { Double(300 + 40 * $0) })])
        let layout = try ChartLayout(chart, width: 442, height: 198, fontSize: 10)
        Self.expectNoOverlap(layout)
        // Every label is printed whole, its lines one after another; the long one takes several.
        let texts = Self.extents(layout).map(\.text)
        for town in towns { #expect(texts.joined().contains(town)) }
        #expect(!texts.contains("固原经济技术开发区管委会") && texts.contains { $0.hasPrefix("固原") })
    }

    @Test func crowdedValueLabelsShrinkThenAlternate() throws {
        // Side by side at 6 pt, "1480.8" over one bar would run into "1522.4" over the next.
        let chart = Chart(kind: .groupedBar, title: "资金", categories: (1...8).map { "\($0)月" },
                          series: [Series(name: "2025年", values: (1...8).map { Double($0) * 185.1 }),
                                   Series(name: "2026年", values: (1...8).map { Double($0) * 190.3 })])
        let layout = try ChartLayout(chart, width: 442, height: 198, fontSize: 10)
        Self.expectNoOverlap(layout)
        let values = Self.extents(layout).filter { $0.text.contains(".") }
        #expect(values.count == 16 && values.allSatisfy { abs($0.size - 6) < 0.001 })
    }

    @Test func aChartThatCannotHoldItsLabelsSaysWhy() {
        let chart = Chart(kind: .bar, title: "过密", categories: (1...300).map { "第\($0)村" },
                          series: [Series(name: "户数", values: Array(repeating: 12, count: 300))])
        #expect(throws: ChartLayoutError.self) { try ChartLayout(chart, width: 442, height: 198) }
        let legend = Chart(kind: .groupedBar, title: "图例", categories: ["甲"],
                           series: [Series(name: String(repeating: "很长的系列名称", count: 12), values: [1]), Series(name: "乙", values: [2])])
        #expect(throws: ChartLayoutError(chart: "图例", reason: "数据系列名 '\(String(repeating: "很长的系列名称", count: 12))' 太长，图例放不下；请缩短")) {
            try ChartLayout(legend, width: 442, height: 198)
        }
    }
}
