import Foundation

extension Workbook {
    /// `sheet` read as a table: first its header, then each data row (padded with empty cells to the
    /// header's width), empty rows skipped, one row in memory at a time.
    ///
    /// The header is the first row that has a value, together with the rows below it that its merged
    /// cells reach down into: a merged cell names every column it spans, and each column takes the
    /// lowest name in the header rows (`户主` over `户主姓名 | 户主身份证号` gives those two names).
    /// A first row holding only a title merged across columns (`2026年10月低保家庭名册`) is skipped.
    /// The header row's number is the first header row's, as Excel shows it.
    public func table(of sheet: Sheet, _ visit: @escaping (SheetRow) throws -> Void) throws {
        let merges = mergedRanges(of: sheet)
        var block: [SheetRow] = []
        var blockBottom = 0
        var width: Int?

        func finishHeader() throws {
            guard let top = block.first?.number else { return }
            let columns = block.map(\.cells.count).max() ?? 0
            var names = Array(repeating: "", count: columns)
            for row in block {
                for c in 0..<columns {
                    var text = c < row.cells.count ? row.cells[c].text : ""
                    if XMLParts.isBlank(text),
                       let merge = merges.first(where: { $0.contains(row: row.number, column: c) && ($0.top, $0.left) != (row.number, c) }),
                       let origin = block.first(where: { $0.number == merge.top }), merge.left < origin.cells.count {
                        text = origin.cells[merge.left].text
                    }
                    if !XMLParts.isBlank(text) { names[c] = text }
                }
            }
            let used = (names.lastIndex { !XMLParts.isBlank($0) } ?? -1) + 1
            width = used
            block = []
            try visit(SheetRow(number: top, cells: names.prefix(used).map { SheetCell($0) }))
        }

        func isTitle(_ row: SheetRow) -> Bool {
            let filled = row.cells.indices.filter { !XMLParts.isBlank(row.cells[$0].text) }
            guard filled.count == 1, let c = filled.first else { return false }
            return merges.contains { $0.top == row.number && $0.bottom == row.number && $0.left == c && $0.right > $0.left }
        }

        try rows(of: sheet) { row in
            if width == nil {
                if block.isEmpty {
                    if row.isEmpty || isTitle(row) { return }
                    blockBottom = row.number
                } else if row.number > blockBottom {
                    try finishHeader()
                }
            }
            if width == nil {
                block.append(row)
                for merge in merges where merge.top == row.number { blockBottom = max(blockBottom, merge.bottom) }
                if row.number >= blockBottom { try finishHeader() }
                return
            }
            guard !row.isEmpty, let width else { return }
            var cells = row.cells
            if cells.count < width { cells += Array(repeating: .empty, count: width - cells.count) }
            while cells.count > width, let last = cells.last, XMLParts.isBlank(last.text) { cells.removeLast() }
            try visit(SheetRow(number: row.number, cells: cells))
        }
        if width == nil { try finishHeader() }
    }
}
