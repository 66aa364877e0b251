/// An amount of money in fen (1 yuan = 100 fen).
///
/// Money never passes through floating point: amounts are parsed from and formatted to yuan text
/// exactly, and sums are integer sums, so a district total always equals the sum of its rows.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public var fen: Int64

    public init(fen: Int64) { self.fen = fen }

    public static let zero = Money(fen: 0)

    public static func < (a: Money, b: Money) -> Bool { a.fen < b.fen }

    /// The checked sum: beyond Int64 fen (about 92 万亿 yuan) is an error, never a trap or a
    /// wrapped total.
    public static func total<S: Sequence>(_ amounts: S) throws(TotalOverflow) -> Money where S.Element == Money {
        Money(fen: try TotalOverflow.sum(amounts.lazy.map(\.fen), of: "金额"))
    }

    /// Yuan with exactly two decimals and no grouping, e.g. "1234.50" or "-3.05".
    public var yuan: String {
        let sign = fen < 0 ? "-" : ""
        let magnitude = fen.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)"
    }

    /// Yuan with thousands separators, for printed tables: "1,234.50".
    public var yuanGrouped: String { DecimalText.groupingThousands(yuan) }

    public var description: String { yuan }
}

extension Money {
    public enum ParseError: Error, Equatable, CustomStringConvertible {
        case empty, negative, tooManyDecimals, malformed, tooLarge

        public var description: String {
            switch self {
            case .empty: "金额为空"
            case .negative: "金额不能为负数"
            case .tooManyDecimals: "金额的小数超过 2 位（请以元为单位，如 1234.50）"
            case .malformed: "不是以元为单位的金额（应如 1234.50 或 1,234.50）"
            case .tooLarge: "金额过大"
            }
        }
    }

    /// Parses a non-negative amount written in yuan: "1234.5", "1234.50", "0.01", "1,234.50".
    ///
    /// Thousands separators are accepted only in their proper places, so "12,34" (a likely typo for a
    /// decimal comma) is refused instead of being read as 1234.
    public static func parseYuan(_ text: some StringProtocol) throws(ParseError) -> Money {
        let trimmed = text.trimmingASCIIWhitespace()
        guard !trimmed.isEmpty else { throw .empty }
        var bytes = Array(trimmed.utf8)
        if bytes.first == UInt8(ascii: "-") { throw .negative }
        if bytes.first == UInt8(ascii: "+") { bytes.removeFirst() }
        let dot = bytes.firstIndex(of: UInt8(ascii: "."))
        let integerPart = dot.map { Array(bytes[..<$0]) } ?? bytes
        let fractionPart = dot.map { Array(bytes[($0 + 1)...]) } ?? []
        guard !integerPart.isEmpty else { throw .malformed }
        if dot != nil && fractionPart.isEmpty { throw .malformed }
        guard fractionPart.allSatisfy({ $0.isASCIIDigit }) else { throw .malformed }
        guard fractionPart.count <= 2 else { throw .tooManyDecimals }

        var digits: [UInt8]
        if integerPart.contains(UInt8(ascii: ",")) {
            let groups = integerPart.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
            guard let first = groups.first, (1...3).contains(first.count),
                  groups.dropFirst().allSatisfy({ $0.count == 3 }) else { throw .malformed }
            digits = groups.flatMap { $0 }
        } else {
            digits = integerPart
        }
        guard digits.allSatisfy({ $0.isASCIIDigit }) else { throw .malformed }
        guard digits.count <= 15 else { throw .tooLarge }
        var fen: Int64 = 0
        for d in digits { fen = fen * 10 + Int64(d - 48) }
        var fraction = fractionPart.map { Int64($0 - 48) }
        while fraction.count < 2 { fraction.append(0) }
        fen = fen * 100 + fraction[0] * 10 + fraction[1]
        return Money(fen: fen)
    }
}

extension UInt8 {
    @inlinable var isASCIIDigit: Bool { self >= 48 && self <= 57 }
}

extension StringProtocol {
    /// Trims spaces, tabs, CR, LF and the ideographic space (U+3000) — what spreadsheet exports leave
    /// around cells. Works on UTF-8 bytes: import calls it for every cell.
    public func trimmingASCIIWhitespace() -> Substring {
        let s = Substring(self)
        let utf8 = s.utf8
        var start = utf8.startIndex, end = utf8.endIndex
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
        while start < end {
            let b = utf8[start]
            if isSpace(b) { start = utf8.index(after: start); continue }
            // U+3000 is E3 80 80 in UTF-8.
            if b == 0xE3, utf8.distance(from: start, to: end) >= 3,
               utf8[utf8.index(start, offsetBy: 1)] == 0x80, utf8[utf8.index(start, offsetBy: 2)] == 0x80 {
                start = utf8.index(start, offsetBy: 3); continue
            }
            break
        }
        while end > start {
            let last = utf8.index(before: end)
            if isSpace(utf8[last]) { end = last; continue }
            if utf8.distance(from: start, to: end) >= 3, utf8[last] == 0x80 {
                let middle = utf8.index(before: last), first = utf8.index(before: middle)
                if utf8[middle] == 0x80 && utf8[first] == 0xE3 { end = first; continue }
            }
            break
        }
        return s[start..<end]
    }
}
