import GongkaiCore

/// Finds personal identifiers inside one value — a village, a category, a reason, a title, a file name —
/// before it is typeset, whatever a clerk typed between the digits.
///
/// A value is one field, so no cell boundary can glue two numbers together; inside it, every character
/// that is neither a letter nor a digit (any space, punctuation, bracket, full-width or invisible
/// character, any number of them) is taken out from between digits, so no separator can split a number.
/// What is left are *runs* of digits and mask characters (`* × x X •`). The places where separators were
/// taken out are *boundaries*; every stretch of a run from one boundary (or the run's start) to another
/// (or its end) is tried as a whole against the rules, so a separator can neither hide a number nor
/// make one out of two that a reader sees apart (`640402198001010017，13909541234` is two).
///
/// The rules (`rules`, tried in this order): an 18-character ID number with a valid GB 11643 check
/// character and birth date; a 15-digit ID number whose birth date exists; a masked ID (6 region digits, 4–12 mask characters, 3–4
/// final characters); a mobile (`1[3-9]` and 9 digits, masked or not, after an optional 86 or 0086);
/// a landline (0, a 2–3-digit area code, 7–8 digits); a bank card (16–19 digits passing Luhn, unless it
/// reads as two dates, a period written `2026.10.01-2026.10.31`).
public struct PersonalValueScanner: Sendable {
    /// The office's own published numbers (hotline, supervision phone), as digits: printed on purpose.
    let publicNumbers: Set<String>

    public init(publicNumbers: [String] = []) {
        self.publicNumbers = Set(publicNumbers.map { String(Self.normalised($0).filter(\.isASCIIDigit)) })
    }

    static let maskCharacters: Set<Character> = ["*", "×", "x", "X", "•", "✕", "╳"]

    /// NFKC (full-width digits and spaces become ASCII, ＊ becomes *), without format characters.
    static func normalised(_ text: String) -> [Character] {
        Array(PersonalDataScanner.normalised(text))
    }

    /// The first identifier in `value`, or nil.
    public func identifier(in value: String) -> PersonalDataKind? {
        // Most values hold no digit at all (a village, a category): nothing to look at.
        guard value.utf8.contains(where: { (0x30...0x39).contains($0) || $0 >= 0x80 }) else { return nil }
        let chars = Self.normalised(value)
        var i = 0
        while i < chars.count {
            guard chars[i].isASCIIDigit else { i += 1; continue }
            let (run, boundaries, end) = Self.run(chars, from: i)
            // A SHA-256 (a data fingerprint in the report's appendix) holds decimal runs by chance;
            // shorter digests are passed only in a digests column (`PublicationGuard.check(_:file:)`).
            if !PersonalDataScanner.isInsideHexDigest(chars, i, i + 1), let kind = firstKind(run, boundaries) { return kind }
            i = max(end, i + 1)
        }
        return nil
    }

    /// The run starting at `start` (a digit): its characters without separators, the offsets in it where
    /// separators stood (with 0 and its length), and the index in `chars` where it ended.
    static func run(_ chars: [Character], from start: Int) -> (run: [Character], boundaries: [Int], end: Int) {
        var run: [Character] = []
        var boundaries = [0]
        var i = start
        while i < chars.count {
            let c = chars[i]
            if c.isASCIIDigit || maskCharacters.contains(c) {
                run.append(c); i += 1
            } else if c.isLetter || c.isNumber {
                break
            } else {
                var j = i
                while j < chars.count, !chars[j].isLetter, !chars[j].isNumber, !maskCharacters.contains(chars[j]) { j += 1 }
                guard j < chars.count, chars[j].isASCIIDigit || maskCharacters.contains(chars[j]) else { break }
                boundaries.append(run.count)
                i = j
            }
        }
        // Mask characters after the last digit belong to no number (`12**` ends at 12).
        while let last = run.last, !last.isASCIIDigit, !(last == "X" || last == "x") { run.removeLast() }
        boundaries = boundaries.filter { $0 < run.count } + [run.count]
        return (run, boundaries, i)
    }

    /// Tries the whole run, then every stretch between two boundaries that is long enough to be an
    /// identifier, kind by kind (an 18-digit ID before a 16-digit card that its first digits may make). A stretch
    /// never starts or ends inside a date written in groups (2024.01.12-2024.02.05 holds no landline
    /// 0120240205), but may hold one whole (an ID's birth date in 640402 1980 01 01 0017).
    func firstKind(_ run: [Character], _ boundaries: [Int]) -> PersonalDataKind? {
        guard run.count >= 10 else { return nil }
        // The whole run first: most values hold one number, and it is named by its own kind (a card
        // holds stretches that read as a mobile).
        if run.count <= 19, let rule = Self.rules.first(where: { $0.matches(run) }) {
            return isPublic(run) ? nil : rule.kind
        }
        let inside = Self.insideDates(run, boundaries)
        let edges = inside.isEmpty ? boundaries : boundaries.filter { !inside.contains($0) }
        for rule in Self.rules {
            for (a, start) in edges.enumerated() {
                for end in edges[(a + 1)...] {
                    let length = end - start
                    if length < 10 { continue }
                    if length > 19 { break }
                    let window = Array(run[start..<end])
                    if rule.matches(window), !isPublic(window) { return rule.kind }
                }
            }
        }
        return nil
    }

