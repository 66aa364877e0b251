extension Table {
    /// The table with each column's width weighed by what it holds: its longest cell in characters (a
    /// Latin letter, digit or point counting half, as it sets about half a CJK character wide), and at
    /// least half its title and two characters, at most `longest` (a longer text wraps anyway). A short
    /// 城乡 column then stays narrow and a document number gets the room to stay on one line instead of
    /// leaving 号 alone on the next.
    public func weighedByContent(longest: Double = 16) -> Table {
        func length(_ text: String) -> Double { text.reduce(0) { $0 + ($1.isASCII ? 0.5 : 1) } }
        var table = self
        for (c, column) in columns.enumerated() {
            let cells = rows.filter { $0.kind == .body }.compactMap { $0.cells[safe: c]?.text }
            table.columns[c].width = min(longest, max(2, length(column.title) / 2, cells.map(length).max() ?? 0))
        }
        return table
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
