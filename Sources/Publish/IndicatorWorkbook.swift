import Foundation
import GongkaiCore
import Indicators
import Sheets

/// indicators.xlsx: the same rows as indicators.csv, as staff open them in Excel or WPS — values as
/// numbers (percentages with a percent format), codes as text, a frozen header, column widths, and a
/// second sheet with each indicator's definition.
public enum IndicatorWorkbook {
    public static func data(_ rows: [IndicatorRow], catalog: IndicatorCatalog, title: String, created: String) throws -> Data {
        try XLSXWriter.data(sheets(rows, catalog: catalog), title: title, created: created)
    }

    static func sheets(_ rows: [IndicatorRow], catalog: IndicatorCatalog) -> [XLSXWriter.Sheet] {
        let names = Dictionary(catalog.definitions.map { ($0.id, $0.name) }, uniquingKeysWith: { first, _ in first })
        let data = rows.map { r -> [XLSXWriter.Cell] in
            let percent = r.unit == "%"
            func value(_ text: String) -> XLSXWriter.Cell { text.isEmpty ? .empty : percent ? .percent(text) : .number(text) }
            return [.text(r.indicator), .text(names[r.indicator] ?? ""), .text(r.programme), .text(r.township), .text(r.month),
                    value(r.value), r.numerator.map { .number(String($0)) } ?? .empty,
                    r.denominator.map { .number(String($0)) } ?? .empty, .text(r.unit), value(r.target),
                    r.status.isEmpty ? .empty : .text(r.status)]
        }
        let definitions = catalog.definitions.map { d -> [XLSXWriter.Cell] in
            [.text(d.id), .text(d.name), .text(d.nameEnglish), .text(d.unit.chinese), .text(d.direction.rawValue),
             .text(d.definition), .text(d.numeratorText), d.denominatorText.map { .text($0) } ?? .empty,
             .text(d.sources.joined(separator: "；"))]
        }
        return [
            XLSXWriter.Sheet(name: "indicators", columns: [
                .init("indicator", width: 26, style: .code), .init("name", width: 30), .init("programme", width: 12, style: .code),
                .init("township", width: 14), .init("month", width: 10, style: .code), .init("value", width: 12),
                .init("numerator", width: 14, style: .integer), .init("denominator", width: 14, style: .integer),
                .init("unit", width: 14, style: .code), .init("target", width: 10), .init("status", width: 10),
            ], rows: data),
            XLSXWriter.Sheet(name: "definitions", columns: [
                .init("indicator", width: 26, style: .code), .init("name", width: 30), .init("name_en", width: 36),
                .init("unit", width: 10), .init("direction", width: 10, style: .code), .init("definition", width: 60),
                .init("numerator", width: 40), .init("denominator", width: 40), .init("sources", width: 30),
            ], rows: definitions),
        ]
    }
}
