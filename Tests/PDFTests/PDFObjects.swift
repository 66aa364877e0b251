@testable import PDF

/// The objects of a finished PDF as gongkai writes it (one classic xref section, no object streams),
/// read by their offsets: enough for tests to look at the embedded font programs.
struct PDFObjects {
    private var objects: [Int: [UInt8]] = [:]
    /// Object numbers in file order.
    private(set) var numbers: [Int] = []

    init(_ bytes: [UInt8]) throws {
        let tail = String(decoding: bytes.suffix(64), as: UTF8.self)
        guard let start = tail.range(of: "startxref\n"),
              let xref = Int(tail[start.upperBound...].prefix { $0.isNumber }), xref < bytes.count else {
            throw PDFError.unexpectedStructure("no startxref")
        }
        let table = String(decoding: bytes[xref...], as: UTF8.self)
        guard let trailer = table.range(of: "trailer") else { throw PDFError.unexpectedStructure("no trailer") }
        let lines = table[..<trailer.lowerBound].split(separator: "\n")
        var offsets: [(number: Int, offset: Int)] = []
        for (number, entry) in lines.dropFirst(2).enumerated() where entry.hasSuffix(" n ") || entry.hasSuffix(" n") {
            guard let offset = Int(entry.prefix(10)), offset < xref else { throw PDFError.unexpectedStructure("bad xref entry \(number)") }
            offsets.append((number, offset))
        }
        offsets.sort { $0.offset < $1.offset }
        for (index, entry) in offsets.enumerated() {
            let end = index + 1 < offsets.count ? offsets[index + 1].offset : xref
            objects[entry.number] = Array(bytes[entry.offset..<end])
            numbers.append(entry.number)
        }
    }

    /// An object without a stream, as text.
    func text(of number: Int) -> String? {
        guard let object = objects[number], PDFAssembler.streamParts(object) == nil else { return nil }
        return String(decoding: object, as: UTF8.self)
    }

    /// The dictionary of a stream object, as text.
    func streamDictionary(_ number: Int) -> String? {
        guard let object = objects[number], let start = PDFAssembler.find(Array("\nstream\n".utf8), in: object, from: 0) else { return nil }
        return String(decoding: object[..<start], as: UTF8.self)
    }

    /// The raw (still compressed) data of a stream object.
    func stream(_ number: Int) -> [UInt8]? {
        guard let object = objects[number], let parts = PDFAssembler.streamParts(object) else { return nil }
        return Array(object[parts.data])
    }
}
