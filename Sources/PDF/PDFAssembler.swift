import Foundation
import GongkaiCore

/// Turns the PDF Cairo 1.16 writes, untagged, into the tagged file, while Cairo writes it: Cairo's
/// bytes arrive through `take`, are cut into objects, and each page's objects are finished and written
/// to the file as soon as the page's dictionary has arrived (Cairo writes a page's content stream, its
/// length, resources and dictionary at `cairo_show_page`). So memory holds one page, never the file.
///
/// On the way, each object as Cairo wrote it except:
/// - a page's content stream is marked from the recorded structure (`MarkedContent`), and its page
///   dictionary gets `/StructParents`;
/// - each CFF font program loses its subroutines (`LeanFonts`);
/// - every stream Cairo left uncompressed, or compressed, is compressed once here (`Flate`);
/// - the catalog gets `/StructTreeRoot`, `/MarkInfo`, `/Lang` and `/ViewerPreferences`;
/// - the structure tree (`StructureTreeWriter`) goes after Cairo's objects, then one classic
///   cross-reference table and the trailer.
///
/// It reads only what Cairo 1.16 writes (objects in sequence, streams with an indirect `/Length`
/// written right after them, one xref section and a trailer); anything else is refused with
/// `PDFError.unexpectedStructure` rather than guessed at.
final class PDFAssembler {
    private let file: OutputFile
    private let language: String
    private let leanFonts: Bool
    /// Bytes from Cairo not yet cut into objects, and where to look for the next `endobj` in them.
    private var pending: [UInt8] = []
    private var searchFrom = 0
    private var sawHeader = false
    /// Finished objects waiting for their page's dictionary (or for the file's end).
    private var batch: [Object] = []
    /// The structure runs of each drawn page whose dictionary has not arrived yet.
    private var pageRuns: [[StructureRecorder.Run]] = []
    /// The element each marked-content id of each page belongs to (the parent tree).
    private(set) var parentTrees: [[Int32]] = []
    private(set) var pageObjects: [Int] = []
    /// Where each object starts in the file, by number (-1: none).
    private var offsets: [Int] = []
    private var out: [UInt8] = []
    private var flushed = 0
    /// The first failure: Cairo is told the write failed, and the renderer throws this.
    private(set) var failure: PDFError?
    /// Whether that failure is the file's (a full disk): the file itself then says why (`close`).
    private(set) var writeFailed = false

    struct Object {
        let number: Int
        var bytes: [UInt8]
    }

    init(file: OutputFile, language: String, leanFonts: Bool) {
        self.file = file; self.language = language; self.leanFonts = leanFonts
        out.reserveCapacity(Self.flushSize + 65536)
    }

    /// The runs of the page about to be shown (`cairo_show_page` writes it).
    func expect(_ runs: [StructureRecorder.Run]) { pageRuns.append(runs) }

    /// Cairo's next bytes; false once anything failed.
    func take(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard failure == nil else { return false }
        pending.append(contentsOf: bytes)
        // Cairo writes in many small pieces, and each object's last piece ends with "endobj\n": only
        // then is there anything to cut (`cut` finds every object end since the last cut, wherever).
        guard Self.hasSuffix(pending, Self.endKeyword, at: pending.count) else { return true }
        do { try cut() } catch { failure = error }
        return failure == nil
    }

    // MARK: - Cutting Cairo's bytes into objects

    private func cut() throws(PDFError) {
        if !sawHeader {
            guard let first = Self.find(Self.objectKeyword, in: pending, from: 0) else { return }
            guard let lineStart = pending[..<first].lastIndex(of: 0x0A) else { throw .unexpectedStructure("no header") }
            write(pending[...lineStart])
            pending.removeSubrange(...lineStart)
            sawHeader = true
            searchFrom = 0
        }
        var start = 0
        while let end = Self.find(Self.endKeyword, in: pending, from: max(searchFrom, start)) {
            let after = end + Self.endKeyword.count
            // "endobj" inside a stream's data does not end the object; "endstream" right before it does.
            if let streamAt = Self.find(Self.streamKeyword, in: pending, from: start, before: after),
               !Self.hasSuffix(pending, Self.endStreamKeyword, at: end), streamAt < end {
                searchFrom = after
                continue
            }
            try take(object: Array(pending[start..<after]))
            start = after
            searchFrom = after
        }
        if start > 0 {
            pending.removeSubrange(..<start)
            searchFrom = max(0, searchFrom - start)
        } else {
            searchFrom = max(0, pending.count - Self.endKeyword.count)
        }
    }

