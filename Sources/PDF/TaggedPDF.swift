import CPangoCairo
import Foundation

/// Completes the tagged PDF Cairo 1.16 writes with what its API cannot say, by rewriting the finished
/// file once (same objects, same order, a new cross-reference table), deterministically:
///
/// - the catalog's `/Lang`, `/ViewerPreferences << /DisplayDocTitle true >>` and, where Cairo left it
///   out (it does when the document has an outline), `/MarkInfo << /Marked true >>`;
/// - a `Document` element at the top of the structure tree (Cairo would tag the page numbers drawn
///   while it is open as part of it);
/// - `/Alt` on each Figure and `/A << /O /Table /Scope /Column >>` on each TH (Cairo 1.16 ignores
///   attributes on structure tags);
/// - page furniture as artifacts: text drawn outside every structure element (the page number) is
///   wrapped in `/Artifact BMC … EMC` (Cairo 1.16 refuses an "Artifact" tag and stops drawing).
///
/// It reads only what Cairo 1.16 writes (one classic xref section, no object streams); anything else
/// is refused with `PDFError.unexpectedStructure` rather than guessed at.
struct TaggedPDF {
    let language: String
    /// The Alt text of each Figure element, in document order.
    let figureAlts: [String]

    func complete(_ file: inout CairoFile) throws(PDFError) {
        guard let catalogNumber = file.trailerReference("/Root"), let catalog = file.dictionary(catalogNumber) else {
            throw .unexpectedStructure("no catalog")
        }
        // Cairo writes /MarkInfo only for some documents (not with an outline): add it when missing.
        let marked = catalog.contains("/MarkInfo") ? "" : "   /MarkInfo << /Marked true >>\n"
        file.replaceDictionary(catalogNumber, with: Self.adding(marked + "   /Lang \(Self.text(language))\n"
            + "   /ViewerPreferences << /DisplayDocTitle true >>\n", to: catalog))
        if let rootNumber = Self.reference("/StructTreeRoot", in: catalog), let root = file.dictionary(rootNumber) {
            try wrapInDocument(&file, root: rootNumber, dictionary: root)
            try annotateElements(&file)
        }
        for number in file.numbers where file.object(number, contains: Self.pageType) {
            guard let page = file.dictionary(number), page.contains("/Type /Page\n") || page.contains("/Type /Page "),
                  let contents = Self.reference("/Contents", in: page), let stream = file.stream(contents) else { continue }
            file.replace(contents, with: try Self.streamObject(contents, data: Self.deflate(
                Self.markingArtifacts(Self.inflate(stream)))))
        }
    }

    /// Puts the structure root's children under one new `Document` element.
    private func wrapInDocument(_ file: inout CairoFile, root: Int, dictionary: String) throws(PDFError) {
        guard let kids = Self.array("/K", in: dictionary) else { return }
        let document = file.add("<< /Type /StructElem\n   /S /Document\n   /P \(root) 0 R\n   /K \(kids)\n>>")
        file.replaceDictionary(root, with: dictionary.replacingOccurrences(of: "/K \(kids)", with: "/K [ \(document) 0 R ]"))
        for kid in Self.references(in: kids) {
            guard let element = file.dictionary(kid) else { throw .unexpectedStructure("structure element \(kid) missing") }
            file.replaceDictionary(kid, with: element.replacingOccurrences(of: "/P \(root) 0 R", with: "/P \(document) 0 R"))
        }
    }

    /// Alt text on figures (in object order, which is the order Cairo opened them) and a column scope
    /// on header cells.
    private func annotateElements(_ file: inout CairoFile) throws(PDFError) {
        var alts = figureAlts[...]
        // Only figures and header cells change: the other structure elements (one per table cell,
        // some 100,000 in a 12,000-row notice) are passed over on their bytes, never made into text.
        for number in file.numbers where file.object(number, contains: Self.figureRole) || file.object(number, contains: Self.headerCellRole) {
            guard let element = file.dictionary(number), element.hasPrefix("<< /Type /StructElem") else { continue }
            if element.contains("/S /Figure\n") {
                guard let alt = alts.popFirst() else { throw .unexpectedStructure("more figures than alt texts") }
                file.replaceDictionary(number, with: Self.adding("   /Alt \(Self.text(alt))\n", to: element))
            } else if element.contains("/S /TH\n") {
                file.replaceDictionary(number, with: Self.adding("   /A << /O /Table /Scope /Column >>\n", to: element))
            }
        }
    }

