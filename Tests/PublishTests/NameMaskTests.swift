import Foundation
import Sheets
import Testing
@testable import HTML
@testable import Publish

@Suite struct NameMaskTests {
    @Test(arguments: [("张三", "张*"), ("张三丰", "张*丰"), ("阿依古丽·买买提", "阿***·**提"), ("张𠮷祥", "张*祥"),
                      ("𠮷祥", "𠮷*"), ("欧阳小明", "欧**明"), ("马", "*"), ("", "")])
    func masksAllButFirstAndLast(name: String, masked: String) {
        #expect(NameMask.mask(name) == masked)
    }
}

@Suite struct PublicationGuardTests {
    static func guardian(heads: Set<String> = [], publicNumbers: [String] = []) -> PublicationGuard {
        PublicationGuard(people: .init(heads: heads, callers: [], staff: []), places: [], publicNumbers: publicNumbers,
                         showsHeadsInFull: false)
    }

    /// What the second net (the rendered text) finds in `text`.
    func leak(_ text: String, names: Set<String> = [], publicNumbers: [String] = []) -> String? {
        Self.guardian(heads: names, publicNumbers: publicNumbers).findLeak(in: text)?.description
    }

    @Test func findsIDNumbersEvenMasked() {
        #expect(leak("户主 640402198001010017 ") == "身份证号")
        #expect(leak("身份证 6404**********1234") == "身份证号")
        #expect(leak("11010519491231002X") == "身份证号")
    }

    @Test func findsPhonesAndCards() {
        #expect(leak("电话13912345678。") == "手机号")
        #expect(leak("139****5678") == "手机号")
        #expect(leak("卡号 6222 0212 3456 7890 123") == "银行卡号")
        #expect(leak("6222021234567890123") == "银行卡号")
    }