    private func take(object bytes: [UInt8]) throws(PDFError) {
        guard let number = Self.objectNumber(bytes) else { throw .unexpectedStructure("an object without a number") }
        batch.append(Object(number: number, bytes: bytes))
        if Self.isPage(bytes) { try finishBatch(catalog: nil) }
    }

    // MARK: - Finishing objects

    /// Writes the batch: the page dictionary that ended it (if any) with its content marked; the
    /// catalog, at the end, completed with `catalog`.
    private func finishBatch(catalog: (number: Int, entries: String)?) throws(PDFError) {
        var contents: Int? = nil
        if let page = batch.last, Self.isPage(page.bytes) {
            guard !pageRuns.isEmpty else { throw .unexpectedStructure("a page Cairo wrote that was not drawn") }
            contents = Self.reference("/Contents", in: page.bytes)
            guard contents != nil else { throw .unexpectedStructure("a page without /Contents") }
        }
        var lengths: [Int: Int] = [:]
        for index in batch.indices {
            let object = batch[index]
            guard let stream = Self.streamParts(object.bytes) else { continue }
            guard let lengthNumber = Self.reference("/Length", in: object.bytes[stream.dictionary]) else { continue }
            let dictionary = String(decoding: object.bytes[stream.dictionary], as: UTF8.self)
            let compressed = dictionary.contains("/Filter /FlateDecode\n")
            // A stream with any other filter (an image) is kept as Cairo wrote it.
            guard compressed || !dictionary.contains("/Filter") else { continue }
            var data = compressed ? try Flate.inflate(object.bytes[stream.data]) : Array(object.bytes[stream.data])
            if object.number == contents {
                let marked = try MarkedContent(runs: pageRuns.removeFirst()).mark(data)
                data = marked.content
                parentTrees.append(marked.elements)
            } else if leanFonts, dictionary.contains("/Subtype /CIDFontType0C"), let lean = LeanFonts.desubroutinized(data),
                      lean.count < data.count {
                data = lean
            }
            data = try Flate.deflate(data)
            let head = dictionary.replacingOccurrences(of: "   /Filter /FlateDecode\n", with: "")
            guard let firstLine = head.firstIndex(of: "\n") else { throw .unexpectedStructure("a stream dictionary on one line") }
            var bytes = Array("\(object.number) 0 obj\n".utf8) + Array(head[...firstLine].utf8)
            bytes += Array("   /Filter /FlateDecode\n".utf8) + Array(head[head.index(after: firstLine)...].utf8)
            bytes += Array("stream\n".utf8) + data + Array("\nendstream\nendobj\n".utf8)
            batch[index].bytes = bytes
            lengths[lengthNumber] = data.count
        }
        for object in batch {
            if let length = lengths[object.number] {
                write(object.number, Array("\(object.number) 0 obj\n   \(length)\nendobj\n".utf8))
                lengths[object.number] = nil
            } else if Self.isPage(object.bytes) {
                pageObjects.append(object.number)
                write(object.number, Self.adding("   /StructParents \(pageObjects.count - 1)\n", to: object.bytes))
            } else if let catalog, object.number == catalog.number {
                write(object.number, Self.adding(catalog.entries, to: object.bytes))
            } else {
                write(object.number, object.bytes)
            }
        }
        guard lengths.isEmpty else { throw .unexpectedStructure("a stream whose length Cairo did not write after it") }
        batch.removeAll(keepingCapacity: true)
    }

