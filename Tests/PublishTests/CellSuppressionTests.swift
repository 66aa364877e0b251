import Publish
import Testing

/// Hand-worked tables at threshold 3. In the comments `h` marks a hidden entry, `R0` a row total, `TA`
/// a column total and `G` the grand total; passes go over rows top to bottom, then columns.
@Suite struct CellSuppressionTests {
    typealias P = CellSuppression.Position

    /// Checks what every suppression must satisfy besides its hand-worked result.
    func suppress(_ counts: [[Int]], threshold: Int = 3) -> CellSuppression {
        let s = CellSuppression(counts: counts, threshold: threshold)
        #expect(s.unprotectedLines.isEmpty)
        return s
    }

    @Test func noSmallCellsHidesNothingAndPublishesZeros() {
        //        A  B  C | 合计
        //  r0    5  0  7 | 12
        //  r1    3  9  0 | 12
        //  合计  8  9  7 | 24      3 is not below the threshold; zeros are published.
        let s = suppress([[5, 0, 7], [3, 9, 0]])
        #expect(s.hidden.isEmpty)
        #expect(s.rowTotals == [12, 12] && s.columnTotals == [8, 9, 7] && s.grandTotal == 24)
        #expect(s.published(.cell(row: 0, column: 1)) == 0)
    }

