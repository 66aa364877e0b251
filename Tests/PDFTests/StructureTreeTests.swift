import Document
import Foundation
@testable import PDF
import Testing
import Typeset

/// The structure tree the assembler writes against the structure the typesetter placed: one TD per
/// data cell (an empty one too), one TH per header cell on every page, one Figure with its Alt per
/// chart, every element with marked content or children, and on each page marked-content ids 0, 1, …
/// in order, as many as its parent-tree array holds.
@Suite struct StructureTreeTests {
    /// The example document with a 400-row table appended whose rows have an empty cell each.
    static func document() throws -> Document {
        let path = LeanFontsTests.packageRoot.appendingPathComponent("templates/examples/document.json").path
        var json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        var blocks = try #require(json["blocks"] as? [Any])
        let rows: [Any] = (1...400).map { ["\($0)", $0 % 3 == 0 ? "" : "南关街道", "马建国", "\($0 % 6 + 1)"] }
        blocks.append(["type": "table", "name": "long", "caption": "长表",
                       "columns": [["title": "序号"], ["title": "乡镇"], ["title": "户主姓名", "names": true], ["title": "人数"]],
                       "rows": rows])
        json["blocks"] = blocks
        return try Document.decode(json: JSONSerialization.data(withJSONObject: json), file: "structure.json")
    }

    static func count(_ needle: String, in bytes: [UInt8]) -> Int {
        let pattern = Array(needle.utf8)
        var found = 0, from = 0
        while let at = PDFAssembler.find(pattern, in: bytes, from: from) { found += 1; from = at + pattern.count }
        return found
    }

    @Test func everyPlacedElementIsInTheTreeWithItsContentMarked() throws {
        let document = try Self.document()
        let settings = PageSettings.gbt9704
        let pages = try Typesetter(settings: settings).pages(document)
        var placed: [String: Int] = [:]
        for page in pages {
            for item in page.items { if case .begin(let role) = item { placed[role.tag, default: 0] += 1 } }
        }
        #expect((placed["TD"] ?? 0) > 1600 && (placed["TH"] ?? 0) > pages.count && (placed["Figure"] ?? 0) == 2)

        let pdf = Array(try PDFRenderer(settings: settings).render(document))
        for tag in StructureRecorder.tags {
            #expect(Self.count("/S /\(tag)\n", in: pdf) == placed[tag] ?? 0, "\(tag) elements")
        }
        #expect(Self.count("/S /Document\n", in: pdf) == 1)
        #expect(Self.count("/K [ ]", in: pdf) == 0, "an element with no content")
        #expect(Self.count("/Scope /Column", in: pdf) == placed["TH"] ?? 0)
        #expect(Self.count("   /Alt <FEFF", in: pdf) == 2)
        #expect(Self.count("/StructParents ", in: pdf) == pages.count)

        // Each page's marked-content ids run 0, 1, … and every id is in a cell, heading, … of the tree.
        let objects = try PDFObjects(pdf)
        var ids = 0
        for number in objects.numbers {
            guard let dictionary = objects.streamDictionary(number), !dictionary.contains("/Subtype"),
                  let data = objects.stream(number) else { continue }
            let content = String(decoding: try Flate.inflate(data[...]), as: UTF8.self)
            guard content.contains(" BDC\n") || content.contains("/Artifact BMC") else { continue }
            let found = content.split(separator: "<</MCID ").dropFirst().map { Int($0.prefix { $0.isNumber }) }
            #expect(found == Array(0..<found.count), "ids out of order in object \(number)")
            #expect(content.contains("/Artifact BMC\n"), "a page number outside every element is an artifact")
            ids += found.count
        }
        #expect(ids > placed["TD"] ?? 0)
        let parentTree = try #require(objects.numbers.compactMap(objects.text(of:)).first { $0.contains("<< /Nums [") })
        #expect(parentTree.components(separatedBy: " 0 R ").count - 1 == ids, "ids without an element in the parent tree")
    }

    @Test func theFileIsTheSameEveryTime() throws {
        let document = try Self.document()
        let renderer = PDFRenderer(settings: .gbt9704)
        #expect(try renderer.render(document) == renderer.render(document))
    }
}