    /// After `cairo_surface_finish`: the last objects, the structure tree, the cross-reference table
    /// and the trailer. Throws the first failure of the whole file.
    func finish(structure: StructureRecorder) throws(PDFError) {
        if let failure { throw failure }
        try cut()
        guard sawHeader, let xref = Self.find(Array("xref\n".utf8), in: pending, from: 0) else {
            throw .unexpectedStructure("no xref")
        }
        let trailer = String(decoding: pending[xref...], as: UTF8.self)
        guard let trailerStart = trailer.range(of: "trailer") else { throw .unexpectedStructure("no trailer") }
        let dictionary = String(trailer[trailerStart.upperBound...])
        guard let root = Self.reference("/Root", in: Array(dictionary.utf8)) else { throw .unexpectedStructure("no catalog") }
        let info = Self.reference("/Info", in: Array(dictionary.utf8))
        guard pageRuns.isEmpty, parentTrees.count == pageObjects.count else {
            throw .unexpectedStructure("a drawn page Cairo did not write")
        }
        // Cairo's /Size counts every number it gave out, written or not.
        let size = Self.sizeEntry(in: dictionary) ?? 0
        let cairoLast = max(size - 1, offsets.count - 1, batch.map(\.number).max() ?? 0)
        let tree = StructureTreeWriter(structure: structure, parentTrees: parentTrees, pages: pageObjects, firstNumber: cairoLast + 1)
        let catalog = batch.first { $0.number == root }.map { String(decoding: $0.bytes, as: UTF8.self) } ?? ""
        let marked = catalog.contains("/MarkInfo") ? "" : "   /MarkInfo << /Marked true >>\n"
        try finishBatch(catalog: (root, "   /StructTreeRoot \(tree.rootNumber) 0 R\n" + marked
            + "   /Lang \(Self.text(language))\n   /ViewerPreferences << /DisplayDocTitle true >>\n"))
        tree.write { number, bytes in write(number, bytes) }
        let start = flushed + out.count
        let total = offsets.count
        var table = Array("xref\n0 \(total)\n0000000000 65535 f \n".utf8)
        for number in 1..<max(1, total) {
            let offset = offsets[number]
            if offset < 0 {
                table += Array("0000000000 65535 f \n".utf8)
            } else {
                let width = table.count
                StructureTreeWriter.append(offset, to: &table)
                table.insert(contentsOf: repeatElement(UInt8(ascii: "0"), count: max(0, 10 - (table.count - width))), at: width)
                table += Self.inUse
            }
            if table.count > Self.flushSize { write(table[...]); table.removeAll(keepingCapacity: true) }
        }
        write(table[...])
        write(Array("trailer\n<< /Size \(total)\n   /Root \(root) 0 R\n".utf8)[...])
        if let info { write(Array("   /Info \(info) 0 R\n".utf8)[...]) }
        write(Array(">>\nstartxref\n\(start)\n%%EOF\n".utf8)[...])
        flush()
        if let failure { throw failure }
    }

    // MARK: - Writing

    private func write(_ number: Int, _ bytes: [UInt8]) {
        if number >= offsets.count { offsets += [Int](repeating: -1, count: number + 1 - offsets.count) }
        offsets[number] = flushed + out.count
        write(bytes[...])
    }

    private func write(_ bytes: ArraySlice<UInt8>) {
        out += bytes
        if out.count >= Self.flushSize { flush() }
    }

    private func flush() {
        guard !out.isEmpty else { return }
        let ok = out.withUnsafeBytes { file.append($0) }
        if !ok && failure == nil {
            failure = .cannotWrite(path: file.path, reason: "写入失败")
            writeFailed = true
        }
        flushed += out.count
        out.removeAll(keepingCapacity: true)
    }

    private static let flushSize = 1 << 20

    // MARK: - PDF pieces

    static let inUse = Array(" 00000 n \n".utf8)
    static let objectKeyword = Array(" 0 obj\n".utf8), endKeyword = Array("endobj\n".utf8)
    static let streamKeyword = Array(">>\nstream\n".utf8), endStreamKeyword = Array("\nendstream\n".utf8)

    /// The number after `/Size` in the trailer's dictionary.
    static func sizeEntry(in trailer: String) -> Int? {
        guard let at = trailer.range(of: "/Size ") else { return nil }
        return Int(trailer[at.upperBound...].prefix { $0.isASCII && $0.isNumber })
    }

    /// Whether `bytes` is a page's dictionary (`/Type /Page`, not `/Pages`).
    static func isPage(_ bytes: [UInt8]) -> Bool {
        guard bytes.count < 4096, let at = find(Array("/Type /Page".utf8), in: bytes, from: 0), at + 11 < bytes.count else { return false }
        let next = bytes[at + 11]
        return next == 0x20 || next == 0x0A
    }

