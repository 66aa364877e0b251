import Document

/// Before any byte of a PDF is written, every character is checked against the font chain of the role
/// that will set it. A glyph missing from every installed font would print as an empty box, and on a
/// public notice an empty box in a name is a wrong name.
extension Typesetter {
    public func checkCoverage(_ document: Document) throws(TypesetError) {
        try check("— 0123456789 —", role: .pageNumber, at: "页码")
        try check(document.metadata.title, role: .title, at: "标题")
        for field in document.metadata.catalogue?.fields ?? [] {
            try check("\(field.label)：\(field.value)", role: .body, at: "目录信息（\(field.label)）")
        }
        for (i, block) in document.blocks.enumerated() {
            let at = "第 \(i + 1) 块"
            switch block {
            case .heading(let h):
                try check(h.text, role: h.level == 1 ? .heiti : h.level == 2 ? .kaiti : .body, at: "\(at)（标题）")
            case .paragraph(let p):
                try check(p.text, role: .body, at: "\(at)（段落）")
            case .note(let n):
                try check(n.label + n.text, role: .body, at: "\(at)（注）")
            case .signature(let s):
                try check(s.office + s.dateText, role: .body, at: "\(at)（落款）")
            case .keyFigures(let k):
                for item in k.items {
                    try check(item.label + (item.change ?? "") + item.status.label, role: .body, at: "\(at)（关键数字 \(item.label)）")
                    try check(item.value + " " + item.unit, role: .heiti, at: "\(at)（关键数字 \(item.label)）")
                }
            case .chart(let c):
                let labels = [c.title, c.valueAxisLabel, c.categoryAxisTitle, "0123456789.,-", c.target?.label ?? ""] + c.categories + c.series.map(\.name)
                try check(labels.joined(), role: .heiti, at: "\(at)（图表 \(c.title)）")
            case .table(let table):
                try check(table.caption, role: .heiti, at: "\(table.name) 表题")
                for (column, c) in table.columns.enumerated() {
                    try check(c.title, role: .heiti, at: "\(table.name) 表头第 \(column + 1) 列")
                }
                for group in table.headerGroups { try check(group.title, role: .heiti, at: "\(table.name) 表头") }
                var bodyRow = 0
                for row in table.rows {
                    if row.kind == .body { bodyRow += 1 }
                    for (column, cell) in row.cells.enumerated() {
                        try check(cell.text, role: .body, at: row.kind == .body
                                  ? table.location(bodyRow: bodyRow, column: column)
                                  : table.location(of: row.kind, after: bodyRow))
                    }
                }
            case .pageBreak:
                break
            }
        }
    }

    private func check(_ text: String, role: FontRole, at location: @autoclosure () -> String) throws(TypesetError) {
        for scalar in text.unicodeScalars where !Self.isInvisible(scalar) {
            if !fonts.covers(scalar, role: role) {
                throw .missingGlyph(character: Character(scalar), location: location())
            }
        }
    }

    /// Controls, joiners and variation selectors shape into nothing; they need no glyph.
    private static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0..<0x20, 0x7F, 0x200B...0x200D, 0x2060, 0xFE00...0xFE0F, 0xE0100...0xE01EF: true
        default: false
        }
    }
}
