/// A reader for the TOML that templates/ uses: tables, arrays of tables, dotted keys, basic and
/// literal strings (also multi-line), integers, floats, booleans, local dates, arrays and inline tables.
///
/// Written here rather than taken from a package because every value must carry its line, so that a
/// mistake in a file that office staff edit is reported as "templates/desk.toml:12: …".
public indirect enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    case date(CivilDate)
    case array([TOMLValue])
    case table(TOMLTable)

    var typeName: String {
        switch self {
        case .string: "文字"
        case .integer: "整数"
        case .float: "数值"
        case .bool: "true 或 false"
        case .date: "日期"
        case .array: "数组"
        case .table: "表"
        }
    }
}

/// A TOML table that remembers key order and the line each key was written on.
public struct TOMLTable: Sendable, Equatable {
    public private(set) var keys: [String] = []
    private var values: [String: TOMLValue] = [:]
    private var keyLines: [String: Int] = [:]
    /// The line of the table's header (or of the first key for the root table).
    public let line: Int

    public init(line: Int) { self.line = line }

    public subscript(key: String) -> TOMLValue? { values[key] }

    public func line(of key: String) -> Int { keyLines[key] ?? line }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
        keyLines[key] = line
    }

    // MARK: Typed access with errors that name the line

    public func string(_ key: String) throws(TOMLError) -> String {
        guard let v = values[key] else { throw TOMLError(line: line, message: "缺少键 '\(key)'") }
        if case .string(let s) = v { return s }
        throw TOMLError(line: line(of: key), message: "'\(key)' 须为文字，实际为\(v.typeName)")
    }

    public func optionalString(_ key: String) throws(TOMLError) -> String? {
        values[key] == nil ? nil : try string(key)
    }

    public func integer(_ key: String) throws(TOMLError) -> Int64 {
        guard let v = values[key] else { throw TOMLError(line: line, message: "缺少键 '\(key)'") }
        if case .integer(let i) = v { return i }
        throw TOMLError(line: line(of: key), message: "'\(key)' 须为整数，实际为\(v.typeName)")
    }

    public func optionalInteger(_ key: String) throws(TOMLError) -> Int64? {
        values[key] == nil ? nil : try integer(key)
    }

    /// An integer or a float, as a Double (for targets and thresholds, never for money).
    public func number(_ key: String) throws(TOMLError) -> Double {
        guard let v = values[key] else { throw TOMLError(line: line, message: "缺少键 '\(key)'") }
        switch v {
        case .integer(let i): return Double(i)
        case .float(let d): return d
        default: throw TOMLError(line: line(of: key), message: "'\(key)' 须为数值，实际为\(v.typeName)")
        }
    }

    public func optionalNumber(_ key: String) throws(TOMLError) -> Double? {
        values[key] == nil ? nil : try number(key)
    }

    public func bool(_ key: String, default fallback: Bool) throws(TOMLError) -> Bool {
        guard let v = values[key] else { return fallback }
        if case .bool(let b) = v { return b }
        throw TOMLError(line: line(of: key), message: "'\(key)' 须为 true 或 false，实际为\(v.typeName)")
    }

    public func table(_ key: String) throws(TOMLError) -> TOMLTable {
        guard let v = values[key] else { throw TOMLError(line: line, message: "缺少表 [\(key)]") }
        if case .table(let t) = v { return t }
        throw TOMLError(line: line(of: key), message: "'\(key)' 须为表，实际为\(v.typeName)")
    }

    public func optionalTable(_ key: String) throws(TOMLError) -> TOMLTable? {
        values[key] == nil ? nil : try table(key)
    }

    public func array(_ key: String) throws(TOMLError) -> [TOMLValue] {
        guard let v = values[key] else { return [] }
        if case .array(let a) = v { return a }
        throw TOMLError(line: line(of: key), message: "'\(key)' 须为数组，实际为\(v.typeName)")
    }

    /// `[[key]]` entries.
    public func tables(_ key: String) throws(TOMLError) -> [TOMLTable] {
        var result: [TOMLTable] = []
        for v in try array(key) {
            guard case .table(let t) = v else {
                throw TOMLError(line: line(of: key), message: "'\(key)' 须为表的数组")
            }
            result.append(t)
        }
        return result
    }

    public func strings(_ key: String) throws(TOMLError) -> [String] {
        var result: [String] = []
        for v in try array(key) {
            guard case .string(let s) = v else {
                throw TOMLError(line: line(of: key), message: "'\(key)' 须为文字的数组")
            }
            result.append(s)
        }
        return result
    }

    /// Dates written either as TOML dates (2026-02-15) or as strings ("2026-02-15").
    public func dates(_ key: String) throws(TOMLError) -> [CivilDate] {
        var result: [CivilDate] = []
        for v in try array(key) {
            switch v {
            case .date(let d): result.append(d)
            case .string(let s):
                guard let d = CivilDate(parsing: s) else {
                    throw TOMLError(line: line(of: key), message: "'\(key)' 中的 '\(s)' 不是日期（YYYY-MM-DD）")
                }
                result.append(d)
            default: throw TOMLError(line: line(of: key), message: "'\(key)' 须为日期的数组")
            }
        }
        return result
    }
}

