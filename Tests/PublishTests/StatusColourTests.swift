import Document
import Foundation
import HTML
import Testing
@testable import Publish

/// Status words (达标, 预警, 未达标) in the report's tables carry their status, which both renderers set
/// in its colour beside the word: never colour alone.
@Suite struct StatusColourTests {
    @Test func everyStatusCellCarriesItsStatus() throws {
        let doc = try EvaluationReportTests.fixture.get().document
        var seen = 0
        for case .table(let table) in doc.blocks where table.name.hasPrefix("indicators-") {
            guard let column = table.columns.firstIndex(where: { $0.title == "状态" }) else { continue }
            for row in table.rows where row.kind == .body {
                let cell = row.cells[column]
                let expected: FigureStatus? = switch cell.text { case "达标": .met; case "预警": .warning; case "未达标": .notMet; default: nil }
                #expect(cell.status == expected, "\(table.name): \(cell.text)")
                if expected != nil { seen += 1 }
            }
        }
        #expect(seen > 5)
        let html = try HTMLRenderer(templatesDirectory: EvaluationReportTests.templates + "/html").render(doc)
        // The indicator tables reflow on a phone: the cell also carries its column's title.
        #expect(html.contains(#"<td data-label="状态" class="center word status-met">达标</td>"#))
    }

    @Test func theStatusRoundTripsThroughJSON() throws {
        let cell = Cell("预警", status: .warning)
        let data = try JSONEncoder().encode(cell)
        #expect(String(decoding: data, as: UTF8.self).contains("\"status\":\"warning\""))
        #expect(try JSONDecoder().decode(Cell.self, from: data) == cell)
        #expect(String(decoding: try JSONEncoder().encode(Cell("达标")), as: UTF8.self) == "\"达标\"")
    }
}
