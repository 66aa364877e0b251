import Foundation

/// A document that cannot be rendered as it stands, located by its JSON path ("blocks[9].rows[3]") and
/// said so that the author knows what to change.
public struct DocumentError: Error, Sendable, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String

    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}

extension Document {
    /// The largest chart value accepted: far beyond any county's counts or yuan, and small enough that
    /// axis arithmetic stays exact and finite.
    public static let chartValueLimit = 1e15
    /// The largest relative column width; shares only matter relative to each other.
    public static let columnWidthLimit = 1000.0

    /// Checks everything the renderers rely on, so that no value in a document — decoded from JSON or
    /// built by a program — can make rendering trap, drop text or draw nonsense: texts free of control
    /// characters, tables whose rows and header groups match their columns, column widths that are
    /// positive finite shares, charts with data and finite values.
    public func validate() throws(DocumentError) {
        try Self.checkText(metadata.titleSegments, at: "metadata.title")
        try Self.checkText(metadata.office, at: "metadata.office")
        try Self.checkText(metadata.subject, at: "metadata.subject")
        for (i, keyword) in metadata.keywords.enumerated() { try Self.checkText(keyword, at: "metadata.keywords[\(i)]") }
        for (i, block) in blocks.enumerated() {
            try block.validate(at: "blocks[\(i)]")
        }
    }

    /// Text is set in lines by the renderers: a NUL would silently cut it short (C strings), and other
    /// control characters would break or hide it differently in the PDF and the HTML. Only paragraphs
    /// and notes may hold a line break, which both renderers print as one.
    static func checkText(_ text: String, at path: @autoclosure () -> String, lineBreaks: Bool = false) throws(DocumentError) {
        // Most text has none of the bytes that start a control character (C0, DEL, C1 after 0xC2,
        // U+2028/2029 after 0xE2): skip the scalar walk then, which is most of a 50,000-row table.
        var suspect = false
        for byte in text.utf8 where byte < 0x20 || byte == 0x7F || byte == 0xC2 || byte == 0xE2 {
            suspect = true
            break
        }
        guard suspect else { return }
        for (offset, scalar) in text.unicodeScalars.enumerated() {
            let isControl = scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028
                || scalar.value == 0x2029
            guard isControl, !(lineBreaks && scalar == "\n") else { continue }
            let what = scalar == "\n" || scalar == "\r" || scalar.value >= 0x2028 ? "换行符" : "控制字符"
            throw DocumentError(path: path(), reason: "第 \(offset + 1) 个字符是\(what)（\(String(format: "U+%04X", scalar.value))），"
                + "无法打印，请删除" + (lineBreaks ? "" : "（只有段落和注可以换行）"))
        }
    }

    static func checkText(_ segments: [String], at path: String) throws(DocumentError) {
        for (i, segment) in segments.enumerated() {
            try checkText(segment, at: segments.count == 1 ? path : "\(path)[\(i)]")
        }
    }
}

extension Block {
    func validate(at path: String) throws(DocumentError) {
        switch self {
        case .heading(let h):
            try Document.checkText(h.segments, at: "\(path).text")
        case .paragraph(let p):
            for (i, run) in p.runs.enumerated() {
                try Document.checkText(run.text, at: "\(path).runs[\(i)].text", lineBreaks: true)
            }
        case .keyFigures(let k):
            for (i, item) in k.items.enumerated() {
                for (key, text) in [("label", item.label), ("value", item.value), ("unit", item.unit), ("change", item.change ?? "")] {
                    try Document.checkText(text, at: "\(path).items[\(i)].\(key)")
                }
            }
        case .table(let t):
            try t.validate(at: path)
        case .chart(let c):
            try c.validate(at: path)
        case .note(let n):
            try Document.checkText(n.label, at: "\(path).label")
            try Document.checkText(n.text, at: "\(path).text", lineBreaks: true)
        case .signature(let s):
            try Document.checkText(s.office, at: "\(path).office")
        case .pageBreak:
            break
        }
    }
}

