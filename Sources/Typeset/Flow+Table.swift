import Document

/// Table pagination: the header repeats on every page, a row is never split, a group heading is never
/// the last row of a page, a name never breaks.
extension Flow {
    /// A row with its layouts made and its height known, not yet placed.
    struct PreparedRow {
        let kind: PlacedRow.Kind
        let bodyRow: Int?
        /// (layout, left edge, width) of each cell.
        let cells: [(layout: TextLayout, x: Double, width: Double)]
        let height: Double
        let shaded: Bool
        /// Column boundaries that get a vertical rule.
        let dividers: [Double]
    }

    func placeTable(_ table: Table) throws {
        let pad = s.tableCellPadding, pitch = s.tableLinePitch, size = s.tableSize
        let total = table.columns.reduce(0) { $0 + $1.width }
        var edges = [left]
        for column in table.columns { edges.append(edges.last! + width * column.width / total) }
        edges[edges.count - 1] = right

        func prepare(kind: PlacedRow.Kind, bodyRow: Int?, texts: [(String, Int, Int, Alignment, Bool)], bold: Bool,
                     role: FontRole = .body, shaded: Bool) -> PreparedRow {
            // texts: (text, first column, column span, alignment, is a name)
            var lines = 1
            let cells = texts.map { text, first, span, align, name in
                let x = edges[first], w = edges[first + span] - x
                let layout = t.layout(text, role: role, size: size, bold: bold, width: w - 2 * pad, align: align, name: name)
                lines = max(lines, layout.lineCount)
                return (layout: layout, x: x, width: w)
            }
            return PreparedRow(kind: kind, bodyRow: bodyRow, cells: cells, height: Double(lines) * pitch + 2 * pad,
                               shaded: shaded, dividers: texts.map { edges[$0.1] } + [right])
        }

        var header: [PreparedRow] = []
        if !table.headerGroups.isEmpty {
            var first = 0
            header.append(prepare(kind: .header, bodyRow: nil, texts: table.headerGroups.map { group in
                defer { first += group.span }
                return (group.title, first, group.span, .center, false)
            }, bold: false, role: .heiti, shaded: true))
        }
        header.append(prepare(kind: .header, bodyRow: nil,
                              texts: table.columns.enumerated().map { ($1.title, $0, 1, .center, false) },
                              bold: false, role: .heiti, shaded: true))
        let headerHeight = header.reduce(0) { $0 + $1.height }

        var bodyCount = 0
        func prepare(_ row: TableRow) -> PreparedRow {
            switch row.kind {
            case .group:
                return prepare(kind: .group, bodyRow: nil, texts: [(row.cells.first?.text ?? "", 0, table.columns.count, .left, false)],
                               bold: true, shaded: true)
            case .body, .subtotal, .total:
                if row.kind == .body { bodyCount += 1 }
                let kind: PlacedRow.Kind = row.kind == .body ? .body : row.kind == .subtotal ? .subtotal : .total
                return prepare(kind: kind, bodyRow: row.kind == .body ? bodyCount : nil,
                               texts: row.cells.enumerated().map { i, cell in
                                   (cell.text, i, 1, table.columns[i].align, table.columns[i].names || cell.isName)
                               }, bold: row.kind != .body, shaded: row.kind != .body)
            }
        }

        if !table.caption.isEmpty {
            let caption = t.layout(table.caption, role: .heiti, size: s.bodySize, width: width, align: .center)
            try ensure(Double(caption.lineCount) * s.linePitch + headerHeight + pitch + 2 * pad)
            try placeLines(caption, x: left, pitch: s.linePitch, size: s.bodySize)
        }

        var pending = table.rows.isEmpty ? nil : prepare(table.rows[0])
        var needsHeader = true
        var index = 0
        while let row = pending {
            index += 1
            let next = index < table.rows.count ? prepare(table.rows[index]) : nil
            // A group heading travels with the row after it, and the last row with the closing total,
            // so that no page holds only a total under the repeated header.
            let closesTable = next?.kind == .total && index == table.rows.count - 1
            let needed = row.height + (row.kind == .group || closesTable ? (next?.height ?? 0) : 0)
            if y + (needsHeader ? headerHeight : 0) + needed > bottom + 0.01 && !(pageIsEmpty && needsHeader) {
                try newPage()
                needsHeader = true
            }
            if needsHeader {
                for h in header { place(h, table: table.name) }
                needsHeader = false
            }
            place(row, table: table.name)
            pending = next
        }
        y += s.linePitch / 2
    }

    private func place(_ row: PreparedRow, table: String) {
        let pad = s.tableCellPadding, pitch = s.tableLinePitch, size = s.tableSize
        if row.shaded { page.items.append(.fill(x: left, y: y, width: width, height: row.height, color: .shade)) }
        if row.kind == .header && (page.rows.last?.kind != .header || page.rows.last?.table != table) {
            page.items.append(.rule(x1: left, y1: y, x2: right, y2: y, width: 0.8, color: .black))
        }
        for cell in row.cells {
            for i in 0..<cell.layout.lineCount {
                let slot = y + pad + Double(i) * pitch
                page.items.append(.text(PlacedLine(layout: cell.layout, index: i, x: cell.x + pad,
                                                   baseline: baseline(slotTop: slot, pitch: pitch, size: size))))
            }
        }
        for x in row.dividers {
            page.items.append(.rule(x1: x, y1: y, x2: x, y2: y + row.height, width: 0.5, color: .black))
        }
        page.items.append(.rule(x1: left, y1: y + row.height, x2: right, y2: y + row.height, width: 0.5, color: .black))
        page.rows.append(PlacedRow(table: table, kind: row.kind, bodyRow: row.bodyRow, y: y, height: row.height,
                                   cells: row.cells.map(\.layout)))
        y += row.height
    }
}
