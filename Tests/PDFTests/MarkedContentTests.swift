@testable import PDF
import Testing
import Typeset

/// `MarkedContent` on content streams written the way Cairo 1.16 writes them untagged: each run of
/// glyphs gets its sequence, split where Cairo joined two cells in one string, closed at a text
/// object's end and reopened in the next; a count that does not add up is refused.
@Suite struct MarkedContentTests {
    typealias Run = StructureRecorder.Run
    static let td = StructureRecorder.kind(of: .dataCell), th = StructureRecorder.kind(of: .headerCell)

    static func mark(_ content: String, _ runs: [Run]) throws -> (content: String, elements: [Int32]) {
        let marked = try MarkedContent(runs: runs).mark(Array(content.utf8))
        return (String(decoding: marked.content, as: UTF8.self), marked.elements)
    }

    @Test func twoCellsInOneStringAreSplitBetweenThem() throws {
        let content = "BT\n12 0 0 -12 10 20 Tm\n/f-0-0 1 Tf\n[<00010002>-300<0003>]TJ\nET\n"
        let marked = try Self.mark(content, [Run(element: 0, glyphs: 2, kind: Self.td), Run(element: 1, glyphs: 1, kind: Self.td)])
        #expect(marked.content == "BT\n12 0 0 -12 10 20 Tm\n/f-0-0 1 Tf\n/TD <</MCID 0>> BDC\n[<00010002>-300 ]TJ\nEMC\n"
            + "/TD <</MCID 1>> BDC\n[<0003>]TJ\nEMC\nET\n")
        #expect(marked.elements == [0, 1])
    }

    @Test func aStringIsSplitInsideItsHexDigitsAndWrappedLinesAreJoined() throws {
        let content = "BT\n<0001\n00020003>Tj\nET\n"
        let marked = try Self.mark(content, [Run(element: 4, glyphs: 1, kind: Self.th), Run(element: 5, glyphs: 2, kind: Self.td)])
        #expect(marked.content == "BT\n/TH <</MCID 0>> BDC\n<0001>Tj\nEMC\n/TD <</MCID 1>> BDC\n<00020003>Tj\nEMC\nET\n")
        #expect(marked.elements == [4, 5])
    }

    @Test func aRunThatGoesOnAfterATextObjectGetsASecondID() throws {
        let content = "BT\n<0001>Tj\nET\n0 0 0 RG 1 0 m 2 0 l S\nBT\n<0002>Tj\nET\n"
        let marked = try Self.mark(content, [Run(element: 7, glyphs: 2, kind: Self.td)])
        #expect(marked.content == "BT\n/TD <</MCID 0>> BDC\n<0001>Tj\nEMC\nET\n0 0 0 RG 1 0 m 2 0 l S\nBT\n"
            + "/TD <</MCID 1>> BDC\n<0002>Tj\nEMC\nET\n")
        #expect(marked.elements == [7, 7])
    }

    @Test func emptyCellsAndArtifactsKeepTheirPlace() throws {
        let content = "BT\n<0001>Tj\n<0002>Tj\nET\n"
        let runs = [Run(element: 0, glyphs: 1, kind: Self.td), Run(element: 1, glyphs: 0, kind: Self.td),
                    Run(element: StructureRecorder.artifact, glyphs: 1, kind: 0)]
        let marked = try Self.mark(content, runs)
        #expect(marked.content == "BT\n/TD <</MCID 0>> BDC\n<0001>Tj\nEMC\n/TD <</MCID 1>> BDC\nEMC\n"
            + "/Artifact BMC\n<0002>Tj\nEMC\nET\n")
        #expect(marked.elements == [0, 1])
    }

    @Test func cairosActualTextSpanStaysInsideOurSequence() throws {
        let content = "BT\n/Span << /ActualText <FEFF0066006C> >> BDC\n<0009>Tj\nEMC\n<0001>Tj\nET\n"
        let marked = try Self.mark(content, [Run(element: 0, glyphs: 1, kind: Self.td), Run(element: 1, glyphs: 1, kind: Self.td)])
        #expect(marked.content == "BT\n/TD <</MCID 0>> BDC\n/Span << /ActualText <FEFF0066006C> >> BDC\n<0009>Tj\nEMC\nEMC\n"
            + "/TD <</MCID 1>> BDC\n<0001>Tj\nEMC\nET\n")
    }

    @Test func countsThatDoNotAddUpAreRefused() {
        let content = "BT\n<00010002>Tj\nET\n"
        #expect(throws: PDFError.self) { try Self.mark(content, [Run(element: 0, glyphs: 1, kind: Self.td)]) }
        #expect(throws: PDFError.self) { try Self.mark(content, [Run(element: 0, glyphs: 3, kind: Self.td)]) }
        #expect(throws: PDFError.self) { try Self.mark("BT\n<000102>Tj\nET\n", [Run(element: 0, glyphs: 1, kind: Self.td)]) }
        #expect(throws: PDFError.self) { try Self.mark("BT\n(ab)Tj\nET\n", [Run(element: 0, glyphs: 1, kind: Self.td)]) }
        #expect(throws: PDFError.self) { try Self.mark("BT\n<0001", [Run(element: 0, glyphs: 1, kind: Self.td)]) }
    }
}