extension Table {
    func validate(at path: String) throws(DocumentError) {
        try Document.checkText(name, at: "\(path).name")
        try Document.checkText(caption, at: "\(path).caption")
        guard !columns.isEmpty else { throw DocumentError(path: "\(path).columns", reason: "表 '\(name)' 没有列") }
        for (i, column) in columns.enumerated() {
            try Document.checkText(column.title, at: "\(path).columns[\(i)].title")
            guard column.width.isFinite, column.width > 0, column.width <= Document.columnWidthLimit else {
                throw DocumentError(path: "\(path).columns[\(i)].width",
                                    reason: "列宽须为大于 0 且不超过 \(Int(Document.columnWidthLimit)) 的数（占版心宽度的份额），实际为 \(column.width)")
            }
        }
        if !headerGroups.isEmpty {
            var spanned = 0
            for (i, group) in headerGroups.enumerated() {
                try Document.checkText(group.title, at: "\(path).headerGroups[\(i)].title")
                guard group.span >= 1, group.span <= columns.count - spanned else {
                    throw DocumentError(path: "\(path).headerGroups[\(i)].span",
                                        reason: "表头分组 '\(group.title)' 跨 \(group.span) 列；须至少跨 1 列，且连同前面的分组不超过表的 \(columns.count) 列")
                }
                spanned += group.span
            }
            guard spanned == columns.count else {
                throw DocumentError(path: "\(path).headerGroups",
                                    reason: "表 '\(name)' 的表头分组跨 \(spanned) 列，而表有 \(columns.count) 列")
            }
        }
        for (r, row) in rows.enumerated() {
            // Paths are made only for a message: a notice has tens of thousands of rows.
            func rowPath() -> String { row.kind == .body ? "\(path).rows[\(r)]" : "\(path).rows[\(r)].\(row.kind.rawValue)" }
            let expected = row.kind == .group ? 1 : columns.count
            guard row.cells.count == expected else {
                throw DocumentError(path: rowPath(), reason: "表 '\(name)' 第 \(r + 1) 行有 \(row.cells.count) 个单元格，"
                    + (row.kind == .group ? "分组标题行只能有一个" : "而表有 \(columns.count) 列"))
            }
            for (c, cell) in row.cells.enumerated() {
                try Document.checkText(cell.text, at: row.kind == .group ? rowPath() : "\(rowPath())[\(c)]")
            }
        }
    }
}

extension Chart {
    func validate(at path: String) throws(DocumentError) {
        for (key, text) in [("title", title), ("categoryAxisTitle", categoryAxisTitle), ("valueAxisTitle", valueAxisTitle), ("unit", unit)] {
            try Document.checkText(text, at: "\(path).\(key)")
        }
        guard !categories.isEmpty else {
            throw DocumentError(path: "\(path).categories", reason: "图表 '\(title)' 没有分类：请去掉该图表，或改用一句文字说明")
        }
        for (i, category) in categories.enumerated() { try Document.checkText(category, at: "\(path).categories[\(i)]") }
        guard !series.isEmpty else { throw DocumentError(path: "\(path).series", reason: "图表 '\(title)' 没有数据系列") }
        for (s, one) in series.enumerated() {
            try Document.checkText(one.name, at: "\(path).series[\(s)].name")
            guard one.values.count == categories.count else {
                throw DocumentError(path: "\(path).series[\(s)].values",
                                    reason: "图表 '\(title)' 的数据系列 '\(one.name)' 有 \(one.values.count) 个值，而分类有 \(categories.count) 个")
            }
            for (i, value) in one.values.enumerated() where !(value.isFinite && abs(value) <= Document.chartValueLimit) {
                throw DocumentError(path: "\(path).series[\(s)].values[\(i)]",
                                    reason: "图表的值须为 -1e15 至 1e15 之间的有限数，实际为 \(value)")
            }
        }
        if let target {
            try Document.checkText(target.label, at: "\(path).target.label")
            guard target.value.isFinite && abs(target.value) <= Document.chartValueLimit else {
                throw DocumentError(path: "\(path).target.value", reason: "图表的目标值须为 -1e15 至 1e15 之间的有限数，实际为 \(target.value)")
            }
        }
    }
}