    @Test func oneSmallCellGetsAComplementInItsRowAndItsColumn() {
        //        A   B   C | 合计
        //  r0    2h  5   7 | 14    primary 2; row 0 → smallest other, 5
        //  r1    4   6   8 | 18    column A → 4 (below 9); column B → 6 (below 10)
        //  r2    9  10  11 | 30    row 1 now has two: stable. The classic rectangle.
        //  合计 15  21  26 | 62
        let s = suppress([[2, 5, 7], [4, 6, 8], [9, 10, 11]])
        #expect(s.hidden == [.cell(row: 0, column: 0), .cell(row: 0, column: 1),
                             .cell(row: 1, column: 0), .cell(row: 1, column: 1)])
        #expect(s.published(.cell(row: 0, column: 0)) == nil)
        #expect(s.published(.rowTotal(row: 0)) == 14)
    }

    @Test func forcedEntriesAreHiddenWithTheirComplementsAndZerosStayPublished() {
        //        A    B  | 合计
        //  r0    5f   7h | 12h   5 forced: row 0 → 7; G forced: total row → 11; column B → 8;
        //  r1    6h   8h | 14    total column → 12; pass 2: row 1 → 6. Stable.
        //  r2    0    0f |  0    a forced zero stays published
        //  合计 11h  15  | 26f
        let s = CellSuppression(counts: [[5, 7], [6, 8], [0, 0]], threshold: 3,
                                forced: [.cell(row: 0, column: 0), .cell(row: 2, column: 1), .grandTotal])
        #expect(s.unprotectedLines.isEmpty)
        #expect(s.hidden == [.cell(row: 0, column: 0), .cell(row: 0, column: 1), .cell(row: 1, column: 0),
                             .cell(row: 1, column: 1), .columnTotal(column: 0), .rowTotal(row: 0), .grandTotal])
        #expect(s.published(.cell(row: 2, column: 1)) == 0)
    }

    @Test func tiesGoToTheFirstCellOfTheLine() {
        //        A  B  C | 合计
        //  r0    1h 4  4 | 9      row 0: B and C tie at 4 → B
        //  r1    4  4  4 | 12     column A → 4; column B → 4; row 1 then has two
        //  合计  5  8  8 | 21
        let s = suppress([[1, 4, 4], [4, 4, 4]])
        #expect(s.hidden == [.cell(row: 0, column: 0), .cell(row: 0, column: 1),
                             .cell(row: 1, column: 0), .cell(row: 1, column: 1)])
    }

    @Test func aLineWhoseOtherCellsAreZeroHidesItsTotal() {
        //        A   B  | 合计
        //  r0    2h  5h | 7h     pass 1: row 0 → 5; column A → 6 (the 0 is skipped); column B → 4
        //  r1    0   4h | 4h     pass 2: row 1 has one hidden and only a zero beside it → its total
        //  r2    6h  8h | 14     pass 2: row 2 → 8; total column has R1 alone → smallest other, R0 = 7
        //  合计  8  17  | 25     pass 3: nothing left with exactly one hidden
        let s = suppress([[2, 5], [0, 4], [6, 8]])
        #expect(s.hidden == [.cell(row: 0, column: 0), .cell(row: 0, column: 1), .cell(row: 1, column: 1),
                             .cell(row: 2, column: 0), .cell(row: 2, column: 1),
                             .rowTotal(row: 0), .rowTotal(row: 1)])
        #expect(!s.isHidden(.cell(row: 1, column: 0)))
    }

    @Test func aSmallTotalIsHiddenAndTheHidingCascades() {
        //        A   B   C  | 合计
        //  r0    1h  4h  6h | 11h    primary: the 1 and column total TA = 1
        //  r1    0   5h  0  | 5h     pass 1: row 0 → 4; total row (TA alone) → TC = 15 (below 16);
        //  r2    0   7   9  | 16             column B → 5; column C (TC alone) → 6
        //  合计  1h 16  15h | 32     pass 2: row 1 → only zeros beside → R1; total column → R0 = 11
        let s = suppress([[1, 4, 6], [0, 5, 0], [0, 7, 9]])
        #expect(s.hidden == [.cell(row: 0, column: 0), .cell(row: 0, column: 1), .cell(row: 0, column: 2),
                             .cell(row: 1, column: 1), .columnTotal(column: 0), .columnTotal(column: 2),
                             .rowTotal(row: 0), .rowTotal(row: 1)])
        #expect(s.published(.grandTotal) == 32)
    }

    @Test func aSingleSmallCellHidesTheGrandTotalToo() {
        //        A  B  | 合计
        //  r0    0  2h | 2h      every line through the 2 ends in a total that equals it
        //  r1    0  0  | 0
        //  合计  0  2h | 2h
        let s = suppress([[0, 2], [0, 0]])
        #expect(s.hidden == [.cell(row: 0, column: 1), .rowTotal(row: 0), .columnTotal(column: 1), .grandTotal])
    }

    @Test func aOneColumnTableHidesASecondCell() {
        //        件数 (row totals repeat the cells)
        //  r0    5h      column: the 2 alone → smallest other non-zero, 5; its row total follows
        //  r1    2h
        //  r2    0
        //  r3    7
        //  合计  14
        let s = suppress([[5], [2], [0], [7]])
        #expect(s.hidden == [.cell(row: 0, column: 0), .cell(row: 1, column: 0), .rowTotal(row: 0), .rowTotal(row: 1)])
    }

    @Test func thresholdOneHidesNothing() {
        #expect(suppress([[1, 2], [0, 1]], threshold: 1).hidden.isEmpty)
    }

    @Test func everyTableIsProtected() {
        // A fixed linear congruential sequence: the same 300 tables on every run, rich in 0, 1 and 2.
        var state: UInt64 = 20261031
        func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<300 {
            let threshold = 2 + next(4)
            let height = 1 + next(6), width = 1 + next(7)
            let table = (0..<height).map { _ in (0..<width).map { _ in next(3) == 0 ? 0 : next(12) } }
            let s = suppress(table, threshold: threshold)
            let entries: [P] = table.indices.flatMap { r in table[r].indices.map { P.cell(row: r, column: $0) } }
                + table.indices.map { P.rowTotal(row: $0) } + (0..<width).map { P.columnTotal(column: $0) } + [.grandTotal]
            for p in entries {
                let v = s.value(p)
                #expect(s.isHidden(p) || !(1..<threshold).contains(v), "\(p) = \(v) below \(threshold) is published in \(table)")
                #expect(!(s.isHidden(p) && v == 0), "\(p) is a hidden zero in \(table)")
            }
        }
    }
}
