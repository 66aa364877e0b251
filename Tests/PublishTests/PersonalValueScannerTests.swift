import DemoData
import Document
import Foundation
import GongkaiCore
import Store
import Testing
@testable import Publish

/// The guard's first net (issue 21): each public value is checked where it is still one value, with
/// every separator taken out from between its digits, and people's names are found as people.
@Suite struct PersonalValueScannerTests {
    let scanner = PersonalValueScanner(publicNumbers: ["12349", "0954-2032349"])

    /// The 12 forms that passed the old guard on a 300-household demo (issue 21), each in a value as a
    /// clerk typed it into a village or a category.
    static let formsThatLeaked: [(String, PersonalDataKind)] = [
        ("640402 750316 124", .idNumber),                 // 15 digits in groups, born 1975-03-16
        ("640402××××××××1235", .idNumber),               // masked with ×
        ("640402xxxxxxxx1236", .idNumber),               // masked with x
        ("640402  19800101  0017", .idNumber),           // two spaces between groups
        ("640402，19800101，0017", .idNumber),            // full-width commas
        ("(0954)1234567", .landline),
        ("0954-2031234", .landline),
        ("139  0954  1237", .mobile),
        ("1390 9541 238", .mobile),
        ("(139)0954-1239", .mobile),
        ("(139)9540-1234", .mobile),
        ("6222  0212  3456  7894", .bankCard),            // two spaces between groups
    ]

    @Test func everyFormThatLeakedIsFoundInAValue() {
        for (form, kind) in Self.formsThatLeaked {
            #expect(scanner.identifier(in: "联系\(form)村") == kind, "\(form)")
            #expect(scanner.identifier(in: form) == kind, "\(form)")
        }
    }

    @Test func twoNumbersInOneValueAreEachFound() {
        #expect(scanner.identifier(in: "640402198001010017，13909541234") == .idNumber)
        #expect(scanner.identifier(in: "备注：13909541234、0954-2031234") == .mobile)
    }

    @Test func theOfficesOwnNumbersAndOrdinaryValuesPass() {
        for value in ["监督电话 0954-2032349", "热线 12349", "1,234,567.89", "2026-10-01", "2026.10.01-2026.10.31",
                      "原民发〔2026〕12号", "TS-202612-0001", "YZ0000005", "640402001", "98.04%", "2026-10-01 09:30",
                      "三营镇小计", "16,864人", "数据指纹 27ea95cc44f58462714105201a0123456789bc0e9f7d6c5b4a39281706f5e4d3c2b1a"] {
            #expect(scanner.identifier(in: value) == nil, "\(value)")
        }
    }

    /// 阿依古丽·买买提 as typed in another field with `•`, `.`, `・`, `･`, `-` or no dot is still her name.
    @Test(arguments: ["阿依古丽•买买提", "阿依古丽.买买提", "阿依古丽・买买提", "阿依古丽･买买提", "阿依古丽-买买提", "阿依古丽买买提"])
    func aNameIsFoundWhateverDotWasTyped(spelling: String) {
        let names = KnownNames([("阿依古丽·买买提", .head)], places: [])
        #expect(names.firstName(in: "\(spelling)家") == .head)
        #expect(names.firstName(in: "阿***·**提") == nil)
    }

    @Test func aNameInsideAPlaceIsNotAPerson() {
        let names = KnownNames([("张易", .staff), ("马花", .caller)], places: ["张易镇", "马花村"])
        #expect(names.firstName(in: "张易镇") == nil)
        #expect(names.firstName(in: "张易镇民政办") == nil)
        #expect(names.firstName(in: "马花村") == nil)
        #expect(names.firstName(in: "由张易核实") == .staff)
        #expect(names.firstName(in: "马 花来电") == .caller)
    }

    /// On village boards heads are printed in full in their column: the rendered text's net leaves heads
    /// out, and a caller or staff member whose name is inside a head's (马花 in 马花林) cannot be told
    /// apart from the head. Any other caller is still found; on the web every head is.
    @Test func theRenderedTextOfABoardNoticeHoldsHeadsInFull() {
        let people = PersonNames.People(heads: ["马花林", "李秀兰"], callers: ["马花", "王小二"], staff: ["花林"])
        let print = PublicationGuard(people: people, places: [], publicNumbers: [], showsHeadsInFull: true)
        let web = PublicationGuard(people: people, places: [], publicNumbers: [], showsHeadsInFull: false)
        #expect(print.findLeak(in: "三营村 马花林 3 人\n李秀兰 1 人") == nil)
        #expect(print.findLeak(in: "三营村 王小二 3 人") == .name(.caller))
        #expect(web.findLeak(in: "三营村 马花林 3 人") == .name(.head))
        #expect(web.findLeak(in: "三营村 马*林 3 人") == nil)
    }

