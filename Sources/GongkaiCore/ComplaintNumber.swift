/// A complaint's number as staff type it into a search box: `TS-202612-0001`, `ts-202612-0001`,
/// `202612-0001`, `TS202612-0001`, with full-width digits or spaces around — always the number the desk
/// gives (TS-YYYYMM-NNNN), so that typing it finds that complaint before any text search.
public enum ComplaintNumber {
    /// The canonical number `text` writes, or nil when it is not a complaint number.
    public static func parse(_ text: String) -> String? {
        var chars = Array(text.precomposedStringWithCompatibilityMapping.uppercased().filter { !$0.isWhitespace })
        if chars.starts(with: ["T", "S"]) {
            chars.removeFirst(2)
            if chars.first == "-" { chars.removeFirst() }
        }
        guard chars.count >= 11, chars.count <= 13, chars[6] == "-",
              chars.enumerated().allSatisfy({ $0.offset == 6 || $0.element.isASCII && $0.element.isNumber }),
              let month = Int(String(chars[4..<6])), (1...12).contains(month) else { return nil }
        return "TS-" + String(chars)
    }
}
