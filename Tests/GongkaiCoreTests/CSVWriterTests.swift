import Testing
@testable import GongkaiCore

@Suite struct CSVWriterTests {
    @Test func formulaCellsAreNeutralisedButNumbersStayNumbers() {
        var w = CSVWriter(header: ["a", "b", "c", "d", "e", "f"])
        w.append(["=HYPERLINK(\"http://x\")", "+86 138", "-0.5", "@SUM(A1)", "-", "\tcmd"])
        #expect(w.text == "a,b,c,d,e,f\n\"'=HYPERLINK(\"\"http://x\"\")\",'+86 138,-0.5,'@SUM(A1),'-,'\tcmd\n")
    }

    @Test func contractFilesForTheImporterAreWrittenLiterally() {
        var w = CSVWriter(header: ["a"], neutralisesFormulas: false)
        w.append(["=1+1"])
        #expect(w.text == "a\n=1+1\n")
        #expect(CSVWriter(header: ["甲"]).utf8WithBOM.prefix(3) == [0xEF, 0xBB, 0xBF])
    }

    @Test func oneHalfUpPercentRule() {
        #expect(Fraction.percentText(2, of: 3) == "66.7")
        #expect(Fraction.percentText(1, of: 8) == "12.5")
        #expect(Fraction.percentText(1, of: 16, decimals: 1) == "6.3")  // 6.25 rounds up
        #expect(Fraction.percentText(1, of: 0) == nil)
    }
}
