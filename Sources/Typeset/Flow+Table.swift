import Document

/// Table pagination: the header repeats on every page, a row is never split, a group heading is never
/// the last row of a page, a name never breaks — and no cell is cut: the columns make room for the
/// widest name, a subtotal's label spans the empty cells beside it (`Table.cells(of:)`), and a row
/// taller than a page stops the render, naming it.
extension Flow {
    /// A row with its layouts made and its height known, not yet placed.
    struct PreparedRow {
        let kind: PlacedRow.Kind
        let bodyRow: Int?
        /// (layout, left edge, width) of each cell.
        let cells: [(layout: TextLayout, x: Double, width: Double, color: RGB)]
        let height: Double
        let shaded: Bool
        /// Column boundaries that get a vertical rule.
        let dividers: [Double]
        /// The column of the row's tallest cell and the body rows before it: where to point when the
        /// row does not fit a page (the message is made only then).
        let tallest: (column: Int, after: Int)
    }

    /// A cell to lay out: its text, the columns it covers, how it is set.
    private struct CellSpec {
        let text: String
        let first: Int
        let span: Int
        let align: Alignment
        let name: Bool
        var color: RGB = .black
    }

    func placeTable(_ table: Table) throws {
        let pad = s.tableCellPadding, pitch = s.tableLinePitch, size = s.tableSize
        let edges = try columnEdges(table)

        var bodyCount = 0
        /// "notice row 12, 户主姓名", "notice subtotal row after body row 46, 乡镇", "notice header, column 3".
        func location(_ kind: PlacedRow.Kind, after bodyRow: Int, column: Int) -> String {
            let title = table.columns.indices.contains(column) ? table.columns[column].title : ""
            return switch kind {
            case .header: "\(table.name) header, column \(column + 1)"
            case .body: table.location(bodyRow: bodyRow, column: column)
            case .group: "\(table.location(of: .group, after: bodyRow))"
            case .subtotal: "\(table.location(of: .subtotal, after: bodyRow)), \(title)"
            case .total: "\(table.location(of: .total, after: bodyRow)), \(title)"
            }
        }

        func prepare(_ kind: PlacedRow.Kind, bodyRow: Int?, _ specs: [CellSpec], bold: Bool, role: FontRole = .body,
                     shaded: Bool) throws -> PreparedRow {
            var lines = 1, tallest = 0
            let after = bodyCount
            let cells = try specs.map { spec in
                let x = edges[spec.first], w = edges[spec.first + spec.span] - x
                let layout = try fitted(t.layout(spec.text, role: role, size: size, bold: bold, width: w - 2 * pad,
                                                 align: spec.align, name: spec.name),
                                        width: w - 2 * pad, at: location(kind, after: after, column: spec.first),
                                        remedy: "widen the column or shorten the text")
                if layout.lineCount > lines { lines = layout.lineCount; tallest = spec.first }
                return (layout: layout, x: x, width: w, color: spec.color)
            }
            return PreparedRow(kind: kind, bodyRow: bodyRow, cells: cells, height: Double(lines) * pitch + 2 * pad,
                               shaded: shaded, dividers: specs.map { edges[$0.first] } + [right], tallest: (tallest, after))
        }

        var header: [PreparedRow] = []
        if !table.headerGroups.isEmpty {
            var first = 0
            header.append(try prepare(.header, bodyRow: nil, table.headerGroups.map { group in
                defer { first += group.span }
                return CellSpec(text: group.title, first: first, span: group.span, align: .center, name: false)
            }, bold: false, role: .heiti, shaded: true))
        }
        header.append(try prepare(.header, bodyRow: nil, table.columns.enumerated().map {
            CellSpec(text: $1.title, first: $0, span: 1, align: .center, name: false)
        }, bold: false, role: .heiti, shaded: true))
        let headerHeight = header.reduce(0) { $0 + $1.height }

        func prepare(_ row: TableRow) throws -> PreparedRow {
            if row.kind == .body { bodyCount += 1 }
            let kind: PlacedRow.Kind = switch row.kind {
            case .body: .body
            case .group: .group
            case .subtotal: .subtotal
            case .total: .total
            }
            let specs = table.cells(of: row).map { spanned in
                let column = table.columns[spanned.column]
                return CellSpec(text: spanned.cell.text, first: spanned.column, span: spanned.span,
                                align: row.kind == .group ? .left : column.align,
                                name: spanned.span == 1 && (column.names || spanned.cell.isName),
                                color: spanned.cell.status.map { RGB(red: $0.rgb.red, green: $0.rgb.green, blue: $0.rgb.blue) } ?? .black)
            }
            return try prepare(kind, bodyRow: row.kind == .body ? bodyCount : nil, specs, bold: row.kind != .body,
                               shaded: row.kind != .body)
        }

        begin(.table)
        defer { end() }
        // A table starts where its caption, header and first two rows (or its only row) fit: never
        // with one row at the foot of a page and the rest overleaf. A group heading is not counted:
        // it travels with the rows under it.
        var openingRows = 0, counted = 0
        for row in table.rows {
            openingRows += 1
            if row.kind != .group { counted += 1 }
            if counted == 2 { break }
        }
        let opening = try table.rows.prefix(openingRows).map { try prepare($0) }
        let openingHeight = headerHeight + (opening.isEmpty ? pitch + 2 * pad : opening.reduce(0) { $0 + $1.height })
        if !table.caption.isEmpty {
            let caption = try fitted(t.layout(table.caption, role: .heiti, size: s.bodySize, width: width, align: .center),
                                     width: width, at: "\(table.name) caption", remedy: "lower body_pt in page.toml")
            try ensure(min(Double(caption.lineCount) * s.linePitch + openingHeight, s.contentHeight))
            try tagged(.caption) { try placeLines(caption, x: left, pitch: s.linePitch, size: s.bodySize) }
        } else {
            try ensure(min(openingHeight, s.contentHeight))
        }

        var pending = opening.first
        if pending == nil {
            // An empty table still shows its header, as the HTML does.
            try ensure(headerHeight)
            for h in header { place(h, table: table.name) }
        }
        var needsHeader = true
        var index = 0
        while let row = pending {
            index += 1
            guard headerHeight + row.height <= s.contentHeight + 0.01 else {
                throw TypesetError.doesNotFit(location: location(row.kind, after: row.tallest.after, column: row.tallest.column), reason: "the row needs \(Self.points(row.height)) but a page "
                    + "holds \(Self.points(s.contentHeight - headerHeight)) under the table's header; shorten the text or widen its column")
            }
            // The opening rows are prepared once (preparing counts the body rows for messages).
            let next = try index < opening.count ? opening[index] : index < table.rows.count ? prepare(table.rows[index]) : nil
            // A group heading travels with the row after it, a group's last row with its subtotal, and
            // the last row with the closing total, so that no page starts with only a subtotal or a
            // total under the repeated header.
            let closesTable = next?.kind == .total && index == table.rows.count - 1
            let closesGroup = row.kind == .body && next?.kind == .subtotal
            let needed = row.height + (row.kind == .group || closesTable || closesGroup ? (next?.height ?? 0) : 0)
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

    /// Column edges across the text block. Columns share its width in proportion to their `width`s, but
    /// none gets less than the widest text it must keep on one line — a name, which never breaks, or a
    /// word of a few characters (`NoBreak.isWord`) — nor
    /// less than one character: such a column takes what it needs and the others share the rest. A
    /// table whose columns cannot all have that much stops the render, naming its widest entry.
    func columnEdges(_ table: Table) throws -> [Double] {
        let pad = s.tableCellPadding, size = s.tableSize
        let shareTotal = table.columns.reduce(0) { $0 + $1.width }
        let shares = table.columns.map { width * $0.width / shareTotal }
        var minimum = Array(repeating: size + 2 * pad, count: table.columns.count)
        var widest: [(text: String, kind: TableRow.Kind, bodyRow: Int)?] = Array(repeating: nil, count: table.columns.count)
        var bodyRow = 0
        for row in table.rows where row.kind != .group {
            if row.kind == .body { bodyRow += 1 }
            for spanned in table.cells(of: row) where spanned.span == 1 {
                let c = spanned.column, text = spanned.cell.text
                // What may not break: a name or a short word (`NoBreak.isWord`), or a middle-dot name, a
                // date or a number (with its unit) inside.
                let kept = table.columns[c].names || spanned.cell.isName || NoBreak.isWord(text) ? [text]
                    : (TextLayout.middleDotNames(in: text) + NoBreak.utf8Ranges(in: text))
                        .map { String(decoding: Array(text.utf8)[$0], as: UTF8.self) }
                for piece in kept {
                    // A bound in ems (plain body rows only: bold faces may be wider) spares measuring the
                    // many names that clearly fit their share; the bound itself then counts as their width.
                    let bound = row.kind == .body ? Self.emBound(piece).map { $0 * size } : nil
                    let needed = 2 * pad + (bound.flatMap { $0 + 2 * pad <= shares[c] ? $0 : nil }
                        ?? t.naturalWidth(piece, role: .body, size: size, bold: row.kind != .body))
                    if needed > minimum[c] {
                        minimum[c] = needed
                        widest[c] = (piece, row.kind, bodyRow)
                    }
                }
            }
        }
        guard let widths = Self.share(width, among: table.columns.map(\.width), atLeast: minimum) else {
            let c = minimum.indices.max { minimum[$0] < minimum[$1] } ?? 0
            let example = widest[c].map { entry in
                let at = entry.kind == .body ? table.location(bodyRow: entry.bodyRow, column: c)
                    : table.location(of: entry.kind, after: entry.bodyRow)
                return "; “\(entry.text)” (\(at)) alone needs \(Self.points(minimum[c]))"
            } ?? ""
            throw TypesetError.doesNotFit(location: "\(table.name) columns", reason: "the \(table.columns.count) columns need "
                + "\(Self.points(minimum.reduce(0, +))) side by side\(example), and the text block is \(Self.points(width)) wide; "
                + "shorten the longest entries, use fewer columns, or lower table_pt in page.toml")
        }
        var edges = [left]
        for w in widths { edges.append((edges.last ?? left) + w) }
        if edges.count > 1 { edges[edges.count - 1] = right }
        return edges
    }

    /// `total` shared in proportion to `shares`, no part below its `minimum`: parts whose share falls
    /// short are pinned at their minimum and the rest is shared again. Nil when the minimums alone
    /// exceed `total`.
    static func share(_ total: Double, among shares: [Double], atLeast minimum: [Double]) -> [Double]? {
        var pinned = Array(repeating: false, count: shares.count)
        while true {
            let free = total - shares.indices.reduce(0) { $0 + (pinned[$1] ? minimum[$1] : 0) }
            let open = shares.indices.reduce(0) { $0 + (pinned[$1] ? 0 : shares[$1]) }
            guard free >= -0.01 else { return nil }
            guard open > 0 else {
                // Every part at its minimum: what is left goes to them all by share.
                let all = shares.reduce(0, +)
                return shares.indices.map { minimum[$0] + free * shares[$0] / all }
            }
            let widths = shares.indices.map { pinned[$0] ? minimum[$0] : free * shares[$0] / open }
            let short = shares.indices.filter { !pinned[$0] && widths[$0] < minimum[$0] }
            if short.isEmpty { return widths }
            for i in short { pinned[i] = true }
        }
    }

    /// The width of `text` in ems when every character is one a CJK face sets at most one em wide:
    /// ASCII and Latin-1, U+3000–U+9FFF (CJK punctuation, kana, ideographs), full-width forms and the
    /// ideographs of the supplementary planes (U+20000–U+3FFFF); nil for anything else, which is
    /// measured instead. Read from the UTF-8 lead bytes: it runs once per name of the table.
    static func emBound(_ text: String) -> Double? {
        var ems = 0.0, previous: UInt8 = 0
        for byte in text.utf8 {
            defer { previous = byte }
            switch byte {
            case 0x80...0xBF:
                // A continuation byte: only the one after 0xEF (U+F000–U+FFFF) or 0xF0 (U+10000–) decides.
                if previous == 0xEF && byte < 0xBC { return nil }
                if previous == 0xF0 && !(0xA0...0xBF).contains(byte) { return nil }
            case 0x20...0x7E, 0xC2, 0xC3, 0xE3...0xE9, 0xEF, 0xF0: ems += 1
            default: return nil
            }
        }
        return ems
    }

    private func place(_ row: PreparedRow, table: String) {
        let pad = s.tableCellPadding, pitch = s.tableLinePitch, size = s.tableSize
        begin(.row)
        defer { end() }
        if row.shaded { page.items.append(.fill(x: left, y: y, width: width, height: row.height, color: .shade)) }
        if row.kind == .header && (page.rows.last?.kind != .header || page.rows.last?.table != table) {
            page.items.append(.rule(x1: left, y1: y, x2: right, y2: y, width: 0.8, color: .black))
        }
        for cell in row.cells {
            begin(row.kind == .header ? .headerCell : .dataCell)
            defer { end() }
            for i in 0..<cell.layout.lineCount {
                let slot = y + pad + Double(i) * pitch
                page.items.append(.text(PlacedLine(layout: cell.layout, index: i, x: cell.x + pad,
                                                   baseline: baseline(slotTop: slot, pitch: pitch, size: size), color: cell.color)))
            }
        }
        for x in row.dividers {
            page.items.append(.rule(x1: x, y1: y, x2: x, y2: y + row.height, width: 0.5, color: .black))
        }
        page.items.append(.rule(x1: left, y1: y + row.height, x2: right, y2: y + row.height, width: 0.5, color: .black))
        page.rows.append(PlacedRow(table: table, kind: row.kind, bodyRow: row.bodyRow, y: y, height: row.height,
                                   cells: row.cells.map(\.layout), cellExtents: row.cells.map { $0.x...($0.x + $0.width) }))
        y += row.height
    }
}
