/// A Mustache template for a part a page repeats many times (a queue's rows), compiled once at
/// start against the fields of one Swift type and rendered to bytes with `HTMLEscaping`.
///
/// swift-mustache looks every name up at render time in `[String: Any]` dictionaries through
/// several dynamic casts per value, and escapes one `Character` at a time: on a desk of 100,000
/// complaints that was 59% of a queue page's time (issue 28). Here a name is resolved when the
/// template is read, so rendering is a walk over literal bytes and closures on a typed value. The
/// file stays an ordinary Mustache template the office can edit; it may use the subset a row needs
/// — `{{name}}`, `{{{name}}}`/`{{& name}}` (unescaped), `{{#name}}…{{/name}}`, `{{^name}}…{{/name}}`,
/// `{{! comment}}` — with Mustache's rule that a line holding only a section tag or a comment leaves
/// no line behind. A name the type does not have, or any other tag, is refused at start. A list
/// (`Field.list`: a row's sparkline segments) repeats its section for each element, the inside
/// compiled against the element's own fields: unlike Mustache, a name there is never looked up in
/// the row around it.
struct TypedTemplate<Value>: Sendable {
    /// What a name gives: text (a section shows when it is not empty), a yes/no, or a list.
    enum Field: Sendable {
        case text(@Sendable (Value) -> String)
        case flag(@Sendable (Value) -> Bool)
        case list(ListField)

        /// `{{#name}}…{{/name}}` once for each of `elements`, its inside using `fields` of the
        /// element; `{{^name}}…{{/name}}` when there is none.
        static func list<Element>(_ elements: @escaping @Sendable (Value) -> [Element],
                                  _ fields: [String: TypedTemplate<Element>.Field]) -> Field {
            .list(ListField(isEmpty: { elements($0).isEmpty }, compile: { tokens, file throws(WebSetupError) in
                let inside = try TypedTemplate<Element>(tokens: tokens, file: file, fields: fields)
                return { value, bytes in
                    for element in elements(value) { inside.render(element, into: &bytes) }
                }
            }))
        }
    }

    /// A list field: whether a value's list is empty, and how to compile a section's inside
    /// against the element type into a renderer of every element of a value's list.
    struct ListField: Sendable {
        let isEmpty: @Sendable (Value) -> Bool
        let compile: @Sendable ([TemplateToken], String) throws(WebSetupError) -> @Sendable (Value, inout [UInt8]) -> Void
    }

    private indirect enum Part: Sendable {
        case literal([UInt8])
        case escaped(Field)
        case raw(Field)
        case section(Field, inverted: Bool, [Part])
        case each(@Sendable (Value, inout [UInt8]) -> Void)
    }

    private let parts: [Part]

    /// Compiles `source` (the file `file`, named in errors) against `fields`.
    init(_ source: String, file: String, fields: [String: Field]) throws(WebSetupError) {
        var tokens = try Self.tokens(Array(source.utf8), file: file)
        Self.removeStandaloneLines(&tokens)
        try self.init(tokens: tokens, file: file, fields: fields)
    }

    /// Compiles `tokens`, whose standalone lines are already removed (a list section's inside).
    init(tokens: [TemplateToken], file: String, fields: [String: Field]) throws(WebSetupError) {
        var stack: [(name: String, field: Field, inverted: Bool, parts: [Part])] = [("", .flag { _ in true }, false, [])]
        func field(_ name: String) throws(WebSetupError) -> Field {
            guard let field = fields[name] else {
                throw WebSetupError("the template \(file) uses {{\(name)}}, which it cannot show here: it may use "
                                    + fields.keys.sorted().joined(separator: ", "))
            }
            return field
        }
        func value(_ name: String) throws(WebSetupError) -> Field {
            let found = try field(name)
            if case .list = found {
                throw WebSetupError("the template \(file) uses {{\(name)}}, which is a list: show it with {{#\(name)}}…{{/\(name)}}")
            }
            return found
        }
        var index = 0
        while index < tokens.count {
            let token = tokens[index]
            index += 1
            switch token {
            case .text(let bytes): if !bytes.isEmpty { stack[stack.count - 1].parts.append(.literal(bytes)) }
            case .comment: break
            case .variable(let name): stack[stack.count - 1].parts.append(.escaped(try value(name)))
            case .raw(let name): stack[stack.count - 1].parts.append(.raw(try value(name)))
            case .open(let name, let inverted):
                let opened = try field(name)
                guard case .list(let list) = opened, !inverted else {
                    stack.append((name, opened, inverted, []))
                    continue
                }
                // A list's inside runs to its own close (the same name may open again within).
                var depth = 0
                var end = index
                while end < tokens.count {
                    if case .open(name, _) = tokens[end] { depth += 1 }
                    if case .close(name) = tokens[end] {
                        if depth == 0 { break }
                        depth -= 1
                    }
                    end += 1
                }
                guard end < tokens.count else { throw WebSetupError("the template \(file) does not close {{#\(name)}}") }
                stack[stack.count - 1].parts.append(.each(try list.compile(Array(tokens[index..<end]), file)))
                index = end + 1
            case .close(let name):
                guard stack.count > 1, let open = stack.last, open.name == name else {
                    throw WebSetupError("the template \(file) closes {{/\(name)}}, which is not the section open there")
                }
                stack.removeLast()
                stack[stack.count - 1].parts.append(.section(open.field, inverted: open.inverted, open.parts))
            }
        }
        guard stack.count == 1, let top = stack.first else {
            throw WebSetupError("the template \(file) does not close {{#\(stack.last?.name ?? "")}}")
        }
        parts = top.parts
    }

