/// A statement written with named parameters (`:month`), as the indicator definitions
/// (templates/indicators.toml) and the store's report statements are, made positional: each `:name`
/// becomes `?`, which SQLite binds as written and `PostgresSession` numbers `$1`, `$2`, …. So the
/// office writes its definitions once and the store binds them on either database.
///
/// Quoted text, quoted names and comments are left alone, and so is PostgreSQL's `::` cast. A `?` or a
/// `$1` written in the text is refused: definitions name what they use.
struct NamedStatement: Sendable, Equatable {
    /// The statement with `?` for each parameter.
    let sql: String
    /// The name of each `?`, in order (a name used twice is bound twice).
    let names: [String]

    struct PositionalParameter: Error {}

    init(_ text: String) throws(PositionalParameter) {
        var out = "", names: [String] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        func isNameStart(_ c: Unicode.Scalar) -> Bool { c == "_" || (c.isASCII && c.properties.isAlphabetic) }
        func isNamePart(_ c: Unicode.Scalar) -> Bool { isNameStart(c) || ("0"..."9").contains(c) }
        while i < scalars.count {
            let c = scalars[i]
            let next: Unicode.Scalar? = i + 1 < scalars.count ? scalars[i + 1] : nil
            switch c {
            case "'", "\"":
                // To the closing quote; a doubled quote inside is two closings and an opening.
                var j = i + 1
                while j < scalars.count, scalars[j] != c { j += 1 }
                out.unicodeScalars.append(contentsOf: scalars[i..<min(j + 1, scalars.count)])
                i = j + 1
            case "-" where next == "-":
                var j = i
                while j < scalars.count, scalars[j] != "\n" { j += 1 }
                out.unicodeScalars.append(contentsOf: scalars[i..<j])
                i = j
            case "/" where next == "*":
                var j = i + 2
                while j + 1 < scalars.count, !(scalars[j] == "*" && scalars[j + 1] == "/") { j += 1 }
                let end = min(j + 2, scalars.count)
                out.unicodeScalars.append(contentsOf: scalars[i..<end])
                i = end
            case ":" where next == ":":
                out += "::"
                i += 2
            case ":" where next.map(isNameStart) ?? false:
                var j = i + 1
                while j < scalars.count, isNamePart(scalars[j]) { j += 1 }
                names.append(String(String.UnicodeScalarView(scalars[(i + 1)..<j])))
                out += "?"
                i = j
            case "?":
                throw PositionalParameter()
            case "$" where next.map { ("0"..."9").contains($0) } ?? false:
                throw PositionalParameter()
            default:
                out.unicodeScalars.append(c)
                i += 1
            }
        }
        sql = out
        self.names = names
    }

    /// The arguments in placeholder order; nil when a name has no value (the name is returned).
    func arguments(_ values: [String: any SQLArgument]) -> Result<[SQLValue], MissingName> {
        var arguments: [SQLValue] = []
        arguments.reserveCapacity(names.count)
        for name in names {
            guard let value = values[name] else { return .failure(MissingName(name: name)) }
            arguments.append(value.sqlValue)
        }
        return .success(arguments)
    }

    struct MissingName: Error { let name: String }
}

extension SQLSession {
    /// Runs a statement written with `:name` parameters, bound from `values`.
    func rows(_ statement: NamedStatement, _ values: [String: any SQLArgument]) throws -> [SQLRow] {
        try rows(statement.sql, try statement.arguments(values).get())
    }
}
