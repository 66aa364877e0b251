/// A data table such as the monthly 公布 list. The table's `name` and the column titles locate a cell
/// in error messages ("notice 第 132 行，户主姓名"), so a staff member can find the bad record.
public struct Table: Sendable, Codable, Equatable {
    public var name: String
    public var caption: String
    public var columns: [Column]
    /// Optional spanning headings above the column titles ("保障情况" over two columns).
    public var headerGroups: [HeaderGroup]
    public var rows: [TableRow]

    public init(name: String, caption: String, columns: [Column], headerGroups: [HeaderGroup] = [],
                rows: [TableRow]) {
        self.name = name
        self.caption = caption
        self.columns = columns
        self.headerGroups = headerGroups
        self.rows = rows
    }

    private enum CodingKeys: String, CodingKey { case name, caption, columns, headerGroups, rows }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decode(String.self, forKey: .name)
        caption = try c.decodeIfPresent(String.self, forKey: .caption) ?? ""
        columns = try c.decode([Column].self, forKey: .columns)
        headerGroups = try c.decodeIfPresent([HeaderGroup].self, forKey: .headerGroups) ?? []
        rows = try c.decode([TableRow].self, forKey: .rows)
    }

    /// "notice 第 132 行（户编号 YZ0000132），户主姓名": where a cell is, counting body rows only, as a reader
    /// counts them, with the row's record key when it has one. Made only for a message: it looks the
    /// row up.
    public func location(bodyRow: Int, column: Int) -> String {
        var seen = 0
        let key = rows.first { row in
            if row.kind == .body { seen += 1 }
            return seen == bodyRow
        }?.key
        return "\(name) 第 \(bodyRow) 行\(key.map { "（户编号 \($0)）" } ?? "")，"
            + (columns.indices.contains(column) ? columns[column].title : "第 \(column + 1) 列")
    }

    /// "notice 第 46 行之后的小计行": a row that is not a body row, by the body row before it.
    public func location(of kind: TableRow.Kind, after bodyRow: Int) -> String {
        let what = switch kind {
        case .body: "正文"
        case .group: "分组标题"
        case .subtotal: "小计"
        case .total: "合计"
        }
        return "\(name) 第 \(bodyRow) 行之后的\(what)行"
    }

    /// The cells of `row` as both renderers draw them, each with the columns it covers. A group heading
    /// spans the table. In a subtotal or total row the label — its first cell with text — extends over
    /// the empty cells after it, so "南关街道小计" is set across 乡镇, 村 and 户主姓名 instead of wrapping
    /// mid-word in the narrow 乡镇 column; every other cell keeps its own column. A row is read against
    /// the columns, so a row with too few cells (which validation refuses) cannot index past them.
    public func cells(of row: TableRow) -> [SpannedCell] {
        guard !columns.isEmpty else { return [] }
        if row.kind == .group {
            return [SpannedCell(cell: row.cells.first ?? Cell(""), column: 0, span: columns.count)]
        }
        let cells = columns.indices.map { $0 < row.cells.count ? row.cells[$0] : Cell("") }
        let label = row.kind == .body ? nil : cells.firstIndex { !$0.text.isEmpty }
        var spanned: [SpannedCell] = []
        var column = 0
        while column < cells.count {
            var span = 1
            if column == label {
                while column + span < cells.count && cells[column + span].text.isEmpty { span += 1 }
            }
            spanned.append(SpannedCell(cell: cells[column], column: column, span: span))
            column += span
        }
        return spanned
    }
}

/// A cell with the columns it covers: `span` columns from `column` (0-based).
public struct SpannedCell: Sendable, Equatable {
    public var cell: Cell
    public var column: Int
    public var span: Int

    public init(cell: Cell, column: Int, span: Int) {
        self.cell = cell
        self.column = column
        self.span = span
    }
}

public struct Column: Sendable, Codable, Equatable {
    public var title: String
    public var align: Alignment
    /// A relative width: columns share the text width in proportion to their widths.
    public var width: Double
    /// Every cell of the column is a person's name, which must never break across lines.
    public var names: Bool
    /// Every body cell repeats its group's heading (乡镇 inside a township's group): a narrow screen
    /// may leave the column out, the group heading saying it once.
    public var statedByGroup: Bool
    /// Every cell is a digest (hex) the program computed, such as a file's SHA-256: the publication
    /// guard does not read its digits as a phone or an ID number (a cell that is not hex is checked
    /// as any other).
    public var digests: Bool

    public init(title: String, align: Alignment = .left, width: Double = 1, names: Bool = false, statedByGroup: Bool = false,
                digests: Bool = false) {
        self.title = title
        self.align = align
        self.width = width
        self.names = names
        self.statedByGroup = statedByGroup
        self.digests = digests
    }

