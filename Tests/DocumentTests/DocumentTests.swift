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

    @Test func valuesPrintWithTheirOwnPrecision() {
        #expect(Chart.format(12) == "12")
        #expect(Chart.format(96.8) == "96.8")
        #expect(Chart.format(0.126) == "0.13")
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
        #expect(t.location(bodyRow: 132, column: 1) == "notice row 132, b")
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
            #expect("\(error)".contains("x.json: blocks[0].level: heading level must be 1 to 4"))
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
