import Document

extension PublicationGuard {
    /// The first net: every text of `document` checked as the value it is, before it is typeset.
    /// `file` is what the refusal names (the PDF and HTML a document becomes). The household heads'
    /// column (a names column, or a cell flagged as a name) is checked for identifiers only: it holds
    /// the heads' names by design, masked on the web and in full on village boards.
    ///
    /// Parts are checked before what they contain (a table's caption and column titles before its
    /// cells), so a refusal may quote a caption or a column title: it has passed the check already.
    public func check(_ document: Document, file: String) throws {
        var clean = Set<String>()
        func value(_ text: String, _ location: @autoclosure () -> String, names: Bool = true, digest: Bool = false) throws {
            guard !text.isEmpty, !clean.contains(text) else { return }
            // A digest the program computed (a digests column) holds decimal runs by chance.
            let isDigest = digest && text.count >= 8 && text.allSatisfy { $0.isASCII && $0.isHexDigit }
            if !isDigest, let kind = identifiers.identifier(in: text) {
                throw Leak(file: file, place: .field(location()), kind: kind)
            }
            if names {
                if let role = valueNames.firstName(in: text) {
                    throw Leak(file: file, place: .field(location()), kind: .name(role))
                }
                clean.insert(text)
            }
        }
        for segment in document.metadata.titleSegments { try value(segment, "文档标题") }
        try value(document.metadata.office, "署名单位")
        try value(document.metadata.subject, "文档主题")
        for keyword in document.metadata.keywords { try value(keyword, "文档关键词") }
        for field in document.metadata.catalogue?.fields ?? [] { try value(field.value, "政府信息公开目录信息（\(field.label)）") }
        for (i, block) in document.blocks.enumerated() {
            let part = "正文第 \(i + 1) 部分"
            switch block {
            case .heading(let heading):
                for segment in heading.segments { try value(segment, "\(part)（标题）") }
            case .paragraph(let paragraph):
                for run in paragraph.runs { try value(run.text, "\(part)（段落）") }
            case .keyFigures(let figures):
                for (k, item) in figures.items.enumerated() {
                    for text in [item.label, item.value, item.unit, item.change ?? ""] {
                        try value(text, "\(part)（要点数字第 \(k + 1) 项）")
                    }
                }
            case .table(let table):
                try value(table.name, "\(part)（表格名）")
                try value(table.caption, "\(part)（表格标题）")
                for (k, column) in table.columns.enumerated() { try value(column.title, "\(part)（表头第 \(k + 1) 列）") }
                for group in table.headerGroups { try value(group.title, "\(part)（表头）") }
                let title = "表“\(table.caption.isEmpty ? table.name : table.caption)”"
                var bodyRow = 0
                for row in table.rows {
                    if row.kind == .body { bodyRow += 1 }
                    for (c, cell) in row.cells.enumerated() {
                        let column = row.kind == .group ? nil : table.columns[safe: c]
                        try value(cell.text, Self.cellLocation(title, row: row, bodyRow: bodyRow, column: column?.title),
                                  names: !(cell.isName || (row.kind == .body && column?.names == true)),
                                  digest: row.kind == .body && column?.digests == true)
                    }
                }
            case .chart(let chart):
                try value(chart.title, "\(part)（图表标题）")
                let chartPart = "\(part)（图表“\(chart.title)”）"
                for text in [chart.categoryAxisTitle, chart.valueAxisTitle, chart.unit, chart.target?.label ?? ""] + chart.categories + chart.series.map(\.name) {
                    try value(text, chartPart)
                }
            case .note(let note):
                try value(note.label, "\(part)（注）")
                try value(note.text, "\(part)（注）")
            case .signature(let signature):
                try value(signature.office, "\(part)（落款）")
            case .pageBreak:
                break
            }
        }
    }

    /// A page's catalogue entry on its own (the index page's, which is no `Document`).
    func check(_ entry: CatalogueEntry) throws {
        for field in entry.fields { try check(value: field.value, label: "政府信息公开目录信息（\(field.label)）") }
    }

    /// "表“低保对象名单”第 12 行（户编号 YZ0000005），“村（社区）”栏".
    static func cellLocation(_ table: String, row: TableRow, bodyRow: Int, column: String?) -> String {
        let which = switch row.kind {
        case .body: "第 \(bodyRow) 行" + (row.key.map { "（户编号 \($0)）" } ?? "")
        case .group: "第 \(bodyRow) 行后的分组标题"
        case .subtotal: "第 \(bodyRow) 行后的小计行"
        case .total: "合计行"
        }
        return "\(table)\(which)" + (column.map { "，“\($0)”栏" } ?? "")
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
