import Foundation
import GongkaiCore

/// The last check before anything is published: the text of every public file (the HTML's text,
/// the PDF's text as pdftotext extracts it, CSV and JSON as they are) is scanned for values that
/// must never be public. A hit aborts the whole publication.
public struct PublicationGuard: Sendable {
    /// Household heads' names that must not appear unmasked (web channel); empty for print.
    let protectedNames: NameIndex

    public init(protectedNames: Set<String>) { self.protectedNames = NameIndex(protectedNames) }

    public struct Leak: Error, CustomStringConvertible {
        public let file: String
        public let kind: String
        public let maskedValue: String
        public var description: String {
            "\(file) contains \(kind) (\(maskedValue)): nothing was published. Find where it came from in the data or templates, fix it, and publish again."
        }
    }

    /// Checks every file, two at a time; the first leak in file order is reported.
    public func check(_ urls: [URL]) throws {
        _ = try Parallel.map(urls.count) { try check(urls[$0]) }
    }

    public func check(_ url: URL) throws {
        let text = try Self.text(of: url)
        if let leak = Self.findLeak(in: text, names: protectedNames) {
            throw Leak(file: url.lastPathComponent, kind: leak.kind, maskedValue: leak.masked)
        }
    }

    static func text(of url: URL) throws -> String {
        switch url.pathExtension.lowercased() {
        // A value wrapped inside a narrow PDF table cell is split across lines by the extraction;
        // it is still found in the HTML made from the same document (the township PDFs are parts of
        // the district notice, whose HTML is checked). Joining lines instead would merge the numbers
        // of neighbouring table rows into false alarms.
        case "pdf": return try pdfText(url)
        case "html": return visibleText(ofHTML: String(decoding: try Data(contentsOf: url), as: UTF8.self))
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
        for (entity, value) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: value)
        }
        return out
    }

    /// The first forbidden value in `text`, with its kind and a masked rendering.
    static func findLeak(in text: String, names: NameIndex) -> (kind: String, masked: String)? {
        let chars = Array(text)
        // Runs of digits, '*' and X: ID numbers (also masked ones) and phone numbers.
        var i = 0
        while i < chars.count {
            guard chars[i].isASCIIDigitOrStar || (chars[i] == "X" && i > 0 && chars[i - 1].isASCIIDigitOrStar) else { i += 1; continue }
            var j = i
            while j < chars.count && (chars[j].isASCIIDigitOrStar || chars[j] == "X" || chars[j] == "x") { j += 1 }
            let run = String(chars[i..<j])
            if isInsideHexDigest(chars, i, j) { i = j; continue }
            let digits = run.filter(\.isASCIIDigit).count
            if (run.count == 18 || run.count == 15) && digits >= 4 && run.first?.isASCIIDigit == true {
                return ("an ID number", mask(run))
            }
            if run.count == 11 && run.hasPrefix("1") && digits >= 7 && "3456789".contains(Array(run)[1]) {
                return ("a mobile number", mask(run))
            }
            i = j
        }
        // Bank-card-like: 16–19 digits, possibly grouped by single spaces or dashes.
        i = 0
        while i < chars.count {
            guard chars[i].isASCIIDigit else { i += 1; continue }
            var j = i, digits = 0
            while j < chars.count {
                if chars[j].isASCIIDigit { digits += 1; j += 1 }
                else if (chars[j] == " " || chars[j] == "-") && j + 1 < chars.count && chars[j + 1].isASCIIDigit && digits % 4 == 0 { j += 1 }
                else { break }
            }
            if (16...19).contains(digits) && !isInsideHexDigest(chars, i, j) {
                return ("a bank-card number", mask(String(chars[i..<j])))
            }
            i = j
        }
        if let name = names.firstMatch(in: chars) {
            return ("an unmasked household head's name", NameMask.mask(name))
        }
        return nil
    }

    /// Whether chars[start..<end] lies inside a run of 32 or more hex digits: a SHA-256 in the index
    /// or manifest, where 18 decimal digits in a row occur by chance.
    static func isInsideHexDigest(_ chars: [Character], _ start: Int, _ end: Int) -> Bool {
        var a = start, b = end
        while a > 0 && chars[a - 1].isHexDigit { a -= 1 }
        while b < chars.count && chars[b].isHexDigit { b += 1 }
        return b - a >= 32
    }

    /// Keeps the first 3 and last 2 characters: enough to find the row, not enough to use the value.
    static func mask(_ value: String) -> String {
        let c = Array(value)
        guard c.count > 5 else { return String(repeating: "*", count: c.count) }
        return String(c.prefix(3)) + String(repeating: "*", count: c.count - 5) + String(c.suffix(2))
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isASCIIDigitOrStar: Bool { isASCIIDigit || self == "*" }
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
