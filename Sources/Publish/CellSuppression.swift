/// Which entries of a published count table to hide so that no small count can be read or worked
/// out: the complaint notice's tables (docs/domain.md §1 privacy, §2c) are printed with their row totals,
/// column totals and grand total, and a count of one or two complaints of a kind can point at a
/// person in a small district.
///
/// The table is seen as its extended form — the counts plus a total column, a total row and the grand
/// total in the corner — in which every row and every column, the total ones included, is one
/// published equation: its entries add up to its last entry. The rule:
///
/// 1. Primary suppression. Every entry, totals and grand total included, with `1 ≤ count < threshold`
///    is hidden. A zero is published: that nobody complained reveals nobody. A small total is hidden
///    like a cell, because "举报: 2 件" points at those two people as much as a cell does.
/// 2. Complementary suppression, repeated over the lines (rows top to bottom, then columns left to
///    right) until a whole pass hides nothing more: a line with exactly one hidden entry could be
///    solved for it, so a second entry is hidden — the smallest non-zero published entry among the
///    line's cells (ties: the first in the line), or, when every other cell of the line is zero, the
///    line's total.
///
/// Zeros are never hidden, and a hidden entry is never zero, so that second entry always exists: if
/// the lone hidden entry is a cell, the total is at least that cell's count; if it is the total, the
/// cells add up to it, so one of them is non-zero. That argument needs every total to be hideable,
/// the grand total included: when all of a month's complaints fall in one small cell, its row total,
/// column total and grand total all equal it and are all hidden (a notice then prints "少于3" for the
/// month's count).
///
/// The guarantee, checked by `unprotectedLines`: no row or column of the extended table has exactly one
/// hidden entry, so no hidden entry equals a published total minus published cells. A reader still
/// knows that a primary cell lies between 1 and threshold − 1; that is the point of hiding it.
public struct CellSuppression: Sendable, Equatable {
    /// An entry of the published table.
    public enum Position: Hashable, Sendable {
        case cell(row: Int, column: Int)
        case rowTotal(row: Int)
        case columnTotal(column: Int)
        case grandTotal
    }

    public let counts: [[Int]]
    public let threshold: Int
    public let rowTotals: [Int]
    public let columnTotals: [Int]
    public let grandTotal: Int
    public let hidden: Set<Position>

    /// `counts` is rows × columns of non-negative counts, every row as long as the first; a threshold
    /// of 1 hides nothing. `forced` entries are hidden as well, when non-zero: the same quantity hidden
    /// in another file of the release, or in the release this one supersedes (a zero reveals nobody,
    /// and keeping hidden entries non-zero keeps the complement argument above).
    public init(counts: [[Int]], threshold: Int, forced: Set<Position> = []) {
        let columns = counts.first?.count ?? 0
        precondition(counts.allSatisfy { $0.count == columns && $0.allSatisfy { $0 >= 0 } },
                     "a suppression table is rectangular and its counts are non-negative")
        self.counts = counts
        self.threshold = threshold
        rowTotals = counts.map { $0.reduce(0, +) }
        columnTotals = (0..<columns).map { c in counts.reduce(0) { $0 + $1[c] } }
        grandTotal = rowTotals.reduce(0, +)

        var grid = Grid(counts: counts, rowTotals: rowTotals, columnTotals: columnTotals, grandTotal: grandTotal)
        for i in 0..<grid.values.count {
            for j in 0..<grid.values[i].count where (1..<max(threshold, 1)).contains(grid.values[i][j]) {
                grid.hidden[i][j] = true
            }
        }
        for position in forced {
            let (i, j) = Grid.coordinates(position, rows: grid.rows, columns: grid.columns)
            if grid.values.indices.contains(i), grid.values[i].indices.contains(j), grid.values[i][j] > 0 {
                grid.hidden[i][j] = true
            }
        }
        var changed = true
        while changed {
            changed = false
            for line in Grid.lines(rows: grid.rows, columns: grid.columns) where grid.hiddenCount(line) == 1 {
                guard let entry = grid.complement(in: line), !grid.hidden[entry.0][entry.1] else { continue }
                grid.hide(entry)
                changed = true
            }
        }
        hidden = grid.hiddenPositions
    }

