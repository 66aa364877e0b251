import Foundation

/// Small helpers shared by the readers of a workbook's parts.
enum XMLParts {
    /// An element's name without its namespace prefix (`x:c` → `c`): writers differ in prefixes.
    static func local(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }

    /// `local` as a String, without copying the usual unprefixed name: a sheet has millions of
    /// elements, and comparing Strings is faster than comparing Substrings.
    static func name(_ name: String) -> String {
        name.utf8.contains(UInt8(ascii: ":")) ? String(local(name)) : name
    }

    /// An attribute by local name (`r:id` is found as `id`, `sheetId` is not).
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { local($0.key) == name[...] && $0.key.contains(":") }?.value
    }

    /// Decodes Excel's escape for characters XML cannot hold, `_xHHHH_` (`_x000D_` is a carriage
    /// return), as Excel does when it reads a cell; the import's checks then see the real character.
    static func unescape(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "_")) else { return text }
        var out = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if scalars[i] == "_", i + 6 < scalars.count, scalars[i + 1] == "x", scalars[i + 6] == "_",
               let v = UInt32(String(String.UnicodeScalarView(scalars[(i + 2)..<(i + 6)])), radix: 16),
               let scalar = Unicode.Scalar(v) {
                out.append(scalar)
                i += 7
            } else {
                out.append(scalars[i])
                i += 1
            }
        }
        return String(out)
    }

    /// Text from a workbook as an error message may quote it: at most `limit` characters, with control
    /// characters, line and paragraph separators and invisible format characters (U+200B, U+FEFF …)
    /// written as `\u{85}`, so that no message carries a line break or a hidden character from a file.
    static func quoted(_ text: some StringProtocol, limit: Int = 40) -> String {
        var out = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            switch scalar.properties.generalCategory {
            case .control, .lineSeparator, .paragraphSeparator, .format:
                out += "\\u{\(String(scalar.value, radix: 16))}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// The same for bytes of a part (invalid UTF-8 shown as U+FFFD).
    static func quoted(_ bytes: ArraySlice<UInt8>, limit: Int = 40) -> String {
        quoted(String(decoding: bytes, as: UTF8.self), limit: limit)
    }

    /// True when `text` holds nothing but spaces and TABs (a cell that shows nothing).
    static func isBlank(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }
    }

    /// Reads a small part held in memory (workbook, relationships, styles): `start` gets each start
    /// tag's local name and attributes (by qualified name), `end` each end tag's local name. False
    /// when the part is not well-formed XML.
    static func read(_ data: Data, start: (String, [String: String]) -> Void, end: (String) -> Void = { _ in }) -> Bool {
        var scanner = XMLScanner(bytes: [UInt8](data))
        do {
            while true {
                switch try scanner.next() {
                case .start: start(scanner.localName, try scanner.attributes())
                case .end: end(scanner.localName)
                case .text: continue
                case .done: return true
                }
            }
        } catch {
            return false
        }
    }
}
