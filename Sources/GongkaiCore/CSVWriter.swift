/// Writes RFC 4180 CSV: a field is quoted only when it holds a comma, quote or line break.
///
/// Every CSV gongkai writes for people — published open data, command output, exports — is opened in
/// Excel or WPS, which run a cell starting with = + - @ (or a tab or carriage return) as a formula. Such
/// a cell is written with a leading apostrophe, the spreadsheet convention for "this is text" (OWASP's
/// CSV-injection advice). A plain signed number ("-0.5") is data, not a formula, and stays a number
/// so open data keeps its types. Only files written for gongkai's own importer (the demo's contract files)
/// turn this off, because the importer reads cells literally.
public struct CSVWriter {
    public private(set) var text = ""
    public let neutralisesFormulas: Bool

    public init(header: [String], reserve: Int = 0, neutralisesFormulas: Bool = true) {
        self.neutralisesFormulas = neutralisesFormulas
        text.reserveCapacity(reserve)
        append(header)
    }

    public mutating func append(_ fields: [String]) {
        var first = true
        for field in fields {
            if !first { text.append(",") }
            first = false
            let f = neutralisesFormulas ? Self.neutralised(field) : field
            if f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
                text.append("\"")
                text.append(f.replacingOccurrences(of: "\"", with: "\"\""))
                text.append("\"")
            } else {
                text.append(f)
            }
        }
        text.append("\n")
    }

    /// The cell as a spreadsheet will show it and never evaluate it.
    public static func neutralised(_ cell: String) -> String {
        guard let first = cell.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first),
              !isPlainNumber(cell) else { return cell }
        return "'" + cell
    }

    /// "-12", "+3.5": a sign, digits, at most one decimal point with digits after it.
    static func isPlainNumber(_ cell: String) -> Bool {
        let body = cell.utf8.dropFirst()
        let parts = body.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }
    }

    /// The text with a UTF-8 byte-order mark, so Excel on Chinese Windows reads it as UTF-8.
    public var utf8WithBOM: [UInt8] { [0xEF, 0xBB, 0xBF] + Array(text.utf8) }
}
