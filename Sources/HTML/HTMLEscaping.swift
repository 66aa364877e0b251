/// HTML escaping over UTF-8 bytes, for the parts of a page rendered from typed values
/// (`TypedTemplate`): the same five replacements as swift-mustache's `{{…}}` (`<`, `>`, `&`, `"`,
/// `'`), so a row renders to the bytes Mustache gave it, without going through `Character`s.
///
/// Working on bytes is safe: in UTF-8 every byte of a multi-byte sequence is 0x80 or above, so the
/// five ASCII bytes below never occur inside a CJK or any other non-ASCII character. A Swift
/// `String` is always valid UTF-8 (invalid input was replaced by U+FFFD when it was made), so there
/// is no broken sequence left to pass through.
package enum HTMLEscaping {
    /// Appends `text` to `bytes`, escaped for an element's content or a quoted attribute value.
    package static func append(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() {
                let replacement: StaticString
                switch byte {
                case UInt8(ascii: "<"): replacement = "&lt;"
                case UInt8(ascii: ">"): replacement = "&gt;"
                case UInt8(ascii: "&"): replacement = "&amp;"
                case UInt8(ascii: "\""): replacement = "&quot;"
                case UInt8(ascii: "'"): replacement = "&#39;"
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                replacement.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
    }

    /// `text` escaped, as a string (for tests and one-off values).
    package static func escaped(_ text: String) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
