import Foundation
import Sheets
import Store
import GongkaiCore

/// The last checks before anything is published, in two nets.
///
/// 1. **Values** (`check(_:file:)`, `check(value:label:)`): every text a document is made of — each
///    table cell with its row and column, each paragraph, heading, figure and chart label — is checked
///    before it is typeset, where it is still one value: identifiers by `PersonalValueScanner`, known
///    people's names by `KnownNames` everywhere but the column that lists household heads (masked on
///    the web, in full on village boards). A refusal says which file, which part, which row and
///    household, which field and what kind of value — never the value.
/// 2. **Rendered text** (`check(_ urls:)`): the text of every public file (the HTML's text, the PDF's
///    as pdftotext extracts it, CSV, JSON and workbook cells) is scanned again, for what a template or
///    a renderer might have added, with rules that cannot glue neighbouring cells together
///    (`PersonalDataScanner`).
/// A hit aborts the whole publication.
public struct PublicationGuard: Sendable {
    let identifiers: PersonalValueScanner
    /// Every known person, looked for in every value but the heads' own column.
    let valueNames: KnownNames
    /// The names the rendered text may not hold: on the print channel, heads are printed in full, so
    /// they are left out, and so is every caller's or staff member's name found inside a head's name.
    let textNames: KnownNames

    /// `publicNumbers`: the office's own published numbers (hotline, supervision phone).
    /// `showsHeadsInFull`: the channel prints household heads' full names (print with full names).
    public init(people: PersonNames.People, places: some Sequence<String>, publicNumbers: [String], showsHeadsInFull: Bool) {
        let names = KnownNames(KnownNames.people(people), places: places)
        identifiers = PersonalValueScanner(publicNumbers: publicNumbers)
        valueNames = names
        textNames = showsHeadsInFull
            ? names.removing(where: { $0 == .head }).removingNames(foundIn: Array(people.heads))
            : names
    }

    /// A refusal names the file, where in it, and the kind of value, never the value: the message itself
    /// lands in terminals, logs and tickets.
    public struct Leak: Error, CustomStringConvertible {
        public enum Place: Sendable {
            /// A field of a document: "表“低保对象名单”第 12 行（户编号 YZ0000005），“村（社区）”栏".
            case field(String)
            /// The whole text the label names (a supersede reason, a title).
            case whole
            /// Found only in the rendered text of the file.
            case renderedText
        }
        public let file: String
        public let place: Place
        public let kind: PersonalDataKind

        public var description: String {
            switch place {
            case .field(let location):
                "\(file)：\(location)含有\(kind)，本次未发布任何文件。请在业务系统中改正这一项（或改正模板），重新导入后再发布。"
            case .whole:
                "\(file)含有\(kind)，本次未发布任何文件。请改写后再发布。"
            case .renderedText:
                "\(file)：全文检查发现\(kind)，本次未发布任何文件。请检查数据和模板中这一文件的内容，改正后再发布。"
            }
        }
    }

    /// The second net: the rendered text of every file, two at a time; the first leak in file order.
    public func check(_ urls: [URL]) throws {
        _ = try Parallel.map(urls.count) { try check(urls[$0]) }
    }

    public func check(_ url: URL) throws {
        try check(text: try Self.text(of: url), label: url.lastPathComponent)
    }

    /// A rendered text (a page, a file's contents), with the second net's rules.
    func check(text: String, label: String) throws {
        if let kind = findLeak(in: text) { throw Leak(file: label, place: .renderedText, kind: kind) }
    }

    /// A text a release writes outside its documents — a supersede reason, a title, a file name —
    /// checked as one value and as text.
    public func check(value: String, label: String) throws {
        if let kind = identifiers.identifier(in: value) ?? valueNames.firstName(in: value).map(PersonalDataKind.name) {
            throw Leak(file: label, place: .whole, kind: kind)
        }
        try check(text: value, label: label)
    }

    /// The first forbidden value in a rendered text: identifiers (`PersonalDataScanner`), then known
    /// personal names, with separators typed inside a name taken out (李 万 is 李万).
    func findLeak(in text: String) -> PersonalDataKind? {
        if StaffDocument.isMarked(text) { return .staffDocument }
        let normal = PersonalDataScanner.normalised(text)
        if let kind = PersonalDataScanner.firstIdentifier(in: Array(normal), publicNumbers: identifiers.publicNumbers) { return kind }
        return textNames.firstName(inRenderedText: normal).map(PersonalDataKind.name)
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
        var description: String { "无法用 /usr/bin/pdftotext 读取 PDF 文本：请安装 poppler-utils（make deps）后重新发布" }
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
}
