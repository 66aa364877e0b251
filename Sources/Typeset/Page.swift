import Document

/// A positioned page: every coordinate is final (points from the top-left corner). The PDF writer only
/// reads it, and tests check pagination on it rather than on pixels.
public final class Page {
    public let number: Int
    public let width: Double
    public let height: Double
    public internal(set) var items: [PageItem] = []
    /// What the page holds, for outline entries and pagination checks.
    public internal(set) var headings: [PlacedHeading] = []
    public internal(set) var rows: [PlacedRow] = []

    init(number: Int, width: Double, height: Double) {
        self.number = number
        self.width = width
        self.height = height
    }

    /// The text of every line in drawing order.
    public var lines: [String] {
        items.compactMap { if case .text(let line) = $0 { line.text } else { nil } }
    }
}

public enum PageItem {
    case text(PlacedLine)
    case fill(x: Double, y: Double, width: Double, height: Double, color: RGB)
    case rule(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, color: RGB)
    case polyline(points: [ChartLayout.Point], width: Double, color: RGB)
    /// The start of a structure element (tagged PDF): what follows up to the matching `.end` belongs to it.
    case begin(StructureRole)
    case end
}

/// What a run of page items is for a reader that cannot see the page: the PDF's structure tree.
/// Anything outside every element (the page number) is page furniture, an artifact.
public enum StructureRole: Sendable, Equatable {
    /// H1 is the document's title, H2–H5 its headings of level 1–4 (as the HTML's h1–h5).
    case heading(level: Int)
    case paragraph
    case table
    case caption
    case row
    /// A column header cell (scope Column).
    case headerCell
    case dataCell
    /// A chart, with the words that stand for it.
    case figure(alt: String)

    /// The PDF structure type.
    public var tag: String {
        switch self {
        case .heading(let level): "H\(min(6, max(1, level)))"
        case .paragraph: "P"
        case .table: "Table"
        case .caption: "Caption"
        case .row: "TR"
        case .headerCell: "TH"
        case .dataCell: "TD"
        case .figure: "Figure"
        }
    }
}

/// One line of a layout with its baseline's left end.
public struct PlacedLine {
    public let layout: TextLayout
    public let index: Int
    public let x: Double
    public let baseline: Double
    public var color: RGB = .black
    /// The line's start of text, after alignment and indent.
    public var textX: Double { x + layout.lineOffsets[index] }
    public var text: String { layout.text(ofLine: index) }
}

public struct PlacedHeading: Sendable {
    public let level: Int
    public let title: String
    public let y: Double
}

/// A table row on a page: which table, which kind, which body row (1-based, nil for the header).
public struct PlacedRow {
    public enum Kind: Sendable, Equatable { case header, body, group, subtotal, total }
    public let table: String
    public let kind: Kind
    public let bodyRow: Int?
    public let y: Double
    public let height: Double
    let cells: [TextLayout]
    /// Each cell's left and right edge (a spanning label's covers its columns), so tests can check
    /// that no text leaves its cell.
    public let cellExtents: [ClosedRange<Double>]
    /// Each cell's lines, so tests can see how a name was broken.
    public var cellLines: [[String]] { cells.map { cell in (0..<cell.lineCount).map(cell.text(ofLine:)) } }
}

public struct RGB: Sendable, Equatable {
    public let red: Double, green: Double, blue: Double

    public static let black = RGB(red: 0, green: 0, blue: 0)
    public static let shade = RGB(red: 0.92, green: 0.92, blue: 0.92)
    public static let grid = RGB(red: 0.8, green: 0.8, blue: 0.8)

    /// "#1f4e79" → the colour; black when malformed.
    public init(hex: String) {
        let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
        let value = UInt32(digits, radix: 16) ?? 0
        self.init(red: Double((value >> 16) & 0xff) / 255, green: Double((value >> 8) & 0xff) / 255,
                  blue: Double(value & 0xff) / 255)
    }

    public init(red: Double, green: Double, blue: Double) {
        self.red = red; self.green = green; self.blue = blue
    }
}
