import Foundation

/// Finds a sheet's merged ranges without parsing its rows.
///
/// The format puts `mergeCells` after `sheetData`, yet the header, which merges concern, comes
/// first. Rather than hold every row until the end, the sheet is inflated once more and its bytes
/// searched for the end of `sheetData` (`</sheetData>` or a prefixed `</x:sheetData>`: a `<` never
/// appears unescaped in cell text, so no cell can fake it); the short tail after it is scanned
/// for `<mergeCell ref="A1:C1"`.
enum MergeScanner {
    static func ranges(in stream: ZipEntryStream) -> [MergedRange] {
        defer { stream.close() }
        let next = stream.chunks
        var carry: [UInt8] = []   // the end of the previous chunk, for a tag split across two
        var tail: [UInt8]?
        while let chunk = try? next() {
            if tail != nil {
                tail?.append(contentsOf: chunk)
                if (tail?.count ?? 0) > Workbook.smallPartLimit { return [] }
                continue
            }
            let window = carry + chunk
            if let end = endOfSheetData(in: window) {
                tail = Array(window[end...])
            } else {
                carry = Array(window.suffix(32))
            }
        }
        guard let tail else { return [] }
        return mergeReferences(in: tail).compactMap { MergedRange($0) }
    }

    /// The offset just after `</sheetData>` (with any prefix), or nil.
    static func endOfSheetData(in bytes: [UInt8]) -> Int? {
        let needle = Array("sheetData>".utf8)
        var from = 0
        while let hit = find(needle, in: bytes, from: from) {
            // Walk back over a prefix (x:) to the "</" that must open a closing tag.
            var i = hit - 1
            while i >= 0, bytes[i] != UInt8(ascii: "<"), bytes[i] != UInt8(ascii: ">"), bytes[i] != UInt8(ascii: " ") { i -= 1 }
            if i >= 0, bytes[i] == UInt8(ascii: "<"), i + 1 < hit, bytes[i + 1] == UInt8(ascii: "/") { return hit + needle.count }
            from = hit + 1
        }
        return nil
    }

    /// The `ref` of every `mergeCell` element in `bytes`.
    static func mergeReferences(in bytes: [UInt8]) -> [String] {
        let text = String(decoding: bytes, as: UTF8.self)
        var refs: [String] = []
        for element in text.split(separator: "<").dropFirst() {
            let name = element.prefix { $0 != " " && $0 != "/" && $0 != ">" }
            guard name == "mergeCell" || name.hasSuffix(":mergeCell"),
                  let start = element.range(of: "ref=\"") else { continue }
            refs.append(String(element[start.upperBound...].prefix { $0 != "\"" }))
        }
        return refs
    }

    /// The first `needle` at or after `from`: `memchr` for its first byte, then a compare.
    private static func find(_ needle: [UInt8], in bytes: [UInt8], from: Int) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        return bytes.withUnsafeBufferPointer { p -> Int? in
            guard let base = p.baseAddress else { return nil }
            var i = from
            let last = p.count - needle.count
            while i <= last {
                guard let hit = memchr(base + i, Int32(first), last - i + 1) else { return nil }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if UnsafeBufferPointer(rebasing: p[at..<(at + needle.count)]).elementsEqual(needle) { return at }
                i = at + 1
            }
            return nil
        }
    }
}