    @Test func leavesOrdinaryFiguresAlone() {
        // The office's own supervision number is printed on purpose; another landline is personal.
        #expect(leak("合计 8,939,270.00 元，2026年10月，12349，0954-2032349，TS-202610-0001，5837户",
                     publicNumbers: ["12349", "0954-2032349"]) == nil)
        #expect(leak("合计 8,939,270.00 元，2026年10月，12349，0954-2031234，TS-202610-0001，5837户",
                     publicNumbers: ["12349", "0954-2032349"]) == "固定电话")
        #expect(leak("SHA-256 3f6c0a9e5b7d") == nil)
        // A digest may hold 18 decimal digits in a row by chance.
        #expect(leak("sha256 a3261234567890123410bcde0123456789abcdef0123456789abcdef01234567") == nil)
    }

    @Test func findsUnmaskedNamesOnTheWeb() {
        #expect(leak("三营村 马建国 3 人", names: ["马建国"]) == "姓名（户主）")
        #expect(leak("三营村 马*国 3 人", names: ["马建国"]) == nil)
    }

    @Test func refusalsNameTheFileAndKindNeverTheValue() {
        let guardian = Self.guardian(heads: ["马建国"])
        for (text, kind) in [("640402198001010017", "身份证号"), ("马建国", "姓名（户主）")] {
            #expect { try guardian.check(value: "户主 \(text)", label: "manifest.json") } throws: { error in
                "\(error)".hasPrefix("manifest.json含有\(kind)") && !"\(error)".contains(text) && !"\(error)".contains("6404")
            }
        }
    }

    /// An .xlsx is compressed XML: the guard reads back its cells and sheet names, so a name or an ID
    /// inside a workbook is caught like one in any other file.
    @Test func readsTheCellsOfAWorkbook() throws {
        let guardian = Self.guardian(heads: ["马建国"])
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-guard-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        for (cell, sheet) in [("640402198001010017", "indicators"), ("合计", "马建国"), ("户主 马建国", "indicators")] {
            try XLSXWriter.write([XLSXWriter.Sheet(name: sheet, columns: [.init("note", width: 10)], rows: [[.text(cell)]])],
                                 to: url.path, title: "t", created: "2026-11-05T00:00:00Z")
            #expect(throws: PublicationGuard.Leak.self) { try guardian.check(url) }
        }
        try XLSXWriter.write([XLSXWriter.Sheet(name: "indicators", columns: [.init("note", width: 10)], rows: [[.text("马*国 3 人")]])],
                             to: url.path, title: "t", created: "2026-11-05T00:00:00Z")
        try guardian.check(url)
    }

    /// The 27 ways a careless clerk types a value (issue 10): every one is caught after normalising.
    @Test(arguments: [
        ("640402 19800101 0017", "身份证号"), ("640402-19800101-0017", "身份证号"),
        ("６４０４０２１９８００１０１００１７", "身份证号"), ("6404021980\u{200B}01010017", "身份证号"),
        ("6404 0219 8001 0100 17", "身份证号"), ("640402 1980 0101 001 7", "身份证号"),
        ("6404 02** **** **12 34", "身份证号"),
        ("138-0000-1234", "手机号"), ("138 0000 1234", "手机号"), ("+8613800001234", "手机号"),
        ("+86 138 0000 1234", "手机号"), ("0086-13800001234", "手机号"), ("１３８００００１２３４", "手机号"),
        ("138\u{200B}0000\u{200D}1234", "手机号"), ("1380000 1234", "手机号"),
        ("6222.0212.3456.7894", "银行卡号"), ("6222 0212 3456 7890 128", "银行卡号"),
        ("６２２２０２１２３４５６７８９０", "银行卡号"),
        ("&#49;&#51;&#56;&#48;&#48;&#48;&#48;&#49;&#50;&#51;&#52;", "手机号"),
    ])
    func catchesIdentifiersTypedCarelessly(text: String, kind: String) {
        #expect(leak(PublicationGuard.decodingEntities(text)) == kind, "\(text)")
    }

    @Test func catchesNamesTypedWithSpacesOrInvisibleCharacters() {
        for text in ["服务对象 李 万 参加培训", "李\u{3000}万", "李\u{200B}万", "李\t万"] {
            #expect(leak(text, names: ["李万"]) == "姓名（户主）", "\(text)")
        }
    }

    /// Rows of a numeric table, separated by single spaces as pdftotext prints them, are not joined
    /// into identifiers: joined groups must be valid (checksum, Luhn) and grouped as people write them.
    @Test func numericTablesAreNotJoinedIntoFalseAlarms() {
        #expect(leak("12 345 6789 12 345 6789") == nil)
        #expect(leak("98.5 97.2 100.0 99.1 96.0 12 34") == nil)
        #expect(leak("2026-10-31 2026-11-01 13 800 0012 34") == nil)
        #expect(leak("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20") == nil)
        #expect(leak("合计 5837户 12,345人 8,939,270.00") == nil)
    }

    /// The evaluation report prints the templates' SHA-256; an English mark around its letters once cut it
    /// into pieces and left 15 decimal digits standing alone (odd seed 12 after the templates changed).
    @Test func aDigestOnAPageStaysOneDigest() {
        let digest = "27ea95cc44f584627141052017d8a3b1c0e9f7d6c5b4a39281706f5e4d3c2b1a"
        let page = Phrasing.html("模板 SHA-256 \(digest)，gongkai verify 复核")
        #expect(page == "模板 SHA-256 \(digest)，<span lang=\"en\">gongkai verify</span> 复核")
        #expect(leak(PublicationGuard.visibleText(ofHTML: page)) == nil)
        #expect(Phrasing.html("H1 标题 and v2") == "H1 标题 <span lang=\"en\">and</span> v2")
    }

    @Test func htmlTextDropsMarkupAndStyles() {
        let html = "<style>td{color:red}</style><td title=\"x\">张&amp;三</td><svg><text>图</text></svg>"
        #expect(PublicationGuard.visibleText(ofHTML: html).split(separator: " ").joined() == "张&三图")
    }
}
