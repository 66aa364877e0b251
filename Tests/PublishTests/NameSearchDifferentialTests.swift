import Store
import Testing
@testable import DemoData
@testable import Publish

/// The name search compares codes (`NameCodes`) instead of Characters; a name it missed would reach
/// the website. It must answer exactly as the Character search it replaced (`ReferenceKnownNames`)
/// on every input the guard's tests use and on thousands of generated texts mixing CJK, the demo's
/// names and places, separators, spaces, combining marks, full-width forms, emoji and the spellings
/// normalisation changes.
@Suite struct NameSearchDifferentialTests {
    /// Names as the demo makes them, and names whose Characters are not simple scalars: composed and
    /// decomposed accents, Hangul as syllables and as jamo, a variation selector, an emoji, a
    /// compatibility ideograph, a name with a space inside.
    static let people: [(name: String, role: KnownNames.Role)] = {
        var rng = SplitMix64(seed: 28)
        var people: [(String, KnownNames.Role)] = DemoNames.dotNames.map { ($0, .member) }
        for k in 0..<400 {
            people.append((DemoNames.name(&rng), [KnownNames.Role.head, .member, .caller, .staff][k % 4]))
        }
        for c in DemoNames.rareCharacters { people.append(("张\(c)祥", .member)) }
        people += [("李万", .head), ("马花林", .head), ("马花", .caller), ("张易", .staff), ("花林", .staff),
                   ("Zoë李", .caller), ("Zoe\u{0308}王", .member), ("José马", .staff), ("Jose\u{0301}杨", .head),
                   ("김철수", .member), ("\u{1100}\u{1161}\u{11A8}明", .caller), ("李\u{FE00}明", .member),
                   ("王👍🏽", .caller), ("金\u{F900}", .member), ("Å丁", .head), ("A\u{030A}冯", .member),
                   ("阿 依", .staff), ("e\u{0301}\u{0323}黑", .member), ("ḍ\u{0307}白", .caller)]
        return people
    }()

    static let places: [String] = YuanzhouGeography.townships.flatMap { [$0.name] + $0.villages } + ["原州区", "张易镇", "马花村"]

    /// Every text the guard's tests give to the name search or the rendered-text net.
    static let testInputs = [
        "阿依古丽•买买提家", "阿依古丽.买买提家", "阿依古丽・买买提家", "阿依古丽･买买提家", "阿依古丽-买买提家", "阿依古丽买买提家",
        "阿***·**提", "张易镇", "张易镇民政办", "马花村", "由张易核实", "马 花来电", "三营村 马花林 3 人\n李秀兰 1 人",
        "三营村 王小二 3 人", "三营村 马花林 3 人", "三营村 马*林 3 人", "三营村 李梅 3 人", "三营村 李*梅 3 人", "马建国 3 人",
        "数据比对核查表\n内部核查\n材料·不得公开\n合计 3", "本报告不得公开的内容已删除", "内部核查材料·不得公开",
        "households.csv 13909541234a 2026-10-31", "households.csv\n20\n0 14393896698d\n", "households.csv 13909541234 2026-10-31",
        "三营村 马建国 3 人", "三营村 马*国 3 人", "服务对象 李 万 参加培训", "李\u{3000}万", "李\u{200B}万", "李\t万",
        "户主 640402198001010017 ", "１３８００００１２３４", "138\u{200B}0000\u{200D}1234", "12 345 6789 12 345 6789",
        "合计 8,939,270.00 元，2026年10月，12349，0954-2032349，TS-202610-0001，5837户",
    ]

