import GongkaiCore
/// A parsed CSV file: its header and rows, each row remembering the line it starts on so that every
/// error can say "households.csv:132".
public struct CSVTable: Sendable {
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String]
    }

    public let header: [String]
    public let headerLine: Int
    public let rows: [Row]

    public enum Failure: Error, CustomStringConvertible {
        case empty
        case unterminatedQuote(line: Int)
        public var description: String {
            switch self {
            case .empty: "the file is empty: a header row is required"
            case .unterminatedQuote(let line): "a quoted field starting on line \(line) is never closed"
            }
        }
    }

    /// Parses RFC 4180 CSV (quotes, doubled quotes, CR LF or LF, newlines inside quotes) from UTF-8.
    /// Blank lines are skipped: spreadsheets often leave them at the end.
    public init(utf8 bytes: [UInt8]) throws(Failure) {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(64)
        var line = 1
        var rowStartLine = 1
        var i = 0
        let n = bytes.count
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

        func endRow() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if !(fields.count == 1 && fields[0].isEmpty) {
                rows.append(Row(line: rowStartLine, fields: fields))
            }
            fields = []
            fields.reserveCapacity(16)
        }

        while i < n {
            let c = bytes[i]
            if c == quote && field.isEmpty {
                // Quoted field: read to the closing quote.
                let startLine = line
                i += 1
                var closed = false
                while i < n {
                    let q = bytes[i]
                    if q == quote {
                        if i + 1 < n && bytes[i + 1] == quote { field.append(quote); i += 2; continue }
                        i += 1; closed = true; break
                    }
                    if q == lf { line += 1 }
                    field.append(q)
                    i += 1
                }
                if !closed { throw .unterminatedQuote(line: startLine) }
                continue
            }
            switch c {
            case comma:
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            case cr:
                break
            case lf:
                endRow()
                line += 1
                rowStartLine = line
            default:
                field.append(c)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty { endRow() }
        guard let first = rows.first else { throw .empty }
        header = first.fields.map { String($0.trimmingASCIIWhitespace()) }
        headerLine = first.line
        self.rows = Array(rows.dropFirst())
    }
}