    /// A content stream with each text object drawn outside every marked-content sequence wrapped in
    /// `/Artifact BMC … EMC`. Cairo ends a line after BT, BDC and EMC, and writes ET on a line of its
    /// own; a BT may follow other operators on its line ("0 0 0 rg BT").
    static func markingArtifacts(_ content: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [], depth = 0, inArtifact = false
        out.reserveCapacity(content.count + 256)
        // Lines are compared as bytes: a content stream of a 12,000-row notice has some 300,000.
        func ends(_ line: ArraySlice<UInt8>, _ suffix: [UInt8]) -> Bool { line.count >= suffix.count && line.suffix(suffix.count).elementsEqual(suffix) }
        for line in content.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            if ends(line, Self.beginMarked) || ends(line, Self.beginMarkedPoint) { depth += 1 }
            if line.elementsEqual(Self.endMarked) { depth -= 1 }
            if depth == 0 && (line.elementsEqual(Self.beginText) || ends(line, Self.spaceBeginText)) {
                out += line.dropLast(2) + Array("/Artifact BMC\nBT".utf8)
                inArtifact = true
            } else {
                out += line
            }
            if line.elementsEqual(Self.endText) && inArtifact {
                out += Array("\nEMC".utf8)
                inArtifact = false
            }
            out.append(UInt8(ascii: "\n"))
        }
        if !out.isEmpty { out.removeLast() }
        return out
    }

    static let pageType = Array("/Type /Page".utf8), figureRole = Array("/S /Figure\n".utf8), headerCellRole = Array("/S /TH\n".utf8)
    static let beginMarked = Array(" BDC".utf8), beginMarkedPoint = Array(" BMC".utf8), endMarked = Array("EMC".utf8)
    static let beginText = Array("BT".utf8), spaceBeginText = Array(" BT".utf8), endText = Array("ET".utf8)

    // MARK: - PDF pieces

    static func adding(_ entries: String, to dictionary: String) -> String {
        guard let end = dictionary.range(of: ">>", options: .backwards) else { return dictionary }
        return dictionary[..<end.lowerBound] + entries + dictionary[end.lowerBound...]
    }

    /// A PDF text string: ASCII as a literal, anything else as UTF-16BE hex with a byte-order mark.
    static func text(_ value: String) -> String {
        if value.utf8.allSatisfy({ (0x20..<0x7F).contains($0) && $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: ")") && $0 != UInt8(ascii: "\\") }) {
            return "(\(value))"
        }
        return "<FEFF" + value.utf16.map { hex4($0) }.joined() + ">"
    }

    private static func hex4(_ unit: UInt16) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(unit >> 12)], digits[Int(unit >> 8 & 0xF)], digits[Int(unit >> 4 & 0xF)], digits[Int(unit & 0xF)]])
    }

    /// The object number of `/Key N 0 R` in `dictionary`.
    static func reference(_ key: String, in dictionary: String) -> Int? {
        guard let range = dictionary.range(of: key + " ") else { return nil }
        let rest = dictionary[range.upperBound...].prefix { $0 != "\n" && $0 != "/" && $0 != ">" }
        let parts = rest.split(separator: " ")
        guard parts.count >= 3, parts[1] == "0", parts[2] == "R" else { return nil }
        return Int(parts[0])
    }

    /// The text of `/Key [ … ]` (with brackets), or of a single `/Key N 0 R` made into an array.
    static func array(_ key: String, in dictionary: String) -> String? {
        guard let range = dictionary.range(of: key + " ") else { return nil }
        let rest = dictionary[range.upperBound...]
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") { return String(rest[...close]) }
        return reference(key, in: dictionary).map { "[ \($0) 0 R ]" }
    }

    static func references(in array: String) -> [Int] {
        let words = array.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "[" || $0 == "]" })
        return stride(from: 0, to: words.count - 2, by: 3).compactMap { i in
            words[i + 1] == "0" && words[i + 2] == "R" ? Int(words[i]) : nil
        }
    }

    static func streamObject(_ number: Int, data: [UInt8]) -> [UInt8] {
        Array("\(number) 0 obj\n<< /Length \(data.count)\n   /Filter /FlateDecode\n>>\nstream\n".utf8) + data
            + Array("\nendstream\nendobj\n".utf8)
    }

    static func inflate(_ data: [UInt8]) throws(PDFError) -> [UInt8] {
        var capacity = max(1024, data.count * 4)
        while capacity < Int(Int32.max) {
            var out = [UInt8](repeating: 0, count: capacity)
            var length = uLongf(capacity)
            let status = out.withUnsafeMutableBufferPointer { o in
                data.withUnsafeBufferPointer { i in uncompress(o.baseAddress, &length, i.baseAddress, uLong(i.count)) }
            }
            if status == Z_OK { return Array(out[..<Int(length)]) }
            guard status == Z_BUF_ERROR else { throw .unexpectedStructure("a content stream does not inflate (zlib \(status))") }
            capacity *= 4
        }
        throw .unexpectedStructure("a content stream inflates beyond 2 GB")
    }

    static func deflate(_ data: [UInt8]) throws(PDFError) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { i in compress2(o.baseAddress, &length, i.baseAddress, uLong(i.count), Z_DEFAULT_COMPRESSION) }
        }
        guard status == Z_OK else { throw .unexpectedStructure("a content stream does not deflate (zlib \(status))") }
        return Array(out[..<Int(length)])
    }
}

