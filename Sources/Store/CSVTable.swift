import GongkaiCore
/// A parsed CSV file: its header and rows, each row remembering the line it starts on so that every
/// error can say "households.csv:132".
public struct CSVTable: Sendable {
    public typealias Row = SourceRow

    public let header: [String]
    public let headerLine: Int
    public let rows: [Row]

    /// Why a file has no table, and the line to look at.
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case empty
        case unterminatedQuote(line: Int)

        public var line: Int {
            switch self {
            case .empty: 1
            case .unterminatedQuote(let line): line
            }
        }

        public var description: String {
            switch self {
            case .empty:
                "文件是空的（没有表头，没有数据：0 字节，或只有空行或字节顺序标记）：请连同表头重新导出"
            case .unterminatedQuote:
                "引号字段（\"）从这一行开始却没有结束：请补上结尾的引号，或把文字中的引号写成两个（\"\"）"
            }
        }
    }

    /// Parses RFC 4180 CSV (quotes, doubled quotes, newlines inside quotes) from UTF-8. A line ends
    /// at LF, CR LF or a lone CR, outside quotes and inside them alike (inside, each becomes LF).
    /// Byte-order marks at the start are skipped; blank lines are skipped (spreadsheets often leave
    /// them at the end).
    public init(utf8 bytes: [UInt8]) throws(Failure) {
        var rows: [Row] = []
        var fields: [String] = []
        var field: [UInt8] = []
        field.reserveCapacity(64)
        var line = 1
        var rowStartLine = 1
        var i = 0
        let n = bytes.count
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = LineEndings.lf, cr = LineEndings.cr
        while bytes[i...].starts(with: [0xEF, 0xBB, 0xBF]) { i += 3 }

        func endRow() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            if !(fields.count == 1 && fields[0].trimmingASCIIWhitespace().isEmpty) {
                rows.append(Row(line: rowStartLine, fields: fields))
            }
            fields = []
            fields.reserveCapacity(16)
        }
        /// Steps over one line ending at `i` (CR LF counts once); true when there was one.
        func skipLineEnding() -> Bool {
            if bytes[i] == lf { i += 1; line += 1; return true }
            if bytes[i] == cr { i += (i + 1 < n && bytes[i + 1] == lf) ? 2 : 1; line += 1; return true }
            return false
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
                    if (q == lf || q == cr) && skipLineEnding() { field.append(lf); continue }
                    field.append(q)
                    i += 1
                }
                if !closed { throw .unterminatedQuote(line: startLine) }
                continue
            }
            if (c == lf || c == cr) && skipLineEnding() {
                endRow()
                rowStartLine = line
                continue
            }
            if c == comma {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
            } else {
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
