/// One row of an import table, from a CSV line or a spreadsheet row: its cells as text, and which
/// cells a spreadsheet stored as something other than text (a CSV file has no such cells).
///
/// The marks let the same field checks refuse what only a spreadsheet can deliver: an ID number
/// kept as a number (Excel keeps 15 significant digits) or an error value such as `#N/A`.
public struct SourceRow: Sendable {
    /// The line (CSV) or row number as Excel shows it (spreadsheet) that errors quote.
    public let line: Int
    public let fields: [String]
    /// Cells, by position, that were not text in the source.
    public let marks: [Int: CellMark]

    public init(line: Int, fields: [String], marks: [Int: CellMark] = [:]) {
        self.line = line; self.fields = fields; self.marks = marks
    }
}

/// What a spreadsheet cell held when it was not text.
public enum CellMark: Sendable, Equatable {
    /// A number (its text is the number as written by the source, e.g. `410182199001011000`).
    case number
    /// An error value (`#N/A`, `#DIV/0!`, `#VALUE!`): the field's text is the error's code.
    case error
}