/// A PDF as Cairo 1.16 writes it: a header, numbered objects located by one classic xref section, a
/// trailer. Objects are byte slices; replaced and added ones are written in place of or after them.
struct CairoFile {
    private let bytes: [UInt8]
    private let header: ArraySlice<UInt8>
    private var objects: [Int: [UInt8]] = [:]
    /// Object numbers in file order; added objects go last.
    private(set) var numbers: [Int] = []
    private let trailer: String

    init(_ bytes: [UInt8]) throws(PDFError) {
        self.bytes = bytes
        let tail = String(decoding: bytes.suffix(64), as: UTF8.self)
        guard let start = tail.range(of: "startxref\n"),
              let xref = Int(tail[start.upperBound...].prefix { $0.isNumber }), xref < bytes.count else {
            throw .unexpectedStructure("no startxref")
        }
        let table = String(decoding: bytes[xref...], as: UTF8.self)
        guard let trailerStart = table.range(of: "trailer") else { throw .unexpectedStructure("no trailer") }
        guard let trailerEnd = table.range(of: "startxref", range: trailerStart.upperBound..<table.endIndex) else {
            throw .unexpectedStructure("no startxref after the trailer")
        }
        trailer = String(table[trailerStart.upperBound..<trailerEnd.lowerBound])
        let lines = table[..<trailerStart.lowerBound].split(separator: "\n")
        guard lines.count >= 2, lines[0] == "xref", lines[1].split(separator: " ").first == "0" else {
            throw .unexpectedStructure("not one xref section from object 0")
        }
        var offsets: [(number: Int, offset: Int)] = []
        for (number, entry) in lines.dropFirst(2).enumerated() where entry.hasSuffix(" n ") || entry.hasSuffix(" n") {
            guard let offset = Int(entry.prefix(10)), offset < xref else { throw .unexpectedStructure("bad xref entry \(number)") }
            offsets.append((number, offset))
        }
        offsets.sort { $0.offset < $1.offset }
        header = bytes[..<(offsets.first?.offset ?? xref)]
        for (index, entry) in offsets.enumerated() {
            let end = index + 1 < offsets.count ? offsets[index + 1].offset : xref
            objects[entry.number] = Array(bytes[entry.offset..<end])
            numbers.append(entry.number)
        }
    }

