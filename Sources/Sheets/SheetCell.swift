import Foundation

/// One cell of a sheet as the reader delivers it: its value as text and what kind of value it was.
public struct SheetCell: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// Text: a shared or inline string, or a formula's text result.
        case text
        /// A number, written as its shortest exact decimal (`1234.5`, `410182199001011000`).
        case number
        /// A number shown as a date or time: its text is the civil date (`2026-10-05`, `2026-10`,
        /// `2026-10-05 09:30`).
        case date
        /// TRUE or FALSE.
        case boolean
        /// An error value: its text is the code (`#N/A`, `#DIV/0!`).
        case error
    }

    public let text: String
    public let kind: Kind

    public init(_ text: String, _ kind: Kind = .text) { self.text = text; self.kind = kind }

    public static let empty = SheetCell("")
}

/// One row of a sheet: its number as Excel shows it and its cells from column A (empty cells empty).
public struct SheetRow: Sendable {
    public let number: Int
    public let cells: [SheetCell]

    public init(number: Int, cells: [SheetCell]) { self.number = number; self.cells = cells }

    var isEmpty: Bool { cells.allSatisfy { XMLParts.isBlank($0.text) } }
}