    static func objectNumber(_ bytes: [UInt8]) -> Int? {
        var number = 0, i = 0
        while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]), i < 10 {
            number = number * 10 + Int(bytes[i] - UInt8(ascii: "0"))
            i += 1
        }
        return i > 0 && i < bytes.count && bytes[i] == 0x20 ? number : nil
    }

    /// The ranges of a stream object's dictionary (from `<<` to the newline after `>>`) and data.
    static func streamParts(_ bytes: [UInt8]) -> (dictionary: Range<Int>, data: Range<Int>)? {
        guard let open = find(Array("<<".utf8), in: bytes, from: 0), let at = find(streamKeyword, in: bytes, from: open),
              hasSuffix(bytes, endStreamKeyword, at: bytes.count - endKeyword.count) else { return nil }
        let dataStart = at + streamKeyword.count, dataEnd = bytes.count - endKeyword.count - endStreamKeyword.count
        guard dataStart <= dataEnd else { return nil }
        return (open..<(at + 3), dataStart..<dataEnd)
    }

    /// The object number of `/Key N 0 R` in `bytes`.
    static func reference<C: Collection<UInt8>>(_ key: String, in bytes: C) -> Int? where C.Index == Int {
        guard let at = find(Array((key + " ").utf8), in: bytes, from: bytes.startIndex) else { return nil }
        var i = at + key.utf8.count + 1, number = 0, digits = 0
        while i < bytes.endIndex, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) {
            number = number * 10 + Int(bytes[i] - UInt8(ascii: "0")); i += 1; digits += 1
        }
        let rest = Array(" 0 R".utf8)
        guard digits > 0, digits < 10, i + rest.count <= bytes.endIndex, bytes[i..<(i + rest.count)].elementsEqual(rest) else { return nil }
        return number
    }

    /// `object` with `entries` added before its dictionary's last `>>`.
    static func adding(_ entries: String, to object: [UInt8]) -> [UInt8] {
        guard let close = findLast(Array(">>".utf8), in: object) else { return object }
        return Array(object[..<close]) + Array(entries.utf8) + Array(object[close...])
    }

    /// A PDF text string: ASCII as a literal, anything else as UTF-16BE hex with a byte-order mark.
    static func text(_ value: String) -> String {
        if value.utf8.allSatisfy({ (0x20..<0x7F).contains($0) && $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: ")") && $0 != UInt8(ascii: "\\") }) {
            return "(\(value))"
        }
        let digits = Array("0123456789ABCDEF".utf8)
        var hex: [UInt8] = Array("<FEFF".utf8)
        for unit in value.utf16 {
            for shift in [12, 8, 4, 0] { hex.append(digits[Int(unit >> UInt16(shift) & 0xF)]) }
        }
        hex.append(UInt8(ascii: ">"))
        return String(decoding: hex, as: UTF8.self)
    }

    static func hasSuffix(_ bytes: [UInt8], _ suffix: [UInt8], at end: Int) -> Bool {
        end >= suffix.count && end <= bytes.count && bytes[(end - suffix.count)..<end].elementsEqual(suffix)
    }

    static func find<C: Collection<UInt8>>(_ needle: [UInt8], in haystack: C, from: Int, before limit: Int? = nil) -> Int? where C.Index == Int {
        let end = min(limit ?? haystack.endIndex, haystack.endIndex)
        guard needle.count <= end - from, from >= haystack.startIndex else { return nil }
        if let found = haystack.withContiguousStorageIfAvailable({ buffer in
            needle.withUnsafeBufferPointer { needle in
                Self.search(needle, in: buffer, from: from - haystack.startIndex, end: end - haystack.startIndex)
            }
        }) {
            return found.map { $0 + haystack.startIndex }
        }
        var i = from
        while i + needle.count <= end {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// `needle`'s first occurrence in `buffer[from..<end]`, found with memchr on its first byte.
    private static func search(_ needle: UnsafeBufferPointer<UInt8>, in buffer: UnsafeBufferPointer<UInt8>, from: Int, end: Int) -> Int? {
        guard let base = buffer.baseAddress, let first = needle.first, let needleBase = needle.baseAddress else { return nil }
        var i = from
        while i + needle.count <= end {
            guard let hit = memchr(base + i, Int32(first), end - needle.count + 1 - i) else { return nil }
            let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(base + at, needleBase, needle.count) == 0 { return at }
            i = at + 1
        }
        return nil
    }

    static func findLast(_ needle: [UInt8], in haystack: [UInt8]) -> Int? {
        var i = haystack.count - needle.count
        while i >= 0 {
            if haystack[i] == needle[0] && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i -= 1
        }
        return nil
    }
}