    func isPublic(_ window: [Character]) -> Bool {
        !publicNumbers.isEmpty && publicNumbers.contains(String(window))
    }

    /// The boundaries that fall inside a date written in three groups (year, month, day).
    static func insideDates(_ run: [Character], _ boundaries: [Int]) -> Set<Int> {
        var inside = Set<Int>()
        guard boundaries.count >= 4 else { return inside }
        func number(_ k: Int) -> Int? { Int(String(run[boundaries[k]..<boundaries[k + 1]])) }
        func length(_ k: Int) -> Int { boundaries[k + 1] - boundaries[k] }
        for k in 0..<(boundaries.count - 3) where length(k) == 4 && length(k + 1) <= 2 && length(k + 2) <= 2 {
            guard let y = number(k), let m = number(k + 1), let d = number(k + 2), (1900...2199).contains(y),
                  CivilDate(year: y, month: m, day: d) != nil else { continue }
            inside.insert(boundaries[k + 1])
            inside.insert(boundaries[k + 2])
        }
        return inside
    }

    struct Rule: Sendable {
        let kind: PersonalDataKind
        let matches: @Sendable ([Character]) -> Bool
    }

    /// The rules in the order they are tried.
    static let rules: [Rule] = [
        Rule(kind: .idNumber, matches: { isIDNumber($0) || isMaskedID($0) }),
        Rule(kind: .mobile, matches: { isMobile(withoutCountryCode($0)) }),
        Rule(kind: .landline, matches: { w in
            w.allSatisfy(\.isASCIIDigit) && (10...12).contains(w.count) && w[0] == "0" && w[1] != "0"
        }),
        Rule(kind: .bankCard, matches: { w in
            w.allSatisfy(\.isASCIIDigit) && (16...19).contains(w.count) && PersonalDataScanner.luhn(w) && !readsAsTwoDates(w)
        }),
    ]

    /// An 18-character ID (17 digits and a check character that GB 11643 confirms, a real birth date)
    /// or a 15-digit one (a real birth date in the 1900s); a province code starts with 1–8.
    static func isIDNumber(_ w: [Character]) -> Bool {
        guard let first = w.first, ("1"..."8").contains(first) else { return false }
        if w.count == 18, w[0..<17].allSatisfy(\.isASCIIDigit), w[17].isASCIIDigit || w[17] == "X" || w[17] == "x",
           IDNumber.checkCharacter(for: w[0..<17].compactMap(\.asciiValue)) == Character(w[17].uppercased()) {
            return date(w[6..<14])
        }
        return w.count == 15 && w.allSatisfy(\.isASCIIDigit) && date(Array("19") + w[6..<12])
    }

    /// YYYYMMDD, a real date from 1900 to 2199.
    static func date(_ s: some Collection<Character>) -> Bool {
        let s = Array(s)
        guard s.count == 8, let y = Int(String(s[0..<4])), let m = Int(String(s[4..<6])), let d = Int(String(s[6..<8])) else { return false }
        return (1900...2199).contains(y) && CivilDate(year: y, month: m, day: d) != nil
    }

    /// 6 region digits, then 4–12 mask characters in one stretch (digits of the birth date may stand
    /// before them), then 3–4 final characters (digits, the last may be X): 640402********1235,
    /// 6404021980****0017, 640402xxxxxxxx1236.
    static func isMaskedID(_ w: [Character]) -> Bool {
        guard (13...18).contains(w.count), w[0..<6].allSatisfy(\.isASCIIDigit) else { return false }
        var body = w
        if let last = body.last, last == "X" || last == "x", body.dropLast().last?.isASCIIDigit == true {
            body[body.count - 1] = "0"
        }
        guard let maskStart = body.firstIndex(where: { maskCharacters.contains($0) }),
              let maskEnd = body.lastIndex(where: { maskCharacters.contains($0) }) else { return false }
        let masks = maskEnd - maskStart + 1
        let tail = body.count - maskEnd - 1
        guard (4...12).contains(masks), (3...4).contains(tail),
              body[maskStart...maskEnd].allSatisfy({ maskCharacters.contains($0) }),
              body[..<maskStart].allSatisfy(\.isASCIIDigit), body[(maskEnd + 1)...].allSatisfy(\.isASCIIDigit) else { return false }
        return body.count == 15 || body.count == 18 || (maskStart == 6 && masks <= 8)
    }

    static func withoutCountryCode(_ w: [Character]) -> [Character] {
        if w.count == 15, w.starts(with: Array("0086")) { return Array(w.dropFirst(4)) }
        if w.count == 13, w.starts(with: Array("86")) { return Array(w.dropFirst(2)) }
        return w
    }

    /// 11 characters, 1 then 3–9, the rest digits or mask characters with 7 or more digits in all.
    static func isMobile(_ w: [Character]) -> Bool {
        w.count == 11 && w[0] == "1" && "3456789".contains(w[1])
            && w.allSatisfy { $0.isASCIIDigit || maskCharacters.contains($0) } && w.count(where: \.isASCIIDigit) >= 7
    }

    /// Two 8-digit dates in a row (a period), which Luhn passes one time in ten.
    static func readsAsTwoDates(_ w: [Character]) -> Bool {
        w.count == 16 && date(w[0..<8]) && date(w[8..<16])
    }
}
