/// The number of glyphs of a CFF font program (Adobe TN 5176): the count of its CharStrings INDEX,
/// found through the Top DICT's CharStrings offset (operator 17). HarfBuzz reads the glyph count of
/// a face from its `maxp` table, which a bare CFF program lacks: `LeanFonts` writes one from this.
///
/// Every read is bounds-checked: anything not in that form (truncated, a reserved DICT byte, no
/// CharStrings) is nil, never a trap.
struct CFFGlyphCount {
    private let bytes: [UInt8]

    static func of(_ program: [UInt8]) -> Int? { CFFGlyphCount(bytes: program).count() }

    private func count() -> Int? {
        guard let headerSize = byte(2),
              let nameIndexEnd = indexEnd(at: headerSize),
              let topDict = firstItem(at: nameIndexEnd),
              let charStrings = operand(17, in: topDict) else { return nil }
        return uint16(charStrings)
    }

    private func byte(_ offset: Int) -> Int? {
        offset >= 0 && offset < bytes.count ? Int(bytes[offset]) : nil
    }

    private func uint16(_ offset: Int) -> Int? {
        guard let high = byte(offset), let low = byte(offset + 1) else { return nil }
        return high << 8 | low
    }

    /// A big-endian offset of `size` (1–4) bytes.
    private func offset(_ at: Int, size: Int) -> Int? {
        var value = 0
        for i in 0..<size {
            guard let b = byte(at + i) else { return nil }
            value = value << 8 | b
        }
        return value
    }

    /// The bounds of item `item` of the INDEX at `at`, or of its data as a whole (`item` nil), and
    /// the offset just past the INDEX.
    private func index(at: Int, item: Int?) -> (range: Range<Int>, end: Int)? {
        guard let count = uint16(at) else { return nil }
        if count == 0 { return item == nil ? (at + 2..<at + 2, at + 2) : nil }
        guard let size = byte(at + 2), (1...4).contains(size) else { return nil }
        let offsets = at + 3, dataBase = offsets + (count + 1) * size - 1
        guard let last = offset(offsets + count * size, size: size) else { return nil }
        let end = dataBase + last
        guard end <= bytes.count else { return nil }
        guard let item else { return (dataBase + 1..<end, end) }
        guard item < count, let first = offset(offsets + item * size, size: size),
              let next = offset(offsets + (item + 1) * size, size: size), 1 <= first, first <= next else { return nil }
        return (dataBase + first..<dataBase + next, end)
    }

    private func indexEnd(at: Int) -> Int? { index(at: at, item: nil)?.end }

    private func firstItem(at: Int) -> Range<Int>? { index(at: at, item: 0)?.range }

    /// The last integer operand before the one-byte operator `op` in the DICT at `range`.
    private func operand(_ op: Int, in range: Range<Int>) -> Int? {
        var operands: [Int?] = []
        var i = range.lowerBound
        while i < range.upperBound {
            guard let b0 = byte(i) else { return nil }
            switch b0 {
            case 0...21:
                if b0 == op { return operands.last ?? nil }
                i += b0 == 12 ? 2 : 1
                operands = []
            case 28:
                guard let value = uint16(i + 1) else { return nil }
                operands.append(Int(Int16(truncatingIfNeeded: value)))
                i += 3
            case 29:
                guard let value = offset(i + 1, size: 4) else { return nil }
                operands.append(Int(Int32(truncatingIfNeeded: value)))
                i += 5
            case 30:
                // A real number: nibbles up to and including an 0xF nibble.
                i += 1
                while let b = byte(i), b & 0x0F != 0x0F, b >> 4 != 0x0F { i += 1 }
                i += 1
                operands.append(nil)
            case 32...246:
                operands.append(b0 - 139)
                i += 1
            case 247...254:
                guard let b1 = byte(i + 1) else { return nil }
                operands.append(b0 <= 250 ? (b0 - 247) * 256 + b1 + 108 : -(b0 - 251) * 256 - b1 - 108)
                i += 2
            default:
                return nil
            }
        }
        return nil
    }
}