    /// A document's refusal names the file, the table, the row, the household and the field, and the
    /// kind — never the value. The heads' column is checked for identifiers only.
    @Test func aDocumentRefusalSaysWhere() throws {
        let people = PersonNames.People(heads: ["马建国"], callers: ["王小二"], staff: [])
        let guardian = PublicationGuard(people: people, places: ["三营村"], publicNumbers: [], showsHeadsInFull: true)
        func notice(village: String, name: String = "马建国") -> Document {
            Document(metadata: DocumentMetadata(title: ["公布"], office: "民政局", subject: "s", keywords: [],
                                                publicationDate: CivilDate(year: 2026, month: 11, day: 5)!),
                     blocks: [.table(Table(name: "notice", caption: "低保对象名单",
                                           columns: [Column(title: "村（社区）"), Column(title: "户主姓名", names: true)],
                                           rows: [.group("三营镇"), .body(["三营村", Cell(name)], key: "YZ0000001"),
                                                  .body([Cell(village), Cell(name)], key: "YZ0000002")]))])
        }
        try guardian.check(notice(village: "三营村"), file: "notice-dibao.pdf")
        #expect { try guardian.check(notice(village: "联系640402××××××××1235"), file: "notice-dibao.pdf") } throws: { error in
            let message = "\(error)"
            return message.hasPrefix("notice-dibao.pdf：表“低保对象名单”第 2 行（户编号 YZ0000002），“村（社区）”栏含有身份证号")
                && !message.contains("640402")
        }
        #expect { try guardian.check(notice(village: "王小二家"), file: "notice-dibao.pdf") } throws: { error in
            "\(error)".contains("第 2 行（户编号 YZ0000002），“村（社区）”栏含有姓名（来电人）") && !"\(error)".contains("王小二")
        }
        #expect { try guardian.check(notice(village: "三营村", name: "马建国13909541234"), file: "n.pdf") } throws: { error in
            "\(error)".contains("“户主姓名”栏含有手机号")
        }
    }

    /// The report's data appendix prints each file's SHA-256 prefix (12 hex characters), where a
    /// mobile-shaped run occurs by chance (odd-district seeds 167, 384, 483). In a digests column a hex
    /// cell passes, any other cell is checked; elsewhere the same text is refused; the rendered text's
    /// net passes a hex word standing alone.
    @Test func aDigestColumnHoldsDigestsNotPhones() throws {
        let guardian = PublicationGuard(people: .init(heads: [], callers: [], staff: []), places: [], publicNumbers: [],
                                        showsHeadsInFull: false)
        func appendix(_ cell: String, digests: Bool) -> Document {
            Document(metadata: DocumentMetadata(title: ["报告"], office: "民政局", subject: "s", keywords: [],
                                                publicationDate: CivilDate(year: 2026, month: 11, day: 5)!),
                     blocks: [.table(Table(name: "imports", caption: "使用的数据导入",
                                           columns: [Column(title: "文件"), Column(title: "SHA-256前12位", digests: digests)],
                                           rows: [.body(["households.csv", Cell(cell)])]))])
        }
        try guardian.check(appendix("13909541234a", digests: true), file: "evaluation.pdf")
        #expect(throws: PublicationGuard.Leak.self) { try guardian.check(appendix("13909541234a", digests: false), file: "e.pdf") }
        #expect(throws: PublicationGuard.Leak.self) { try guardian.check(appendix("电话13909541234", digests: true), file: "e.pdf") }
        #expect(guardian.findLeak(in: "households.csv 13909541234a 2026-10-31") == nil)
        #expect(guardian.findLeak(in: "households.csv\n20\n0 14393896698d\n") == nil, "a count, then a digest prefix")
        #expect(guardian.findLeak(in: "households.csv 13909541234 2026-10-31") == .mobile)
    }

    /// 10,000 generated values: valid IDs, masked IDs, mobiles, landlines and cards with random separators,
    /// invisible characters and full-width digits between their digits, and amounts, dates, counts, codes
    /// and notice numbers that are not personal. Every personal one is found, no other one is.
    @Test func fuzz() {
        var random = SplitMix64(seed: 21)
        var falseNegatives: [String] = [], falsePositives: [String] = []
        for n in 0..<10_000 {
            if n % 2 == 0 {
                let (value, kind) = GuardFuzz.personal(&random)
                let found = scanner.identifier(in: value)
                if found != kind { falseNegatives.append("\(kind): \(value.debugDescription) → \(String(describing: found))") }
            } else {
                let value = GuardFuzz.ordinary(&random)
                if let found = scanner.identifier(in: value) { falsePositives.append("\(found): \(value.debugDescription)") }
            }
        }
        print("guard fuzz: 10000 values, 5000 personal, 5000 ordinary: \(falseNegatives.count) false negatives, \(falsePositives.count) false positives")
        #expect(falseNegatives.isEmpty, "\(falseNegatives.prefix(20))")
        #expect(falsePositives.isEmpty, "\(falsePositives.prefix(20))")
    }
}

/// Values for the guard's fuzzer.
enum GuardFuzz {
    static let separators = [" ", "  ", "   ", "-", "—", "–", ".", "，", ",", "、", "/", "(", ")", "（", "）", "\u{200B}",
                             "\u{3000}", "·", "_", ":", "：", "\u{00A0}", "\u{2060}", " - ", "·\u{200B}", "\t", "\u{FEFF}"]
    static let masks = ["*", "×", "x", "X", "＊", "•"]

