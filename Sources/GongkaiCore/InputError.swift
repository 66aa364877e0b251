/// A problem in a file someone gave gongkai, located precisely enough to fix:
/// "households.csv:132: 户主身份证号: ID number check digit is wrong (expected 7)".
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    public let field: String?
    public let reason: String

    public init(file: String, line: Int? = nil, field: String? = nil, reason: String) {
        self.file = file; self.line = line; self.field = field; self.reason = reason
    }

    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "\(field): " }
        return s + reason
    }
}

/// Several input problems reported together (an import lists every error, up to a limit).
public struct InputErrors: Error, Sendable, CustomStringConvertible {
    public let errors: [InputError]
    public let totalCount: Int
    public init(_ errors: [InputError], totalCount: Int? = nil) {
        self.errors = errors; self.totalCount = totalCount ?? errors.count
    }
    public var description: String {
        var lines = errors.map(\.description)
        if totalCount > errors.count { lines.append("……另有 \(totalCount - errors.count) 个错误") }
        return lines.joined(separator: "\n")
    }
}

extension TOMLError {
    /// The same problem, placed in its file.
    public func located(in file: String) -> InputError { InputError(file: file, line: line, reason: message) }
}