public struct TOMLError: Error, Equatable, CustomStringConvertible {
    public let line: Int
    public let message: String
    public init(line: Int, message: String) { self.line = line; self.message = message }
    public var description: String { "第 \(line) 行：\(message)" }
}

public enum TOML {
    /// Parses a whole document into its root table.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var parser = Parser(bytes: Array(text.utf8))
        return try parser.document()
    }
}

private struct Parser {
    let bytes: [UInt8]
    var pos = 0
    var line = 1
    /// Arrays and inline tables open inside the value being read. Settings nest two or three deep;
    /// the bound stops a hostile file (`a = [[[[…`) from exhausting the stack.
    var nesting = 0
    static let maximumNesting = 32

    init(bytes: [UInt8]) {
        self.bytes = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes
    }

    var atEnd: Bool { pos >= bytes.count }
    var current: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    func fail(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }

    mutating func advance() {
        if bytes[pos] == UInt8(ascii: "\n") { line += 1 }
        pos += 1
    }

    mutating func skipSpaces() {
        while let c = current, c == UInt8(ascii: " ") || c == UInt8(ascii: "\t") { pos += 1 }
    }

    mutating func skipComment() {
        if current == UInt8(ascii: "#") {
            while let c = current, c != UInt8(ascii: "\n") { pos += 1 }
        }
    }

    /// Skips blank lines, comments and newlines (inside arrays and between statements).
    mutating func skipTrivia() {
        while true {
            skipSpaces(); skipComment()
            if current == UInt8(ascii: "\n") || current == UInt8(ascii: "\r") { advance() } else { return }
        }
    }

    mutating func expectEndOfLine() throws(TOMLError) {
        skipSpaces(); skipComment()
        if current == UInt8(ascii: "\r") { pos += 1 }
        if let c = current, c != UInt8(ascii: "\n") {
            throw fail("值后面出现多余的 '\(Character(Unicode.Scalar(c)))'（每行一个 键 = 值）")
        }
    }

