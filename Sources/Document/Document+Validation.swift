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
            let what = scalar == "\n" || scalar == "\r" || scalar.value >= 0x2028 ? "a line break" : "a control character"
            throw DocumentError(path: path(), reason: "character \(offset + 1) is \(what) (\(String(format: "U+%04X", scalar.value))), "
                + "which cannot be printed; remove it" + (lineBreaks ? "" : " (only paragraphs and notes may break lines)"))
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
        guard !columns.isEmpty else { throw DocumentError(path: "\(path).columns", reason: "table '\(name)' has no columns") }
        for (i, column) in columns.enumerated() {
            try Document.checkText(column.title, at: "\(path).columns[\(i)].title")
            guard column.width.isFinite, column.width > 0, column.width <= Document.columnWidthLimit else {
                throw DocumentError(path: "\(path).columns[\(i)].width",
                                    reason: "column width must be a number above 0 and at most \(Int(Document.columnWidthLimit)) (a share of the text width), found \(column.width)")
            }
        }
        if !headerGroups.isEmpty {
            var spanned = 0
            for (i, group) in headerGroups.enumerated() {
                try Document.checkText(group.title, at: "\(path).headerGroups[\(i)].title")
                guard group.span >= 1, group.span <= columns.count - spanned else {
                    throw DocumentError(path: "\(path).headerGroups[\(i)].span",
                                        reason: "header group '\(group.title)' spans \(group.span) columns; it must span at least 1 and, with the groups before it, at most the table's \(columns.count)")
                }
                spanned += group.span
            }
            guard spanned == columns.count else {
                throw DocumentError(path: "\(path).headerGroups",
                                    reason: "header groups of table '\(name)' span \(spanned) columns, the table has \(columns.count)")
            }
        }
        for (r, row) in rows.enumerated() {
            // Paths are made only for a message: a notice has tens of thousands of rows.
            func rowPath() -> String { row.kind == .body ? "\(path).rows[\(r)]" : "\(path).rows[\(r)].\(row.kind.rawValue)" }
            let expected = row.kind == .group ? 1 : columns.count
            guard row.cells.count == expected else {
                throw DocumentError(path: rowPath(), reason: "row \(r + 1) of table '\(name)' has \(row.cells.count) cells, "
                    + (row.kind == .group ? "a group heading has one" : "the table has \(columns.count) columns"))
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
            throw DocumentError(path: "\(path).categories", reason: "chart '\(title)' has no categories: leave the chart out, or print a sentence instead")
        }
        for (i, category) in categories.enumerated() { try Document.checkText(category, at: "\(path).categories[\(i)]") }
        guard !series.isEmpty else { throw DocumentError(path: "\(path).series", reason: "chart '\(title)' has no series") }
        for (s, one) in series.enumerated() {
            try Document.checkText(one.name, at: "\(path).series[\(s)].name")
            guard one.values.count == categories.count else {
                throw DocumentError(path: "\(path).series[\(s)].values",
                                    reason: "series '\(one.name)' of chart '\(title)' has \(one.values.count) values for \(categories.count) categories")
            }
            for (i, value) in one.values.enumerated() where !(value.isFinite && abs(value) <= Document.chartValueLimit) {
                throw DocumentError(path: "\(path).series[\(s)].values[\(i)]",
                                    reason: "chart values must be finite numbers between -1e15 and 1e15, found \(value)")
            }
        }
        if let target {
            try Document.checkText(target.label, at: "\(path).target.label")
            guard target.value.isFinite && abs(target.value) <= Document.chartValueLimit else {
                throw DocumentError(path: "\(path).target.value", reason: "a chart's target must be a finite number between -1e15 and 1e15, found \(target.value)")
            }
        }
    }
}