    /// Appends `value` rendered to `bytes`.
    func render(_ value: Value, into bytes: inout [UInt8]) {
        Self.render(parts, value, into: &bytes)
    }

    /// `values` rendered one after another, as text for a page's `{{{…}}}` (about `sizeHint`
    /// bytes each).
    func render(_ values: [Value], sizeHint: Int) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(values.count * sizeHint)
        for value in values { render(value, into: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func render(_ parts: [Part], _ value: Value, into bytes: inout [UInt8]) {
        for part in parts {
            switch part {
            case .literal(let literal): bytes.append(contentsOf: literal)
            case .escaped(.text(let text)): HTMLEscaping.append(text(value), to: &bytes)
            case .raw(.text(let text)): bytes.append(contentsOf: text(value).utf8)
            case .escaped(.flag(let flag)), .raw(.flag(let flag)): bytes.append(contentsOf: (flag(value) ? "true" : "false").utf8)
            case .escaped(.list), .raw(.list): break  // refused when compiled
            case .section(let field, let inverted, let inner):
                let shown = switch field {
                case .text(let text): !text(value).isEmpty
                case .flag(let flag): flag(value)
                case .list(let list): !list.isEmpty(value)
                }
                if shown != inverted { render(inner, value, into: &bytes) }
            case .each(let each): each(value, &bytes)
            }
        }
    }

    private static func tokens(_ source: [UInt8], file: String) throws(WebSetupError) -> [TemplateToken] {
        let open: [UInt8] = Array("{{".utf8), close: [UInt8] = Array("}}".utf8), tripleClose: [UInt8] = Array("}}}".utf8)
        var tokens: [TemplateToken] = []
        var index = 0
        while index < source.count {
            guard let start = find(open, in: source, from: index) else {
                tokens.append(.text(Array(source[index...])))
                break
            }
            tokens.append(.text(Array(source[index..<start])))
            let triple = start + 2 < source.count && source[start + 2] == UInt8(ascii: "{")
            let bodyStart = start + (triple ? 3 : 2)
            guard let end = find(triple ? tripleClose : close, in: source, from: bodyStart) else {
                throw WebSetupError("the template \(file) opens a tag {{ that is never closed")
            }
            let body = String(decoding: source[bodyStart..<end], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            index = end + (triple ? 3 : 2)
            if triple { tokens.append(.raw(body)); continue }
            let sigil = body.first
            let name = String(body.dropFirst()).trimmingCharacters(in: .whitespaces)
            switch sigil {
            case "!": tokens.append(.comment)
            case "#": tokens.append(.open(name, inverted: false))
            case "^": tokens.append(.open(name, inverted: true))
            case "/": tokens.append(.close(name))
            case "&": tokens.append(.raw(name))
            case ">", "=", "<", "$", nil:
                throw WebSetupError("the template \(file) uses {{\(body)}}: a row template may hold values, sections and comments only")
            default: tokens.append(.variable(body))
            }
        }
        return tokens
    }

    private static func find(_ needle: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= needle.count, start <= bytes.count - needle.count else { return nil }
        for i in start...(bytes.count - needle.count) where bytes[i] == needle[0] {
            if bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
        }
        return nil
    }

    /// Mustache's standalone rule: a section tag or comment alone on its line (only spaces or tabs
    /// beside it) takes the whole line, newline included, out of the output.
    private static func removeStandaloneLines(_ tokens: inout [TemplateToken]) {
        func blank(_ bytes: ArraySlice<UInt8>) -> Bool {
            bytes.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        }
        let newline = UInt8(ascii: "\n")
        for i in tokens.indices where tokens[i].mayStandAlone {
            // The text before, from its last newline (or the template's start), must be blank…
            var cutBefore: Int?
            if i == 0 {
                cutBefore = nil
            } else if case .text(let before) = tokens[i - 1] {
                let lineStart = before.lastIndex(of: newline).map { $0 + 1 }
                guard lineStart != nil || i == 1, blank(before[(lineStart ?? 0)...]) else { continue }
                cutBefore = lineStart ?? 0
            } else {
                continue
            }
            // …and so must the text after, up to its first newline (or the template's end).
            var cutAfter: Int?
            if i + 1 < tokens.count {
                guard case .text(let after) = tokens[i + 1] else { continue }
                let lineEnd = after.firstIndex(of: newline)
                guard lineEnd != nil || i + 2 == tokens.count, blank(after[..<(lineEnd ?? after.count)]) else { continue }
                cutAfter = lineEnd.map { $0 + 1 } ?? after.count
            }
            if let cutBefore, case .text(let before) = tokens[i - 1] { tokens[i - 1] = .text(Array(before[..<cutBefore])) }
            if let cutAfter, case .text(let after) = tokens[i + 1] { tokens[i + 1] = .text(Array(after[cutAfter...])) }
        }
    }
}

/// A piece of a typed template's source: text, a value, a comment, a section's opening or close.
enum TemplateToken: Sendable {
    case text([UInt8])
    case variable(String), raw(String), comment
    case open(String, inverted: Bool), close(String)

    /// Section tags and comments: the tags whose line Mustache removes when they stand alone.
    var mayStandAlone: Bool {
        switch self {
        case .comment, .open, .close: true
        case .text, .variable, .raw: false
        }
    }
}
