/// A cell reference such as `B12` (column B = 1, counted from 0; row 12 as Excel shows it), and a
/// range such as `A1:C2` (a merged cell).
struct CellReference: Equatable {
    /// The largest sheet Excel makes: columns A…XFD, rows 1…1,048,576.
    static let columns = 16_384, rows = 1_048_576

    let column: Int
    let row: Int?

    /// Parses `AB12` (or the column letters alone); nil when it is no reference inside Excel's limits.
    init?(_ text: some StringProtocol) { self.init(text.utf8) }

    /// The same, from the bytes of an attribute (`r="AB12"`).
    init?(_ bytes: some Sequence<UInt8>) {
        var column = 0, row = 0, letters = 0, digits = 0
        for b in bytes {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z") where digits == 0:
                column = column * 26 + Int(b - UInt8(ascii: "A")) + 1; letters += 1
            case UInt8(ascii: "a")...UInt8(ascii: "z") where digits == 0:
                column = column * 26 + Int(b - UInt8(ascii: "a")) + 1; letters += 1
            case UInt8(ascii: "$"): continue
            case UInt8(ascii: "0")...UInt8(ascii: "9") where letters > 0:
                row = row * 10 + Int(b - UInt8(ascii: "0")); digits += 1
                if row > Self.rows { return nil }
            default: return nil
            }
            if letters > 3 { return nil }
        }
        guard letters > 0, column <= Self.columns else { return nil }
        self.column = column - 1
        self.row = digits > 0 ? row : nil
    }

    /// The column's letters: 0 → A, 27 → AB.
    static func letters(_ column: Int) -> String {
        var n = column + 1, s = ""
        while n > 0 { let r = (n - 1) % 26; s = String(UnicodeScalar(UInt8(65 + r))) + s; n = (n - 1) / 26 }
        return s
    }
}

/// A merged range of cells, from its top-left to its bottom-right cell.
struct MergedRange: Equatable {
    let top: Int, left: Int, bottom: Int, right: Int

    init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":")
        guard parts.count == 2, let a = CellReference(parts[0]), let b = CellReference(parts[1]),
              let r1 = a.row, let r2 = b.row else { return nil }
        top = min(r1, r2); bottom = max(r1, r2); left = min(a.column, b.column); right = max(a.column, b.column)
    }

    func contains(row: Int, column: Int) -> Bool { (top...bottom).contains(row) && (left...right).contains(column) }
}
