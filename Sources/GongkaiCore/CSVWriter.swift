/// Writes RFC 4180 CSV: a field is quoted only when it holds a comma, quote or line break.
public struct CSVWriter {
    public private(set) var text = ""

    public init(header: [String], reserve: Int = 0) {
        text.reserveCapacity(reserve)
        append(header)
    }

    public mutating func append(_ fields: [String]) {
        var first = true
        for f in fields {
            if !first { text.append(",") }
            first = false
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
}
