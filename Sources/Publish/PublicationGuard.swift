import Foundation
import Sheets
import GongkaiCore

/// The last check before anything is published: the text of every public file (the HTML's text,
/// the PDF's text as pdftotext extracts it, CSV and JSON as they are) is scanned for values that
/// must never be public. A hit aborts the whole publication.
public struct PublicationGuard: Sendable {
    /// Names of people in the store (household heads, callers, staff) that must not appear unmasked
    /// on the web channel; empty for print.
    let protectedNames: NameIndex

    public init(protectedNames: Set<String>) { self.protectedNames = NameIndex(protectedNames) }

    /// A refusal names the file and the kind of value, never the value: the message itself lands in
    /// terminals, logs and tickets.
    public struct Leak: Error, CustomStringConvertible {
        public let file: String
        public let kind: String
        public var description: String {
            "\(file) contains \(kind): nothing was published. Find where it came from in the data or templates, fix it, and publish again."
        }
    }

    /// Checks every file, two at a time; the first leak in file order is reported.
    public func check(_ urls: [URL]) throws {
        _ = try Parallel.map(urls.count) { try check(urls[$0]) }
    }

    public func check(_ url: URL) throws {
        try check(text: try Self.text(of: url), label: url.lastPathComponent)
    }

    /// Checks a text a release writes outside its files' contents: a supersede reason, a title, a
    /// folder or file name.
    public func check(text: String, label: String) throws {
        if let kind = Self.findLeak(in: text, names: protectedNames) { throw Leak(file: label, kind: kind) }
    }

    static func text(of url: URL) throws -> String {
        switch url.pathExtension.lowercased() {
        // A value wrapped inside a narrow PDF table cell is split across lines by the extraction;
        // it is still found in the HTML made from the same document (the township PDFs are parts of
        // the district notice, whose HTML is checked). Joining lines instead would merge the numbers
        // of neighbouring table rows into false alarms.
        case "pdf": return try pdfText(url)
        case "html": return visibleText(ofHTML: String(decoding: try Data(contentsOf: url), as: UTF8.self))
        // A workbook's text is compressed XML: read back every cell and sheet name it holds.
        case "xlsx": return try Workbook.text(of: url)
        default: return String(decoding: try Data(contentsOf: url), as: UTF8.self)
        }
    }

    /// The PDF's text as a reader's tools see it (poppler's pdftotext).
    static func pdfText(_ url: URL) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = [url.path, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch {
            throw GuardUnavailable()
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw GuardUnavailable() }
        return String(decoding: data, as: UTF8.self)
    }

    struct GuardUnavailable: Error, CustomStringConvertible {
        var description: String { "cannot read PDF text with /usr/bin/pdftotext: install poppler-utils (make deps) and publish again" }
    }

    /// Text and attribute values of an HTML page, without style blocks and tags, entities decoded.
    static func visibleText(ofHTML html: String) -> String {
        var text = html
        while let start = text.range(of: "<style"), let end = text.range(of: "</style>", range: start.upperBound..<text.endIndex) {
            text.replaceSubrange(start.lowerBound..<end.upperBound, with: " ")
        }
        var out = ""
        var inTag = false
        for c in text {
            if c == "<" { inTag = true; out.append(" "); continue }
            if c == ">" { inTag = false; continue }
            if !inTag { out.append(c) }
        }
        return decodingEntities(out)
    }

    /// Named entities the renderer writes, and every numeric one (&#49; is a digit a reader sees).
    static func decodingEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[amp...]
            if let semi = after.prefix(12).firstIndex(of: ";"), let decoded = entity(after[after.index(after: amp)..<semi]) {
                out.append(decoded)
                rest = after[after.index(after: semi)...]
            } else {
                out.append("&")
                rest = after.dropFirst()
            }
        }
        return out + rest
    }

    private static func entity(_ name: Substring) -> Character? {
        switch name {
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "amp": return "&"
        case "nbsp": return " "
        default:
            guard name.hasPrefix("#") else { return nil }
            let hex = name.dropFirst().first == "x" || name.dropFirst().first == "X"
            guard let code = UInt32(name.dropFirst(hex ? 2 : 1), radix: hex ? 16 : 10),
                  let scalar = Unicode.Scalar(code) else { return nil }
            return Character(scalar)
        }
    }

    /// The first forbidden value in `text`, by kind: identifiers (`PersonalDataScanner`), then known
    /// personal names, looked for both as written and with single spaces removed (李 万 is 李万).
    static func findLeak(in text: String, names: NameIndex) -> String? {
        let chars = Array(PersonalDataScanner.normalised(text))
        if let kind = PersonalDataScanner.firstIdentifier(in: chars) { return kind.rawValue }
        if names.firstMatch(in: chars) != nil || names.firstMatch(in: withoutSingleSpaces(chars)) != nil {
            return "a person's name unmasked"
        }
        return nil
    }

    /// The text with every lone space removed: a name typed with a space inside is still the name.
    /// Runs of two or more (between HTML cells) and line breaks stay, so neighbouring cells do not merge.
    static func withoutSingleSpaces(_ chars: [Character]) -> [Character] {
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        for (k, c) in chars.enumerated() {
            if c == " " || c == "\t", k > 0, k + 1 < chars.count, !chars[k - 1].isWhitespace, !chars[k + 1].isWhitespace { continue }
            out.append(c)
        }
        return out
    }
}

/// Names indexed by their first two characters, built once per publication and compared in place:
/// a common surname such as 马 starts thousands of names, and the district notice mentions it
/// thousands of times.
struct NameIndex: Sendable {
    private let byPrefix: [String: [[Character]]]

    init(_ names: Set<String>) {
        var byPrefix: [String: [[Character]]] = [:]
        for name in names where name.count >= 2 {
            let c = Array(name)
            byPrefix[String(c[0..<2]), default: []].append(c)
        }
        self.byPrefix = byPrefix
    }

    /// The first indexed name that occurs in `chars`.
    func firstMatch(in chars: [Character]) -> String? {
        guard !byPrefix.isEmpty else { return nil }
        for k in 0..<max(0, chars.count - 1) {
            guard let candidates = byPrefix[String(chars[k..<(k + 2)])] else { continue }
            for name in candidates where k + name.count <= chars.count
                && (2..<name.count).allSatisfy({ chars[k + $0] == name[$0] }) {
                return String(name)
            }
        }
        return nil
    }
}
