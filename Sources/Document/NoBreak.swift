/// Stretches of text that must not be broken across lines, found the same way for the PDF and the
/// HTML: a date (2026年11月12日, 2026年11月, 10月8日), a number with its unit (16,864人, 2,430.00元,
/// 98.5%, 0.3个百分点, 57号), a number joined by hyphens (0954-2032349, 2026-11-05), each with a sign
/// or comparison (+, −, ≥, ≤) just before it, and a document number (原政发〔2025〕示例35号).
///
/// The PDF keeps each stretch on one line with Pango's allow-breaks attribute (`Typesetter.layout`,
/// which breaks one anyway, as a last resort, when it is wider than the whole measure); the HTML sets
/// it in `<span class="nobr">` (white-space: nowrap).
public enum NoBreak {
    /// Units a number keeps, longest first so 个百分点 wins over 个.
    static let units: [[Character]] = ["个百分点", "个工作日", "个自然日", "个月", "万元", "万人", "元", "户", "人", "天", "日", "月",
                                       "年", "件", "次", "倍", "项", "个", "号", "岁", "%", "‰", "％", " KB", " MB", " B"].map(Array.init)

    static let signs: Set<Character> = ["+", "−", "-", "≥", "≤", "＋"]

    /// A table cell this short — a village, a township, a category, a reason (急难型) — is a word,
    /// kept on one line by both renderers: read one or two characters a line (急 / 难 / 型, 中山 / 社区)
    /// it is hard to read, and it is never so long that its column crowds the others out. The PDF
    /// gives its column at least its width; the HTML sets it `white-space: nowrap`.
    public static let wordLength = 5

    public static func isWord(_ text: String) -> Bool { !text.isEmpty && text.count <= wordLength }

    /// The stretches as character offsets into `Array(text)`, in order, not overlapping. `bareNumbers`:
    /// also a number with separators alone (2,430.00), which Pango would break after its point and a
    /// browser never breaks.
    public static func ranges(in characters: [Character], bareNumbers: Bool = false) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        func digits(from j: Int) -> Int {
            var k = j
            while k < characters.count, characters[k].isASCII, characters[k].isNumber { k += 1 }
            return k
        }
        func matches(_ unit: [Character], at j: Int) -> Bool {
            j + unit.count <= characters.count && Array(characters[j..<j + unit.count]) == unit
        }
        while i < characters.count {
            guard characters[i].isASCII, characters[i].isNumber else { i += 1; continue }
            // A sign belongs to the number unless it joins a word to it (SHA-256).
            let signed = i > 0 && signs.contains(characters[i - 1])
                && (i < 2 || !(characters[i - 2].isASCII && (characters[i - 2].isLetter || characters[i - 2].isNumber)))
            let start = signed ? i - 1 : i
            // The number: digits, with , . - between digits.
            var end = digits(from: i), hyphenated = false, separated = false
            while end + 1 < characters.count, [",", ".", "-"].contains(characters[end]),
                  characters[end + 1].isASCII, characters[end + 1].isNumber {
                hyphenated = hyphenated || characters[end] == "-"
                separated = true
                end = digits(from: end + 1)
            }
            // Its unit; after 年 or 月 a date goes on with the month or day.
            var hasUnit = false
            while let unit = units.first(where: { matches($0, at: end) }) {
                end += unit.count
                hasUnit = true
                guard unit == ["年"] || unit == ["月"] else { break }
                let next = digits(from: end)
                guard next > end, next < characters.count,
                      characters[next] == (unit == ["年"] ? "月" : "日") else { break }
                end = next
            }
            if hasUnit || hyphenated || (bareNumbers && separated) { out.append(start..<end) }
            i = max(end, i + 1)
        }
        let documents = documentNumbers(in: characters)
        return (out.filter { r in !documents.contains { $0.contains(r.lowerBound) } } + documents).sorted { $0.lowerBound < $1.lowerBound }
    }

    /// 文号: up to six CJK characters, 〔 four digits 〕, up to four characters, digits, 号.
    static func documentNumbers(in characters: [Character]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for k in characters.indices where characters[k] == "〔" {
            var j = k + 1, digits = 0
            while j < characters.count, characters[j].isASCII, characters[j].isNumber { j += 1; digits += 1 }
            guard digits == 4, j < characters.count, characters[j] == "〕" else { continue }
            j += 1
            var inside = 0
            while j < characters.count, inside < 4, characters[j].isLetter, !characters[j].isASCII, characters[j] != "号" {
                j += 1; inside += 1
            }
            let number = j
            while j < characters.count, characters[j].isASCII, characters[j].isNumber { j += 1 }
            guard j > number, j < characters.count, characters[j] == "号" else { continue }
            var start = k
            while start > 0, k - start < 6, characters[start - 1].isLetter, !characters[start - 1].isASCII { start -= 1 }
            out.append(start..<(j + 1))
        }
        return out
    }

    /// The stretches as UTF-8 byte ranges, as Pango's attributes take them: with bare numbers.
    public static func utf8Ranges(in text: String) -> [Range<Int>] {
        guard text.utf8.contains(where: { (0x30...0x39).contains($0) }) else { return [] }
        let characters = Array(text)
        var offsets = [0]
        offsets.reserveCapacity(characters.count + 1)
        for c in characters { offsets.append(offsets[offsets.count - 1] + c.utf8.count) }
        return ranges(in: characters, bareNumbers: true).map { offsets[$0.lowerBound]..<offsets[$0.upperBound] }
    }
}