    mutating func document() throws(TOMLError) -> TOMLTable {
        var root = TOMLTable(line: 1)
        var path: [PathStep] = []  // where the current [table] lives
        while true {
            skipTrivia()
            guard let c = current else { break }
            if c == UInt8(ascii: "[") {
                let headerLine = line
                let isArray = pos + 1 < bytes.count && bytes[pos + 1] == UInt8(ascii: "[")
                pos += isArray ? 2 : 1
                skipSpaces()
                let key = try dottedKey()
                skipSpaces()
                for _ in 0..<(isArray ? 2 : 1) {
                    guard current == UInt8(ascii: "]") else { throw fail("表头须以 '\(isArray ? "]]" : "]")' 结尾") }
                    pos += 1
                }
                try expectEndOfLine()
                path = try Parser.openTable(in: &root, key: key, isArray: isArray, line: headerLine)
            } else {
                let keyLine = line
                let key = try dottedKey()
                skipSpaces()
                guard current == UInt8(ascii: "=") else { throw fail("键 '\(key.joined(separator: "."))' 后面应有 '='") }
                pos += 1
                skipSpaces()
                let value = try self.value()
                try expectEndOfLine()
                try Parser.assign(in: &root, path: path, key: key, value: value, line: keyLine)
            }
        }
        return root
    }

    enum PathStep { case key(String), lastOf(String) }

    /// Creates (or re-opens) the table a header names and returns the path to it.
    static func openTable(in root: inout TOMLTable, key: [String], isArray: Bool, line: Int) throws(TOMLError) -> [PathStep] {
        var steps: [PathStep] = []
        var resolved: [PathStep] = []
        for (i, k) in key.enumerated() {
            let last = i == key.count - 1
            steps.append(.key(k))
            let existing = lookup(root, resolved + [.key(k)])
            if last {
                if isArray {
                    var items: [TOMLValue] = []
                    if let existing {
                        guard case .array(let a) = existing else { throw TOMLError(line: line, message: "'\(k)' 已被定义为值") }
                        items = a
                    }
                    items.append(.table(TOMLTable(line: line)))
                    try store(in: &root, resolved, k, .array(items), line: line)
                    resolved.append(.lastOf(k))
                } else {
                    if existing == nil {
                        try store(in: &root, resolved, k, .table(TOMLTable(line: line)), line: line)
                    } else if case .table = existing {
                    } else {
                        throw TOMLError(line: line, message: "'\(k)' 已被定义为值")
                    }
                    resolved.append(.key(k))
                }
            } else {
                switch existing {
                case nil:
                    try store(in: &root, resolved, k, .table(TOMLTable(line: line)), line: line)
                    resolved.append(.key(k))
                case .table?: resolved.append(.key(k))
                case .array?: resolved.append(.lastOf(k))
                default: throw TOMLError(line: line, message: "'\(k)' 已被定义为值")
                }
            }
        }
        _ = steps
        return resolved
    }

    static func assign(in root: inout TOMLTable, path: [PathStep], key: [String], value: TOMLValue, line: Int) throws(TOMLError) {
        var resolved = path
        for k in key.dropLast() {
            switch lookup(root, resolved + [.key(k)]) {
            case nil: try store(in: &root, resolved, k, .table(TOMLTable(line: line)), line: line)
            case .table?: break
            default: throw TOMLError(line: line, message: "'\(k)' 已被定义为值")
            }
            resolved.append(.key(k))
        }
        guard let name = key.last else { throw TOMLError(line: line, message: "缺少键名") }
        if lookup(root, resolved + [.key(name)]) != nil {
            throw TOMLError(line: line, message: "键 '\(key.joined(separator: "."))' 定义了两次")
        }
        try store(in: &root, resolved, name, value, line: line)
    }

    static func lookup(_ table: TOMLTable, _ steps: [PathStep]) -> TOMLValue? {
        guard let first = steps.first else { return .table(table) }
        switch first {
        case .key(let k):
            guard let v = table[k] else { return nil }
            if steps.count == 1 { return v }
            guard case .table(let t) = v else { return nil }
            return lookup(t, Array(steps.dropFirst()))
        case .lastOf(let k):
            guard case .array(let a)? = table[k], case .table(let t)? = a.last else { return nil }
            return steps.count == 1 ? .table(t) : lookup(t, Array(steps.dropFirst()))
        }
    }

    static func store(in table: inout TOMLTable, _ steps: [PathStep], _ key: String, _ value: TOMLValue, line: Int) throws(TOMLError) {
        guard let first = steps.first else {
            table.set(key, value, line: line)
            return
        }
        switch first {
        case .key(let k):
            guard case .table(var inner)? = table[k] else { throw TOMLError(line: line, message: "'\(k)' 不是表") }
            try store(in: &inner, Array(steps.dropFirst()), key, value, line: line)
            table.set(k, .table(inner), line: table.line(of: k))
        case .lastOf(let k):
            guard case .array(var items)? = table[k], case .table(var inner)? = items.last else {
                throw TOMLError(line: line, message: "'\(k)' 不是表的数组")
            }
            try store(in: &inner, Array(steps.dropFirst()), key, value, line: line)
            items[items.count - 1] = .table(inner)
            table.set(k, .array(items), line: table.line(of: k))
        }
    }

    mutating func dottedKey() throws(TOMLError) -> [String] {
        var parts: [String] = []
        while true {
            skipSpaces()
            guard let c = current else { throw fail("缺少键名") }
            if c == UInt8(ascii: "\"") {
                parts.append(try basicString())
            } else if c == UInt8(ascii: "'") {
                parts.append(try literalString())
            } else {
                let start = pos
                while let c = current, c.isBareKeyByte { pos += 1 }
                guard pos > start else { throw fail("应为键名，实际为 '\(Character(Unicode.Scalar(c)))'") }
                parts.append(String(decoding: bytes[start..<pos], as: UTF8.self))
            }
            skipSpaces()
            if current == UInt8(ascii: ".") { pos += 1 } else { return parts }
        }
    }

    mutating func value() throws(TOMLError) -> TOMLValue {
        guard let c = current else { throw fail("缺少值") }
        if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") {
            guard nesting < Self.maximumNesting else {
                throw fail("数组和表的嵌套超过 \(Self.maximumNesting) 层")
            }
            nesting += 1
        }
        defer { if c == UInt8(ascii: "[") || c == UInt8(ascii: "{") { nesting -= 1 } }
        switch c {
        case UInt8(ascii: "\""):
            if bytes[pos...].starts(with: Array("\"\"\"".utf8)) { return .string(try multilineBasicString()) }
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if bytes[pos...].starts(with: Array("'''".utf8)) { return .string(try multilineLiteralString()) }
            return .string(try literalString())
        case UInt8(ascii: "["):
            pos += 1
            var items: [TOMLValue] = []
            while true {
                skipTrivia()
                if current == UInt8(ascii: "]") { pos += 1; return .array(items) }
                items.append(try value())
                skipTrivia()
                if current == UInt8(ascii: ",") { pos += 1; continue }
                skipTrivia()
                guard current == UInt8(ascii: "]") else { throw fail("数组中应为 ',' 或 ']'") }
            }
        case UInt8(ascii: "{"):
            pos += 1
            var table = TOMLTable(line: line)
            skipSpaces()
            if current == UInt8(ascii: "}") { pos += 1; return .table(table) }
            while true {
                skipSpaces()
                let keyLine = line
                let key = try dottedKey()
                skipSpaces()
                guard current == UInt8(ascii: "=") else { throw fail("内联表中应有 '='") }
                pos += 1
                skipSpaces()
                let v = try value()
                try Parser.assign(in: &table, path: [], key: key, value: v, line: keyLine)
                skipSpaces()
                if current == UInt8(ascii: ",") { pos += 1; continue }
                guard current == UInt8(ascii: "}") else { throw fail("内联表中应为 ',' 或 '}'") }
                pos += 1
                return .table(table)
            }
        default:
            let start = pos
            while let c = current, !(c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: "}")
                                     || c == UInt8(ascii: "#") || c == UInt8(ascii: "\n") || c == UInt8(ascii: "\r")) {
                pos += 1
            }
            let raw = String(decoding: bytes[start..<pos], as: UTF8.self).trimmingASCIIWhitespace()
            if raw == "true" { return .bool(true) }
            if raw == "false" { return .bool(false) }
            if let d = CivilDate(parsing: raw), raw.count == 10, raw.contains("-") { return .date(d) }
            let digits = raw.replacingOccurrences(of: "_", with: "")
            if let i = Int64(digits) { return .integer(i) }
            if digits.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let d = Double(digits) { return .float(d) }
            throw fail(raw.isEmpty ? "缺少值" : "'\(raw)' 不是有效的值（文字须加引号 \"…\"）")
        }
    }

    mutating func basicString() throws(TOMLError) -> String {
        pos += 1
        var out: [UInt8] = []
        while true {
            guard let c = current, c != UInt8(ascii: "\n") else { throw fail("字符串缺少结尾的 \"") }
            pos += 1
            if c == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
            if c == UInt8(ascii: "\\") { try escape(into: &out) } else { out.append(c) }
        }
    }

    mutating func escape(into out: inout [UInt8]) throws(TOMLError) {
        guard let e = current else { throw fail("字符串在转义序列中结束") }
        pos += 1
        switch e {
        case UInt8(ascii: "n"): out.append(10)
        case UInt8(ascii: "t"): out.append(9)
        case UInt8(ascii: "r"): out.append(13)
        case UInt8(ascii: "\""): out.append(34)
        case UInt8(ascii: "\\"): out.append(92)
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let n = e == UInt8(ascii: "u") ? 4 : 8
            guard pos + n <= bytes.count, let code = UInt32(String(decoding: bytes[pos..<pos + n], as: UTF8.self), radix: 16),
                  let scalar = Unicode.Scalar(code) else { throw fail("错误的 \\u 转义序列") }
            pos += n
            out.append(contentsOf: Array(String(Character(scalar)).utf8))
        default: throw fail("未知的转义序列 \\\(Character(Unicode.Scalar(e)))")
        }
    }

    mutating func literalString() throws(TOMLError) -> String {
        pos += 1
        let start = pos
        while let c = current, c != UInt8(ascii: "'") {
            if c == UInt8(ascii: "\n") { throw fail("字符串缺少结尾的 '") }
            pos += 1
        }
        guard current != nil else { throw fail("字符串缺少结尾的 '") }
        let s = String(decoding: bytes[start..<pos], as: UTF8.self)
        pos += 1
        return s
    }

    mutating func multilineBasicString() throws(TOMLError) -> String {
        pos += 3
        if current == UInt8(ascii: "\r") { pos += 1 }
        if current == UInt8(ascii: "\n") { advance() }
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw fail("多行字符串缺少结尾的 \"\"\"") }
            if bytes[pos...].starts(with: Array("\"\"\"".utf8)) {
                pos += 3
                return String(decoding: out, as: UTF8.self)
            }
            advance()
            if c == UInt8(ascii: "\\") {
                // A backslash at the end of a line joins it with the next, dropping the whitespace.
                var probe = pos
                while probe < bytes.count, bytes[probe] == UInt8(ascii: " ") || bytes[probe] == UInt8(ascii: "\t") || bytes[probe] == UInt8(ascii: "\r") { probe += 1 }
                if probe < bytes.count, bytes[probe] == UInt8(ascii: "\n") {
                    pos = probe
                    while let w = current, w == UInt8(ascii: " ") || w == UInt8(ascii: "\t") || w == UInt8(ascii: "\n") || w == UInt8(ascii: "\r") { advance() }
                } else {
                    try escape(into: &out)
                }
            } else if c != UInt8(ascii: "\r") {
                out.append(c)
            }
        }
    }

    mutating func multilineLiteralString() throws(TOMLError) -> String {
        pos += 3
        if current == UInt8(ascii: "\r") { pos += 1 }
        if current == UInt8(ascii: "\n") { advance() }
        var out: [UInt8] = []
        while true {
            guard let c = current else { throw fail("多行字符串缺少结尾的 '''") }
            if bytes[pos...].starts(with: Array("'''".utf8)) {
                pos += 3
                return String(decoding: out, as: UTF8.self)
            }
            advance()
            if c != UInt8(ascii: "\r") { out.append(c) }
        }
    }
}

private extension UInt8 {
    var isBareKeyByte: Bool {
        (self >= 0x30 && self <= 0x39) || (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A)
            || self == UInt8(ascii: "_") || self == UInt8(ascii: "-")
            || self >= 0x80  // Unicode bare keys (TOML 1.1): staff write [limits.by_type.咨询]
    }
}