    func trailerReference(_ key: String) -> Int? { TaggedPDF.reference(key, in: trailer) }

    /// Whether object `number`'s bytes hold `pattern`: a cheap test before making text of it.
    func object(_ number: Int, contains pattern: [UInt8]) -> Bool {
        guard let object = objects[number] else { return false }
        return Self.find(pattern, in: object, from: 0) != nil
    }

    /// The dictionary of a stream-less object (`<< … >>`), as text. Objects are searched as bytes:
    /// Foundation's string search, once per structure element, took most of the time of a 12,000-row
    /// notice.
    func dictionary(_ number: Int) -> String? {
        guard let object = objects[number], Self.find(Self.streamKeyword, in: object, from: 0) == nil else { return nil }
        return Self.dictionaryText(object)
    }

    /// The dictionary of a stream object, as text.
    func streamDictionary(_ number: Int) -> String? {
        guard let object = objects[number], let start = Self.find(Self.streamKeyword, in: object, from: 0) else { return nil }
        return Self.dictionaryText(Array(object[..<start]))
    }

    private static let streamKeyword = Array("\nstream\n".utf8)

    /// The text from the first `<<` to the last `>>` of `bytes`.
    private static func dictionaryText(_ bytes: [UInt8]) -> String? {
        guard let open = find(Array("<<".utf8), in: bytes, from: 0), let close = findLast(Array(">>".utf8), in: bytes),
              open <= close else { return nil }
        return String(decoding: bytes[open..<(close + 2)], as: UTF8.self)
    }

    /// The raw (still compressed) data of a stream object.
    func stream(_ number: Int) -> [UInt8]? {
        guard let object = objects[number] else { return nil }
        let start = Array("stream\n".utf8), end = Array("\nendstream".utf8)
        guard let s = Self.find(start, in: object, from: 0), let e = Self.findLast(end, in: object), s + start.count <= e else { return nil }
        return Array(object[(s + start.count)..<e])
    }

    mutating func replaceDictionary(_ number: Int, with dictionary: String) {
        objects[number] = Array("\(number) 0 obj\n\(dictionary)\nendobj\n".utf8)
    }

    mutating func replace(_ number: Int, with object: [UInt8]) { objects[number] = object }

    mutating func replaceStream(_ number: Int, dictionary: String, data: [UInt8]) {
        objects[number] = Array("\(number) 0 obj\n\(dictionary)\nstream\n".utf8) + data + Array("\nendstream\nendobj\n".utf8)
    }

    /// Adds an object and returns its number.
    mutating func add(_ dictionary: String) -> Int {
        let number = (numbers.max() ?? 0) + 1
        numbers.append(number)
        replaceDictionary(number, with: dictionary)
        return number
    }

    func serialized() -> [UInt8] {
        var out = Array(header)
        let size = (numbers.max() ?? 0) + 1
        var offsets = [Int?](repeating: nil, count: size)
        for number in numbers {
            offsets[number] = out.count
            out += objects[number] ?? []
        }
        let xref = out.count
        var table = "xref\n0 \(size)\n0000000000 65535 f \n"
        for offset in offsets.dropFirst() {
            table += offset.map { String(repeating: "0", count: max(0, 10 - String($0).count)) + "\($0) 00000 n \n" }
                ?? "0000000000 65535 f \n"
        }
        let newTrailer = trailer.replacingOccurrences(of: #"/Size \d+"#, with: "/Size \(size)", options: .regularExpression)
        table += "trailer\(newTrailer)startxref\n\(xref)\n%%EOF\n"
        return out + Array(table.utf8)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    private static func findLast(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
