import Document

/// The flat view model the templates see: strings and booleans only, named as the templates use them.
/// docs/document-format.md lists the keys each partial may use. Keys ending in `HTML` hold text
/// already escaped here, with its English glosses marked (`Phrasing`); the templates insert them raw.
struct PageView {
    let dictionary: [String: Any]

    /// `home`: the relative address of the month's index page, linked from the top of the page;
    /// `tableRows`: the typed templates the tables' rows are rendered with.
    init(document: Document, css: String, home: String?, tableRows: TableRows) throws(ChartLayoutError) {
        let meta = document.metadata
        var numbering = HeadingNumbering()
        var charts = 0
        var ids = UniqueIDs()
        let blocks: [[String: Any]] = try document.blocks.map { block throws(ChartLayoutError) in
            switch block {
            case .heading(let h):
                return ["heading": ["level": String(h.level + 1), "number": numbering.next(level: h.level), "text": h.text,
                                    "segments": PageView.segments(h.segments)]]
            case .paragraph(let p):
                return ["paragraph": ["indent": p.indent,
                                      "runs": p.runs.map { ["textHTML": Phrasing.html($0.text), "emphasis": $0.emphasis] as [String: Any] }]]
            case .keyFigures(let k):
                return ["keyFigures": ["items": k.items.map { item -> [String: Any] in
                    ["label": item.label, "value": item.value, "unit": item.unit, "change": item.change ?? "", "changeHTML": Phrasing.html(item.change ?? ""),
                     "status": item.status.rawValue, "statusLabel": item.status.label]
                }]]
            case .table(let t):
                return ["table": PageView.table(t, id: ids.make("table-" + t.name), rows: tableRows)]
            case .chart(let c):
                charts += 1
                return ["chart": try PageView.chart(c, id: ids.make("chart-\(charts)"))]
            case .note(let n):
                return ["note": ["labelHTML": Phrasing.html(n.label), "textHTML": Phrasing.html(n.text)]]
            case .signature(let s):
                return ["signature": ["office": s.office, "date": s.dateText, "isoDate": s.date.description]]
            case .pageBreak:
                return ["pageBreak": true]
            }
        }
        dictionary = [
            "lang": meta.language, "title": meta.title, "titleSegments": PageView.segments(meta.titleSegments),
            "office": meta.office, "subject": meta.subject,
            "keywords": meta.keywords.joined(separator: ", "), "date": meta.publicationDate.chinese,
            "isoDate": meta.publicationDate.description, "css": css, "blocks": blocks,
            "home": home ?? "", "hasHome": home != nil,
        ].merging(PageView.catalogue(meta.catalogue)) { $1 }
    }

    /// The 政府信息公开 catalogue entry above the title (templates/html/catalogue.mustache).
    static func catalogue(_ entry: CatalogueEntry?) -> [String: Any] {
        ["hasCatalogue": entry != nil,
         "catalogue": (entry?.fields ?? []).map { ["label": $0.label, "valueHTML": Phrasing.html($0.value)] }]
    }

    /// A grouped table this long gets a jump list: shorter ones are seen whole at a glance.
    static let jumpListRows = 50

    /// A table in its own scrolling box (a wide table scrolls there, never the page). A table with
    /// several groups (the townships of a notice) gets a jump list of them above it: a reader finds
    /// a township in one click and its household in the next, without script.
    ///
    /// On a phone a table either keeps its columns or reflows (`reflows`). A list of people — a table
    /// with a names column or a column its groups state — keeps them: it is read down its columns, and
    /// thousands of rows as cards would be pages long; its box scrolls, with the first column fixed. Any
    /// other table of more than two columns (an indicator table, the townships side by side) reflows:
    /// each row becomes a card of its cells, each cell after its column's title (`label`).
    private static func table(_ t: Table, id: String, rows: TableRows) -> [String: Any] {
        let groups = t.rows.filter { $0.kind == .group }.enumerated().map { i, row -> [String: Any] in
            ["title": row.cells.first?.text ?? "", "anchor": "\(id)-g\(i + 1)"]
        }
        let jumpList = groups.count > 1 && t.rows.count >= jumpListRows
        return [
            "id": id, "caption": t.caption, "captionHTML": Phrasing.html(t.caption),
            "reflows": reflows(t),
            "hasGroups": !t.headerGroups.isEmpty,
            "groups": t.headerGroups.map { ["titleHTML": Phrasing.cell($0.title), "span": String($0.span)] },
            "columns": t.columns.map { ["titleHTML": Phrasing.cell($0.title), "align": $0.align.rawValue,
                                          "statedByGroup": $0.statedByGroup] },
            "rowsHTML": rows.html(t, id: id, jumpList: jumpList, labels: reflows(t) ? cellLabels(t) : nil),
            "jumpList": jumpList, "jumpGroups": groups,
        ]
    }

    /// Whether `t` becomes cards on a phone (see `table(_:id:)`).
    static func reflows(_ t: Table) -> Bool {
        t.columns.count > 2 && !t.columns.contains { $0.names || $0.statedByGroup }
    }

    /// Each column's title as a card shows it beside a cell: under a header group, "group title".
    static func cellLabels(_ t: Table) -> [String] {
        var groupOf: [String] = []
        for group in t.headerGroups { groupOf += Array(repeating: group.title, count: group.span) }
        return t.columns.enumerated().map { c, column in
            c < groupOf.count && !groupOf[c].isEmpty ? "\(groupOf[c]) \(column.title)" : column.title
        }
    }

    /// A title's or heading's segments, each after a `<wbr>` but the first: with `word-break: keep-all`
    /// the browser breaks the line only there, as the PDF does.
    private static func segments(_ segments: [String]) -> [[String: Any]] {
        segments.enumerated().map { i, text in ["textHTML": Phrasing.html(text, noBreak: false), "wbr": i > 0] }
    }

    private static func chart(_ c: Chart, id: String) throws(ChartLayoutError) -> [String: Any] {
        [
            "id": id, "title": c.title, "titleHTML": Phrasing.html(c.title), "svg": try SVGChart.svg(c, id: id),
            "categoryTitleHTML": Phrasing.html(c.categoryAxisTitle.isEmpty ? "类别" : c.categoryAxisTitle),
            "series": c.series.map { ["name": $0.name] },
            "unit": c.unit,
            "rows": c.categories.enumerated().map { i, category -> [String: Any] in
                ["categoryHTML": Phrasing.cell(category), "values": c.series.map { ["value": c.label($0.values[i])] }]
            },
        ]
    }
}

/// Element ids, unique in a page even when two tables share a name: a repeated id is invalid HTML
/// and sends a link to the wrong table.
struct UniqueIDs {
    private var seen: [String: Int] = [:]

    mutating func make(_ base: String) -> String {
        let count = (seen[base] ?? 0) + 1
        seen[base] = count
        return count == 1 ? base : "\(base)-\(count)"
    }
}