    public func isHidden(_ position: Position) -> Bool { hidden.contains(position) }

    /// The count as published, nil where it is hidden.
    public func published(_ position: Position) -> Int? {
        isHidden(position) ? nil : value(position)
    }

    public func value(_ position: Position) -> Int {
        switch position {
        case .cell(let row, let column): counts[row][column]
        case .rowTotal(let row): rowTotals[row]
        case .columnTotal(let column): columnTotals[column]
        case .grandTotal: grandTotal
        }
    }

    /// The lines (as the positions of their entries, total last) that have exactly one hidden entry:
    /// empty whenever the guarantee holds. Tests check it on every table.
    public var unprotectedLines: [[Position]] {
        let rows = counts.count, columns = counts.first?.count ?? 0
        return Grid.lines(rows: rows, columns: columns)
            .map { line in line.map { Grid.position($0.row, $0.column, rows: rows, columns: columns) } }
            .filter { line in line.filter(isHidden).count == 1 }
    }
}

/// The extended table the algorithm works on: `values[rows]` is the total row, the last entry of each
/// row the row total.
private struct Grid {
    /// A line of the extended table: the coordinates of its entries, the total last.
    typealias Line = [(row: Int, column: Int)]

    var values: [[Int]]
    var hidden: [[Bool]]
    let rows: Int, columns: Int

    init(counts: [[Int]], rowTotals: [Int], columnTotals: [Int], grandTotal: Int) {
        rows = counts.count
        columns = columnTotals.count
        values = zip(counts, rowTotals).map { $0 + [$1] } + [columnTotals + [grandTotal]]
        hidden = values.map { Array(repeating: false, count: $0.count) }
    }

    static func coordinates(_ position: CellSuppression.Position, rows: Int, columns: Int) -> (Int, Int) {
        switch position {
        case .cell(let row, let column): (row, column)
        case .rowTotal(let row): (row, columns)
        case .columnTotal(let column): (rows, column)
        case .grandTotal: (rows, columns)
        }
    }

    /// Rows top to bottom, then columns left to right, the total ones last.
    static func lines(rows: Int, columns: Int) -> [Line] {
        (0...rows).map { r in (0...columns).map { (r, $0) } } + (0...columns).map { c in (0...rows).map { ($0, c) } }
    }

    func hiddenCount(_ line: Line) -> Int { line.filter { hidden[$0.row][$0.column] }.count }

    /// The entry to hide beside a line's lone hidden one: its smallest non-zero published cell, the
    /// first of equals; the total when every other cell is zero. One exists (see `CellSuppression`):
    /// lines are built from 0...rows and 0...columns, so a line always has its total.
    func complement(in line: Line) -> (row: Int, column: Int)? {
        let candidates = line.dropLast().filter { !hidden[$0.row][$0.column] && values[$0.row][$0.column] > 0 }
        return candidates.min(by: { values[$0.row][$0.column] < values[$1.row][$1.column] }) ?? line.last
    }

    mutating func hide(_ entry: (row: Int, column: Int)) { hidden[entry.row][entry.column] = true }

    var hiddenPositions: Set<CellSuppression.Position> {
        var out: Set<CellSuppression.Position> = []
        for r in 0...rows {
            for c in 0...columns where hidden[r][c] { out.insert(Self.position(r, c, rows: rows, columns: columns)) }
        }
        return out
    }

    static func position(_ r: Int, _ c: Int, rows: Int, columns: Int) -> CellSuppression.Position {
        switch (r == rows, c == columns) {
        case (false, false): .cell(row: r, column: c)
        case (false, true): .rowTotal(row: r)
        case (true, false): .columnTotal(column: c)
        case (true, true): .grandTotal
        }
    }
}
