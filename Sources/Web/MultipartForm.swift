/// A `multipart/form-data` body (RFC 7578), parsed whole from bytes already capped by the caller.
///
/// Hummingbird has no multipart parser and only one route takes files, so this one is small and
/// strict: one level (no nested multipart), at most `maximumParts` parts, each part's headers at
/// most `maximumHeaderBytes`, CRLF line ends, a boundary of 1–70 characters as RFC 2046 allows.
/// Anything else is `nil`, never a trap: the route answers 400.
struct MultipartForm: Sendable {
    struct Part: Sendable, Equatable {
        /// The `name` of the form field.
        let name: String
        /// The `filename` the browser sent, as sent (untrusted: sanitise before use).
        let filename: String?
        let content: [UInt8]
    }

    static let maximumParts = 16
    static let maximumHeaderBytes = 2048

    let parts: [Part]

    /// The first part named `name`.
    func part(_ name: String) -> Part? { parts.first { $0.name == name } }

    /// A field's value as text (a text field of the form, e.g. the CSRF token).
    func text(_ name: String) -> String? { part(name).flatMap { String(validating: $0.content, as: UTF8.self) } }

    /// The boundary of a `multipart/form-data` Content-Type, nil for any other type.
    static func boundary(contentType: String) -> String? {
        let pieces = contentType.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        guard pieces.first?.lowercased() == "multipart/form-data" else { return nil }
        for piece in pieces.dropFirst() {
            let pair = piece.split(separator: "=", maxSplits: 1).map(String.init)
            guard pair.count == 2, pair[0].lowercased() == "boundary" else { continue }
            let value = pair[1].count >= 2 && pair[1].hasPrefix("\"") && pair[1].hasSuffix("\"")
                ? String(pair[1].dropFirst().dropLast()) : pair[1]
            guard (1...70).contains(value.utf8.count), value.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) else { return nil }
            return value
        }
        return nil
    }

    init?(_ body: [UInt8], boundary: String) {
        let delimiter = Array("--\(boundary)".utf8)
        let separator = Array("\r\n--\(boundary)".utf8)
        // The body starts with the first delimiter (a preamble is allowed by RFC 2046 but no
        // browser sends one; refusing it keeps the parser simple).
        guard body.starts(with: delimiter) else { return nil }
        var position = delimiter.count
        var parts: [Part] = []
        while true {
            // After a delimiter: "--" ends the body, CRLF starts a part.
            guard position + 2 <= body.count else { return nil }
            if body[position] == 0x2D && body[position + 1] == 0x2D { break }
            guard body[position] == 0x0D && body[position + 1] == 0x0A, parts.count < Self.maximumParts else { return nil }
            position += 2
            let headersEnd = Self.find([0x0D, 0x0A, 0x0D, 0x0A], in: body, from: position,
                                       upTo: min(body.count, position + Self.maximumHeaderBytes))
            guard let headersEnd, let headers = String(validating: body[position..<headersEnd], as: UTF8.self),
                  let (name, filename) = Self.disposition(headers) else { return nil }
            let contentStart = headersEnd + 4
            guard let contentEnd = Self.find(separator, in: body, from: contentStart, upTo: body.count) else { return nil }
            parts.append(Part(name: name, filename: filename, content: Array(body[contentStart..<contentEnd])))
            position = contentEnd + separator.count
        }
        self.parts = parts
    }

    /// The field name and file name of a part's Content-Disposition header.
    static func disposition(_ headers: String) -> (String, String?)? {
        for line in headers.split(separator: "\r\n") {
            let pair = line.split(separator: ":", maxSplits: 1)
            guard pair.count == 2, pair[0].lowercased() == "content-disposition" else { continue }
            let parameters = Self.parameters(String(pair[1]))
            guard parameters.first?.key == "form-data", let name = parameters.first(where: { $0.key == "name" })?.value else { return nil }
            return (name, parameters.first { $0.key == "filename" }?.value)
        }
        return nil
    }

    /// `form-data; name="a"; filename="b;c.pdf"` as (key, value) pairs; a quoted value may hold ";"
    /// and a backslash-escaped quote. The first pair is the disposition type with an empty value.
    static func parameters(_ text: String) -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        var key = "", value = "", inKey = true, quoted = false, escaped = false
        func finish() {
            let k = key.trimmingCharacters(in: .whitespaces).lowercased()
            if !k.isEmpty { result.append((k, inKey ? "" : value)) }
            key = ""; value = ""; inKey = true
        }
        for character in text {
            if quoted {
                if escaped { value.append(character); escaped = false }
                else if character == "\\" { escaped = true }
                else if character == "\"" { quoted = false }
                else { value.append(character) }
            } else if character == ";" {
                finish()
            } else if inKey && character == "=" {
                inKey = false
            } else if inKey {
                key.append(character)
            } else if character == "\"" && value.isEmpty {
                quoted = true
            } else if !character.isWhitespace {
                value.append(character)
            }
        }
        finish()
        return result
    }

    /// Where `needle` first starts in `haystack[from..<upTo]`.
    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int, upTo end: Int) -> Int? {
        guard let first = needle.first, start <= end, end - start >= needle.count else { return nil }
        var i = start
        let last = end - needle.count
        while i <= last {
            guard let hit = haystack[i...last].firstIndex(of: first) else { return nil }
            if haystack[hit..<(hit + needle.count)].elementsEqual(needle) { return hit }
            i = hit + 1
        }
        return nil
    }
}
