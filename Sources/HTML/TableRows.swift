import Document

/// A table's rows rendered through two typed templates (templates/html/table-row.mustache and
/// table-cell.mustache, `TypedTemplate`), for the table template's `{{{rowsHTML}}}`.
///
/// Through swift-mustache each row and each cell was a `[String: Any]` looked up by name, with
/// several dynamic casts per value and an escaper working one `Character` at a time: on a month's
/// district notices that was most of the HTML renderer's time (issue 28). The two files stay
/// ordinary Mustache templates the office can edit; the page around them (table.mustache) does too.
struct TableRows: Sendable {
    let row: TypedTemplate<Row>
    let cell: TypedTemplate<Cell>

    /// The files, in the html templates folder.
    static let rowFile = "table-row.mustache", cellFile = "table-cell.mustache"

    /// A group heading, or a body, subtotal or total row with its cells already rendered.
    struct Row {
        var group = false
        var anchor = "", span = "", titleHTML = "", id = "", kind = "", cellsHTML = ""
        var jumpList = false

        static let fields: [String: TypedTemplate<Row>.Field] = [
            "group": .flag { $0.group }, "anchor": .text { $0.anchor }, "span": .text { $0.span }, "titleHTML": .text { $0.titleHTML },
            "jumpList": .flag { $0.jumpList }, "id": .text { $0.id }, "kind": .text { $0.kind }, "cellsHTML": .text { $0.cellsHTML },
        ]
    }

    struct Cell {
        var textHTML = "", span = "", label = "", align = "", status = ""
        var spans = false, hasLabel = false, name = false, word = false, hasStatus = false

        static let fields: [String: TypedTemplate<Cell>.Field] = [
            "textHTML": .text { $0.textHTML }, "spans": .flag { $0.spans }, "span": .text { $0.span }, "hasLabel": .flag { $0.hasLabel },
            "label": .text { $0.label }, "align": .text { $0.align }, "name": .flag { $0.name }, "word": .flag { $0.word },
            "hasStatus": .flag { $0.hasStatus }, "status": .text { $0.status },
        ]
    }

    /// `table`'s rows as HTML, one line a row. `id`: the table's element id (group rows are anchored
    /// `<id>-g1`, `<id>-g2`, …); `jumpList`: whether each group row links back to the jump list;
    /// `labels`: each column's title for the cells of a table that reflows on a phone, or nil.
    func html(_ table: Table, id: String, jumpList: Bool, labels: [String]?) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(table.rows.count * 64 * max(1, table.columns.count))
        var cellBytes: [UInt8] = []
        var groups = 0
        for tableRow in table.rows {
            var view = Row(id: id, jumpList: jumpList)
            switch tableRow.kind {
            case .group:
                groups += 1
                view.group = true
                view.span = String(table.columns.count)
                view.titleHTML = Phrasing.cell(tableRow.cells.first?.text ?? "")
                view.anchor = "\(id)-g\(groups)"
            case .body, .subtotal, .total:
                view.kind = tableRow.kind.rawValue
                cellBytes.removeAll(keepingCapacity: true)
                // A subtotal's or total's label spans the empty cells after it (`Table.cells(of:)`).
                for (spanned, align) in Self.cells(of: tableRow, in: table) {
                    let column = table.columns[spanned.column]
                    let text = spanned.cell.text
                    cell.render(Cell(
                        textHTML: Phrasing.cell(text), span: String(spanned.span), label: labels?[spanned.column] ?? "",
                        align: align.rawValue, status: spanned.cell.status?.rawValue ?? "", spans: spanned.span > 1,
                        hasLabel: labels != nil, name: column.names || spanned.cell.isName,
                        // Digits and Latin letters a browser keeps together anyway: only a CJK word is marked.
                        word: !text.utf8.allSatisfy { $0 < 0x80 } && NoBreak.isWord(text),
                        hasStatus: spanned.cell.status != nil), into: &cellBytes)
                }
                view.cellsHTML = String(decoding: cellBytes, as: UTF8.self)
            }
            row.render(view, into: &bytes)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The cells of `row` with their alignment. A phone leaves out a column its groups state (乡镇):
    /// a subtotal's label that starts there ("南关街道小计" over 乡镇 and 村) starts instead in the
    /// empty cell before it (序号), keeping its own column's alignment, so that it is not cut off
    /// with the column.
    static func cells(of row: TableRow, in table: Table) -> [(SpannedCell, Alignment)] {
        var cells = table.cells(of: row).map { ($0, table.columns[$0.column].align) }
        if row.kind != .body,
           let i = cells.firstIndex(where: { table.columns[$0.0.column].statedByGroup && !$0.0.cell.text.isEmpty }),
           i > 0, cells[i - 1].0.cell.text.isEmpty {
            var label = cells[i].0
            label.column = cells[i - 1].0.column
            label.span += cells[i - 1].0.span
            cells[i - 1] = (label, cells[i].1)
            cells.remove(at: i)
        }
        return cells
    }
}
