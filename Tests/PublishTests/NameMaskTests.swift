import Testing
@testable import Publish

@Suite struct NameMaskTests {
    @Test(arguments: [("张三", "张*"), ("张三丰", "张*丰"), ("阿依古丽·买买提", "阿***·**提"), ("张𠮷祥", "张*祥"),
                      ("𠮷祥", "𠮷*"), ("欧阳小明", "欧**明"), ("马", "*"), ("", "")])
    func masksAllButFirstAndLast(name: String, masked: String) {
        #expect(NameMask.mask(name) == masked)
    }
}

@Suite struct PublicationGuardTests {
    func leak(_ text: String, names: Set<String> = []) -> String? {
        PublicationGuard.findLeak(in: text, names: NameIndex(names))?.kind
    }

    @Test func findsIDNumbersEvenMasked() {
        #expect(leak("户主 640402198001010017 ") == "an ID number")
        #expect(leak("身份证 6404**********1234") == "an ID number")
        #expect(leak("11010519491231002X") == "an ID number")
    }

    @Test func findsPhonesAndCards() {
        #expect(leak("电话13912345678。") == "a mobile number")
        #expect(leak("139****5678") == "a mobile number")
        #expect(leak("卡号 6222 0212 3456 7890 123") == "a bank-card number")
        #expect(leak("6222021234567890123") == "a bank-card number")
    }

    @Test func leavesOrdinaryFiguresAlone() {
        #expect(leak("合计 8,939,270.00 元，2026年10月，12349，0954-2032349，TS-202610-0001，5837户") == nil)
        #expect(leak("SHA-256 3f6c0a9e5b7d") == nil)
        // A digest may hold 18 decimal digits in a row by chance.
        #expect(leak("sha256 a3261234567890123410bcde0123456789abcdef0123456789abcdef01234567") == nil)
    }

    @Test func findsUnmaskedNamesOnTheWeb() {
        #expect(leak("三营村 马建国 3 人", names: ["马建国"]) == "an unmasked household head's name")
        #expect(leak("三营村 马*国 3 人", names: ["马建国"]) == nil)
    }

    @Test func masksWhatItReports() {
        #expect(PublicationGuard.mask("640402198001010017") == "640*************17")
    }

    @Test func htmlTextDropsMarkupAndStyles() {
        let html = "<style>td{color:red}</style><td title=\"x\">张&amp;三</td><svg><text>图</text></svg>"
        #expect(PublicationGuard.visibleText(ofHTML: html).split(separator: " ").joined() == "张&三图")
    }
}
