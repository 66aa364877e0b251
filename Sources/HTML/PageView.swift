import Document
import Mustache

/// The flat view model the templates see: strings and booleans only, named as the templates use them.
/// docs/document-format.md lists the keys each partial may use.
struct PageView {
    let dictionary: [String: Any]

    init(document: Document, css: String) throws(ChartLayoutError) {
        let meta = document.metadata
        var numbering = HeadingNumbering()
        var charts = 0
        let blocks: [[String: Any]] = try document.blocks.map { block throws(ChartLayoutError) in
            switch block {
            case .heading(let h):
                return ["heading": ["level": String(h.level + 1), "number": numbering.next(level: h.level), "text": h.text,
                                    "segments": PageView.segments(h.segments)]]
            case .paragraph(let p):
                return ["paragraph": ["indent": p.indent,
                                      "runs": p.runs.map { ["text": $0.text, "emphasis": $0.emphasis] as [String: Any] }]]
            case .keyFigures(let k):
                return ["keyFigures": ["items": k.items.map { item -> [String: Any] in
                    ["label": item.label, "value": item.value, "unit": item.unit, "change": item.change ?? "",
                     "status": item.status.rawValue, "statusLabel": item.status.label]
                }]]
            case .table(let t):
                return ["table": PageView.table(t)]
            case .chart(let c):
                charts += 1
                return ["chart": try PageView.chart(c, id: "chart-\(charts)")]
            case .note(let n):
                return ["note": ["label": n.label, "text": n.text]]
            case .signature(let s):
                return ["signature": ["office": s.office, "date": s.dateText]]
            case .pageBreak:
                return ["pageBreak": true]
            }
        }
        dictionary = [
            "lang": meta.language, "title": meta.title, "titleSegments": PageView.segments(meta.titleSegments),
            "office": meta.office, "subject": meta.subject,
            "keywords": meta.keywords.joined(separator: ", "), "date": meta.publicationDate.chinese,
            "isoDate": meta.publicationDate.description, "css": css, "blocks": blocks,
        ]
    }

    private static func table(_ t: Table) -> [String: Any] {
        [
            "name": t.name, "caption": t.caption,
            "hasGroups": !t.headerGroups.isEmpty,
            "groups": t.headerGroups.map { ["title": $0.title, "span": String($0.span)] },
            "columns": t.columns.map { ["title": $0.title, "align": $0.align.rawValue] },
            "rows": TableRowsView(table: t),
        ]
    }

    /// A title's or heading's segments, each after a `<wbr>` but the first: with `word-break: keep-all`
    /// the browser breaks the line only there, as the PDF does.
    private static func segments(_ segments: [String]) -> [[String: Any]] {
        segments.enumerated().map { i, text in ["text": text, "wbr": i > 0] }
    }

    private static func chart(_ c: Chart, id: String) throws(ChartLayoutError) -> [String: Any] {
        [
            "id": id, "title": c.title, "svg": try SVGChart.svg(c, id: id),
            "categoryTitle": c.categoryAxisTitle.isEmpty ? "类别" : c.categoryAxisTitle,
            "series": c.series.map { ["name": $0.name] },
            "unit": c.unit,
            "rows": c.categories.enumerated().map { i, category -> [String: Any] in
                ["category": category, "values": c.series.map { ["value": Chart.format($0.values[i])] }]
            },
        ]
    }
}

/// A table's rows as the template walks them: each row's view model is made when the template reaches
/// it and dropped after. Built all at once, the dictionaries of a 50,000-row notice were most of the
/// HTML renderer's memory.
struct TableRowsView: MustacheSequence {
    let table: Table

    func makeIterator() -> LazyMapSequence<[TableRow], [String: Any]>.Iterator {
        let columns = table.columns
        return table.rows.lazy.map { row -> [String: Any] in
            switch row.kind {
            case .group:
                return ["group": true, "span": String(columns.count), "title": row.cells.first?.text ?? ""]
            case .body, .subtotal, .total:
                // A subtotal's or total's label spans the empty cells after it (`Table.cells(of:)`).
                let cells: [[String: Any]] = table.cells(of: row).map { spanned in
                    let column = columns[spanned.column]
                    return ["text": spanned.cell.text, "align": column.align.rawValue, "name": column.names || spanned.cell.isName,
                            "spans": spanned.span > 1, "span": String(spanned.span)]
                }
                // `group: false` rather than no key: swift-mustache looks a missing key up through every
                // enclosing context, twice a row for `{{#group}}` and `{{^group}}`.
                return ["group": false, "kind": row.kind.rawValue, "cells": cells]
            }
        }.makeIterator()
    }
}