    /// Pieces a generated text is made of.
    static let pieces: [String] = {
        var pieces = ["民政", "低保", "三营镇", "合计", "户", "人", "元", "村", "核实", "来电", "办理", "的", "和", "（", "）", "、", "，", "。",
                      " ", "  ", "\t", "\n", "\r\n", "\u{3000}", "\u{00A0}", "\u{200B}", "\u{200D}", "\u{2060}", "\u{00AD}", "\u{FEFF}",
                      "·", "•", ".", "・", "･", "‧", "-", "‐", "‑", "－", "．", "∙", "⋅", "\u{0387}", "\u{2027}",
                      "\u{0301}", "\u{0308}", "\u{0323}", "\u{20DD}", "\u{302A}", "\u{3099}", "\u{FE00}", "\u{FF9E}",
                      "ＡＢ", "１２", "張", "ｚ", "\u{FF0E}", "\u{2126}", "\u{212B}", "\u{F900}", "\u{2F800}",
                      "😀", "👍🏽", "👨‍👩‍👧", "🇨🇳", "\u{1100}", "\u{1161}", "\u{11A8}", "가", "각",
                      "a", "Z", "é", "e", "o", "3", "0954", "2026", "x", "*", "×", "𠮷", "\u{E000}", "\u{10FFFD}"]
        pieces += DemoNames.surnames.map(\.0) + DemoNames.givenCharacters.map(String.init)
        return pieces
    }()

    static func generatedTexts(count: Int) -> [String] {
        var rng = SplitMix64(seed: 2026_12_08)
        let names = people.map(\.name)
        return (0..<count).map { _ in
            var text = ""
            for _ in 0..<rng.int(1...14) {
                switch rng.int(0...9) {
                case 0...2:
                    // A name, perhaps with a separator, a space or a mark typed inside it.
                    var name = Array(rng.pick(names))
                    if name.count > 1, rng.chance(0.5) {
                        name.insert(Character(rng.pick(["·", " ", "\u{200B}", "．", "\u{0301}", "-", "\u{3000}", "\t", "\n", "*"])),
                                    at: rng.int(1...(name.count - 1)))
                    }
                    text += String(name)
                case 3: text += rng.pick(places)
                default: text += rng.pick(pieces)
                }
            }
            return text
        }
    }

    static func compare(_ texts: [String], _ new: KnownNames, _ reference: ReferenceKnownNames, _ variant: String) {
        for text in texts {
            #expect(new.firstName(in: text) == reference.firstName(in: text), "\(variant) value: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
            let normal = PersonalDataScanner.normalised(text)
            #expect(new.firstName(inRenderedText: normal) == reference.firstName(inRenderedText: Array(normal)),
                    "\(variant) rendered: \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func answersAsTheCharacterSearchDid() {
        let texts = Self.testInputs + Self.people.map(\.name) + Self.places + Self.pieces + Self.generatedTexts(count: 6000)
        let new = KnownNames(Self.people, places: Self.places)
        let reference = ReferenceKnownNames(Self.people, places: Self.places)
        Self.compare(texts, new, reference, "all")
        // The print channel's rendered-text names: heads left out, and the names found inside a head's.
        let heads = Self.people.filter { $0.role == .head }.map(\.name)
        Self.compare(texts, new.removing(where: { $0 == .head }).removingNames(foundIn: heads),
                     reference.removing(where: { $0 == .head }).removingNames(foundIn: heads), "print")
    }

    /// The differential test finds a difference where there is one: a search that compared scalars
    /// without the Character codes would find 李明 in 李\u{FE00}明's neighbour 李明\u{0301} and
    /// miss é spelled with a combining mark.
    @Test func canonicallyEquivalentSpellingsAreOneName() {
        let names = KnownNames([("Jose\u{0301}杨", .head), ("李明", .member), ("Å丁", .staff)], places: [])
        #expect(names.firstName(in: "José杨") == .head)
        #expect(names.firstName(in: "李明\u{0301}来电") == nil)
        #expect(names.firstName(in: "A\u{030A}丁") == .staff)
        #expect(names.firstName(in: "\u{212B}丁") == .staff)
        #expect(names.firstName(inRenderedText: PersonalDataScanner.normalised("Jose\u{200B}\u{0301}杨")) == .head)
    }
}
