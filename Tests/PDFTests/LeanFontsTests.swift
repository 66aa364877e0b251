import Document
import Foundation
import OfficeTools
@testable import PDF
import Testing
import Typeset

/// `LeanFonts` against Cairo's own font programs for the example document: the embedded programs lose
/// their subroutines and most of their bytes, while poppler extracts the same text and draws the same
/// pixels on every page.
@Suite struct LeanFontsTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The PDF of templates/examples/document.json, with Cairo's font programs as Cairo wrote them
    /// (`leanFonts` false) or rewritten by this pass, set in the Noto CJK faces whatever else is
    /// installed: their CFF subsets carry the subroutines this pass removes (the Fandol faces that
    /// `make deps` installs for the body carry few, so the figures below are Noto's).
    static func example(leanFonts: Bool) throws -> [UInt8] {
        let path = packageRoot.appendingPathComponent("templates/examples/document.json").path
        let document = try Document.decode(json: Data(contentsOf: URL(fileURLWithPath: path)), file: path)
        var settings = PageSettings.gbt9704
        settings.fontChains = [.body: ["Noto Serif CJK SC"], .title: ["Noto Serif CJK SC"], .heiti: ["Noto Sans CJK SC"],
                               .kaiti: ["Noto Serif CJK SC"], .pageNumber: ["Noto Serif CJK SC"]]
        return Array(try PDFRenderer(settings: settings).render(document, leanFonts: leanFonts))
    }

    /// The inflated CFF programs embedded in `pdf`, with their compressed sizes.
    static func fontPrograms(_ pdf: [UInt8]) throws -> [(compressed: Int, program: [UInt8])] {
        let file = try PDFObjects(pdf)
        return try file.numbers.compactMap { number in
            guard let dictionary = file.streamDictionary(number), dictionary.contains("/Subtype /CIDFontType0C"),
                  let data = file.stream(number) else { return nil }
            return (data.count, try Flate.inflate(data[...]))
        }
    }

    /// The count of a CFF program's Global Subr INDEX: the fourth INDEX after the header (Name, Top
    /// DICT, String, Global Subr).
    static func globalSubroutines(_ cff: [UInt8]) -> Int? {
        var at = Int(cff[2])
        for _ in 0..<3 {
            let count = Int(cff[at]) << 8 | Int(cff[at + 1])
            guard count > 0 else { at += 2; continue }
            let size = Int(cff[at + 2]), offsets = at + 3
            let last = (0..<size).reduce(0) { $0 << 8 | Int(cff[offsets + count * size + $1]) }
            at = offsets + (count + 1) * size - 1 + last
        }
        return at + 1 < cff.count ? Int(cff[at]) << 8 | Int(cff[at + 1]) : nil
    }

    /// Runs a poppler tool and returns its standard output.
    static func poppler(_ tool: String, _ args: [String]) async throws -> Data {
        let result = try await ExternalTool.run("/usr/bin/" + tool, args)
        #expect(result.status == 0, "\(tool) \(args)")
        return result.data
    }

    @Test func fontProgramsLoseTheirSubroutinesAndMostOfTheirBytes() throws {
        let before = try Self.fontPrograms(Self.example(leanFonts: false)), after = try Self.fontPrograms(Self.example(leanFonts: true))
        #expect(before.count == 3 && after.count == before.count)
        #expect(before.contains { (Self.globalSubroutines($0.program) ?? 0) > 0 }, "Cairo's subsets had no subroutines to remove")
        for font in after { #expect(Self.globalSubroutines(font.program) == 0) }
        for (old, new) in zip(before, after) {
            #expect(CFFGlyphCount.of(new.program) == CFFGlyphCount.of(old.program))
        }
        let oldBytes = before.map(\.compressed).reduce(0, +), newBytes = after.map(\.compressed).reduce(0, +)
        #expect(newBytes * 3 < oldBytes, "font programs \(oldBytes) → \(newBytes) bytes")
    }

    @Test func textAndPixelsAreCairosOnEveryPage() async throws {
        let cairo = try Self.example(leanFonts: false)
        let lean = try Self.example(leanFonts: true)
        #expect(lean.count < cairo.count)
        #expect(try Self.example(leanFonts: true) == lean, "the rewrite is not reproducible")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("lean-fonts-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var text: [Data] = [], pages: [[Data]] = []
        for (name, bytes) in [("cairo", cairo), ("lean", lean)] {
            let pdf = dir.appendingPathComponent("\(name).pdf")
            try Data(bytes).write(to: pdf)
            text.append(try await Self.poppler("pdftotext", [pdf.path, "-"]))
            let prefix = dir.appendingPathComponent(name).path
            _ = try await Self.poppler("pdftoppm", ["-r", "60", pdf.path, prefix])
            let images = try FileManager.default.contentsOfDirectory(atPath: dir.path)
                .filter { $0.hasPrefix(name + "-") && $0.hasSuffix(".ppm") }.sorted()
            pages.append(try images.map { try Data(contentsOf: dir.appendingPathComponent($0)) })
        }
        #expect(!text[0].isEmpty && text[0] == text[1])
        #expect(!pages[0].isEmpty && pages[0].count == pages[1].count)
        for (page, (old, new)) in zip(pages[0], pages[1]).enumerated() { #expect(old == new, "page \(page + 1) looks different") }
    }

    /// Truncated or damaged programs give no glyph count and no rewrite, never a trap.
    @Test func damagedProgramsAreLeftAlone() throws {
        let program = try #require(try Self.fontPrograms(Self.example(leanFonts: false)).first?.program)
        let glyphs = try #require(CFFGlyphCount.of(program))
        for length in stride(from: 0, to: min(program.count, 4_000), by: 7) {
            let count = CFFGlyphCount.of(Array(program.prefix(length)))
            #expect(count == nil || count == glyphs)
        }
        #expect(LeanFonts.desubroutinized([]) == nil)
        #expect(LeanFonts.desubroutinized(Array(program.prefix(program.count / 2))) == nil)
        var damaged = program
        for i in stride(from: 4, to: min(damaged.count, 600), by: 3) { damaged[i] ^= 0xA5 }
        _ = CFFGlyphCount.of(damaged)
        _ = LeanFonts.desubroutinized(damaged)
    }
}