    private enum CodingKeys: String, CodingKey { case title, align, width, names, statedByGroup, digests }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(title, forKey: .title)
        try c.encode(align, forKey: .align)
        try c.encode(width, forKey: .width)
        try c.encode(names, forKey: .names)
        if statedByGroup { try c.encode(statedByGroup, forKey: .statedByGroup) }
        if digests { try c.encode(digests, forKey: .digests) }
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        align = try c.decodeIfPresent(Alignment.self, forKey: .align) ?? .left
        width = try c.decodeIfPresent(Double.self, forKey: .width) ?? 1
        names = try c.decodeIfPresent(Bool.self, forKey: .names) ?? false
        statedByGroup = try c.decodeIfPresent(Bool.self, forKey: .statedByGroup) ?? false
        digests = try c.decodeIfPresent(Bool.self, forKey: .digests) ?? false
    }
}

public enum Alignment: String, Sendable, Codable, Equatable {
    case left, center, right
}

public struct HeaderGroup: Sendable, Codable, Equatable {
    public var title: String
    public var span: Int

    public init(title: String, span: Int) {
        self.title = title
        self.span = span
    }
}

/// A table row. In JSON a body row is a plain array of cells; other kinds are objects:
/// `{"group": "三营镇"}`, `{"subtotal": [...]}`, `{"total": [...]}` — compact for 50,000-row notices.
public struct TableRow: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case body, group, subtotal, total }

    public var kind: Kind
    /// For a group heading, one cell holding its title.
    public var cells: [Cell]
    /// The record a body row was made from (a household's 户编号), never printed: refusals and layout
    /// errors name it so that the office can find the record in its own system. Not part of the JSON
    /// form, nor of a row's equality (two rows that print the same are the same row).
    public var key: String?

    public init(kind: Kind, cells: [Cell], key: String? = nil) {
        self.kind = kind
        self.cells = cells
        self.key = key
    }

    public static func == (a: TableRow, b: TableRow) -> Bool { a.kind == b.kind && a.cells == b.cells }

    public static func body(_ cells: [Cell], key: String? = nil) -> TableRow { TableRow(kind: .body, cells: cells, key: key) }
    public static func group(_ title: String) -> TableRow { TableRow(kind: .group, cells: [Cell(title)]) }
    public static func subtotal(_ cells: [Cell]) -> TableRow { TableRow(kind: .subtotal, cells: cells) }
    public static func total(_ cells: [Cell]) -> TableRow { TableRow(kind: .total, cells: cells) }

    private enum CodingKeys: String, CodingKey { case group, subtotal, total }

    public init(from decoder: Decoder) throws {
        if var list = try? decoder.unkeyedContainer() {
            var cells: [Cell] = []
            cells.reserveCapacity(list.count ?? 8)
            while !list.isAtEnd { cells.append(try list.decode(Cell.self)) }
            self.init(kind: .body, cells: cells)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let title = try c.decodeIfPresent(String.self, forKey: .group) {
            self = .group(title)
        } else if let cells = try c.decodeIfPresent([Cell].self, forKey: .subtotal) {
            self = .subtotal(cells)
        } else if let cells = try c.decodeIfPresent([Cell].self, forKey: .total) {
            self = .total(cells)
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "行须为单元格数组，或带有 'group'、'subtotal' 或 'total' 的对象"))
        }
    }

    public func encode(to encoder: Encoder) throws {
        switch kind {
        case .body:
            var list = encoder.unkeyedContainer()
            try list.encode(contentsOf: cells)
        case .group:
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cells.first?.text ?? "", forKey: .group)
        case .subtotal:
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cells, forKey: .subtotal)
        case .total:
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(cells, forKey: .total)
        }
    }
}

/// A pre-formatted cell. In JSON a plain string, or `{"text": "…", "name": true}` to flag a name in a
/// column that is not a names column.
public struct Cell: Sendable, Codable, Equatable, ExpressibleByStringLiteral {
    public var text: String
    public var isName: Bool
    /// A status word (达标, 预警, 未达标) set in its colour by both renderers; the word itself says it,
    /// the colour only helps.
    public var status: FigureStatus?

    public init(_ text: String, isName: Bool = false, status: FigureStatus? = nil) {
        self.text = text
        self.isName = isName
        self.status = status
    }

    public init(stringLiteral value: String) { self.init(value) }

    private enum CodingKeys: String, CodingKey { case text, name, status }

    public init(from decoder: Decoder) throws {
        if let text = try? decoder.singleValueContainer().decode(String.self) {
            self.init(text)
            return
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(try c.decode(String.self, forKey: .text), isName: try c.decodeIfPresent(Bool.self, forKey: .name) ?? false,
                  status: try c.decodeIfPresent(FigureStatus.self, forKey: .status))
    }

    public func encode(to encoder: Encoder) throws {
        if isName || status != nil {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(text, forKey: .text)
            if isName { try c.encode(true, forKey: .name) }
            try c.encodeIfPresent(status, forKey: .status)
        } else {
            var c = encoder.singleValueContainer()
            try c.encode(text)
        }
    }
}