    static func digits(_ count: Int, _ random: inout SplitMix64, first: ClosedRange<Int> = 0...9) -> String {
        (0..<count).map { String($0 == 0 ? Int(random.next() % UInt64(first.count)) + first.lowerBound : Int(random.next() % 10)) }.joined()
    }

    static func pick<T>(_ items: [T], _ random: inout SplitMix64) -> T { items[Int(random.next() % UInt64(items.count))] }

    /// `plain` with separators put between random pairs of its characters, and sometimes its digits in
    /// full width.
    static func typed(_ plain: String, _ random: inout SplitMix64) -> String {
        var out = ""
        let chars = Array(plain)
        for (k, c) in chars.enumerated() {
            var character = String(c)
            if random.next() % 5 == 0, let d = c.wholeNumberValue, c.isASCII {
                character = String(Character(Unicode.Scalar(0xFF10 + UInt32(d))!))
            }
            out += character
            if k + 1 < chars.count, random.next() % 4 == 0 { out += pick(separators, &random) }
        }
        return out
    }

    static func personal(_ random: inout SplitMix64) -> (String, PersonalDataKind) {
        let region = pick(["640402", "640422", "110105", "640102", "510104"], &random)
        let birth = CivilDate(year: 1930 + Int(random.next() % 90), month: 1 + Int(random.next() % 12), day: 1 + Int(random.next() % 28))!
        let yyyymmdd = String(format: "%04d%02d%02d", birth.year, birth.month, birth.day)
        let plain: String, kind: PersonalDataKind
        switch random.next() % 7 {
        case 0:
            let body = region + yyyymmdd + digits(3, &random)
            plain = body + String(IDNumber.checkCharacter(for: body.utf8))
            kind = .idNumber
        case 1:
            plain = region + String(yyyymmdd.dropFirst(2)) + digits(3, &random)
            kind = .idNumber
        case 2:
            let mask = pick(masks, &random)
            let count = 4 + Int(random.next() % 5)
            plain = region + String(repeating: mask, count: count) + digits(3 + Int(random.next() % 2), &random)
            kind = .idNumber
        case 3:
            let number = "1" + digits(1, &random, first: 3...9) + digits(9, &random)
            plain = pick(["", "+86", "0086", "86 "], &random) + number
            kind = .mobile
        case 4:
            let area = "0" + digits(2 + Int(random.next() % 2), &random, first: 1...9)
            let local = digits(7 + Int(random.next() % 2), &random, first: 2...9)
            plain = random.next() % 2 == 0 ? "(\(area))\(local)" : area + local
            kind = .landline
        default:
            let length = 16 + Int(random.next() % 4)
            let body = "62" + digits(length - 3, &random)
            plain = body + String(luhnCheckDigit(body))
            kind = .bankCard
        }
        return (pick(["", "联系", "电话", "号码", "备注："], &random) + typed(plain, &random) + pick(["", "村", "号", "。"], &random), kind)
    }

    static func ordinary(_ random: inout SplitMix64) -> String {
        let date = CivilDate(year: 2020 + Int(random.next() % 8), month: 1 + Int(random.next() % 12), day: 1 + Int(random.next() % 28))!
        let end = date.adding(days: Int(random.next() % 60))
        func dotted(_ d: CivilDate) -> String { String(format: "%04d.%02d.%02d", d.year, d.month, d.day) }
        switch random.next() % 10 {
        case 0: return Money(fen: Int64(random.next() % 10_000_000_000)).yuanGrouped
        case 1: return Money(fen: Int64(random.next() % 10_000_000_000)).yuanGrouped + "元"
        case 2: return pick([date.description, date.chinese, dotted(date), date.description.replacingOccurrences(of: "-", with: "")], &random)
        case 3: return pick(["\(date)至\(end)", "\(dotted(date))-\(dotted(end))", "\(date)—\(end)"], &random)
        case 4: return pick(["\(random.next() % 100_000)", "\(random.next() % 20_000)户", "\(random.next() % 50_000)人"], &random)
        case 5: return pick(["YZ\(String(format: "%07d", Int(random.next() % 10_000_000)))", "TS-\(date.year)\(String(format: "%02d", date.month))-\(String(format: "%04d", Int(random.next() % 10_000)))",
                             "64040\(String(format: "%04d", Int(random.next() % 10_000)))"], &random)
        case 6: return pick(["原民发〔\(date.year)〕\(random.next() % 200)号", "宁政办发〔\(date.year)〕\(random.next() % 200)号"], &random)
        case 7: return String(format: "%.2f%%", Double(random.next() % 10_000) / 100)
        case 8: return "\(date) " + String(format: "%02d:%02d", Int(random.next() % 24), Int(random.next() % 60))
        default: return "第\(random.next() % 20)季度 \(date.year)年\(date.month)月 \(random.next() % 1000)件"
        }
    }

    static func luhnCheckDigit(_ body: String) -> Int {
        var sum = 0
        for (k, c) in body.reversed().enumerated() {
            let d = c.wholeNumberValue!
            sum += k % 2 == 0 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d
        }
        return (10 - sum % 10) % 10
    }
}
