import Foundation
import GongkaiCore

/// Finds personal identifiers in text as a careless clerk might have typed them: full-width digits,
/// digits grouped by spaces, dashes or dots, a zero-width space inside, a +86 prefix.
///
/// The text is normalised first (NFKC turns full-width digits and spaces into ASCII; format characters
/// such as U+200B are removed). Digits then form *tokens*: runs of digits, `*` and X, where a single
/// separator (space, dash, dot, middle dot, slash, underscore) may stand between two groups. A token is
/// reported when
/// - one of its groups, as it stands, looks like an ID number (15 or 18 characters, masked or not), a
///   mobile number (11 digits 13–19, masked or not, optionally after 86/0086) or a bank card (16–19
///   digits); or
/// - its groups joined make a valid ID number (GB 11643 check character and birth date) in a grouping
///   whose groups have 3 or more characters, a mobile number in one of the groupings people write
///   (3-4-4, 3-8, 7-4, with or without a country code), a masked ID grouped the same way, or a bank
///   card grouped in fours (the last group shorter): Luhn-valid, or printed with spaces or dashes.
/// The validation on joined tokens is what keeps numeric tables (a row of counts separated by single
/// spaces) from raising false alarms.
enum PersonalDataScanner {
    /// NFKC, without format characters (zero-width spaces and joiners, soft hyphens, BOMs, bidi marks).
    static func normalised(_ text: String) -> String {
        // Printable ASCII is its own normal form (amounts, dates, counts: most cells of a notice).
        if text.utf8.allSatisfy({ (0x20...0x7E).contains($0) }) { return text }
        var scalars = String.UnicodeScalarView()
        for s in text.precomposedStringWithCompatibilityMapping.unicodeScalars where s.properties.generalCategory != .format {
            scalars.append(s)
        }
        return String(scalars)
    }

    /// One of these may stand between two groups of a number. Brackets and full-width commas too:
    /// `(0954)1234567`, `640402，19800101，0017`; a cell boundary in the rendered text is a line break,
    /// a wider gap, a tab (between a workbook's cells) or an ASCII comma (CSV), never one of these.
    static let separators: Set<Character> = [" ", "-", "‐", "‑", "–", "—", ".", "·", "_", "/", "\u{00A0}",
                                             "(", ")", "，", "、"]

    /// The first identifier in already normalised text.
    static func firstIdentifier(in chars: [Character], publicNumbers: Set<String> = []) -> PersonalDataKind? {
        var i = 0
        while i < chars.count {
            guard chars[i].isTokenCharacter, !(chars[i] == "X" || chars[i] == "x") || (i > 0 && chars[i - 1].isASCIIDigitOrStar) else {
                i += 1; continue
            }
            if startsInsideHexWord(chars, i) {
                while i < chars.count && chars[i].isHexDigit && chars[i].isASCII { i += 1 }
                continue
            }
            var groups: [String] = []
            var separatorsUsed = Set<Character>()
            var j = i, group = ""
            while j < chars.count {
                if chars[j].isTokenCharacter {
                    group.append(chars[j]); j += 1
                } else if separators.contains(chars[j]), !group.isEmpty, j + 1 < chars.count, chars[j + 1].isASCIIDigitOrStar,
                          !startsInsideHexWord(chars, j + 1) {
                    // A hex word after the separator (a table's count, then a digest prefix) is not
                    // part of this number.
                    separatorsUsed.insert(chars[j])
                    groups.append(group); group = ""; j += 1
                } else {
                    break
                }
            }
            if !group.isEmpty { groups.append(group) }
            if !isInsideHexDigest(chars, i, j),
               let kind = identifier(groups, separators: separatorsUsed, publicNumbers: publicNumbers) {
                return kind
            }
            i = max(j, i + 1)
        }
        return nil
    }

    static func identifier(_ groups: [String], separators: Set<Character> = [], publicNumbers: Set<String> = []) -> PersonalDataKind? {
        for g in groups where !publicNumbers.contains(g) { if let kind = standalone(g) { return kind } }
        guard groups.count > 1 else { return nil }
        // All the groups, then every run of 6 down to 2 neighbouring groups, since a comma or a bracket
        // may stand between two numbers as well as inside one (12349，0954-2031234). The office's own
        // published numbers are not personal.
        let cardLayout = separators.isSubset(of: [" ", "-"])
        func check(_ slice: ArraySlice<String>) -> PersonalDataKind? {
            publicNumbers.contains(slice.joined()) ? nil : joined(Array(slice), cardLayout: cardLayout)
        }
        if let kind = check(groups[...]) { return kind }
        for length in stride(from: min(groups.count - 1, 6), through: 2, by: -1) {
            for start in 0...(groups.count - length) {
                if let kind = check(groups[start..<(start + length)]) { return kind }
            }
        }
        return nil
    }

    /// A run without separators, judged as before: any 15/18-character run that starts with a digit and
    /// holds 4 or more digits is ID-like (masked forms included).
    static func standalone(_ run: String) -> PersonalDataKind? {
        let chars = Array(run)
        let digits = chars.filter(\.isASCIIDigit).count
        if (chars.count == 18 || chars.count == 15), digits >= 4, chars.first?.isASCIIDigit == true,
           !chars.dropLast().contains(where: { $0 == "X" || $0 == "x" }) {
            return .idNumber
        }
        if isMobile(withoutCountryCode(chars)) { return .mobile }
        if (16...19).contains(chars.count), digits == chars.count { return .bankCard }
        if isLandline(chars) { return .landline }
        return nil
    }

    /// 0, a 2–3-digit area code and 7–8 digits: 09542031234, 01012345678.
    static func isLandline(_ chars: [Character]) -> Bool {
        (10...12).contains(chars.count) && chars[0] == "0" && chars[1] != "0" && chars.allSatisfy(\.isASCIIDigit)
    }

    /// `cardLayout`: grouped by spaces or dashes, the way cards are printed; such a run of fours is a
    /// card even when the Luhn check fails (a mistyped card is still a card).
    static func joined(_ groups: [String], cardLayout: Bool) -> PersonalDataKind? {
        let all = Array(groups.joined())
        let lengths = groups.map(\.count)
        let digits = all.filter(\.isASCIIDigit).count
        let hasStars = all.contains { $0 == "*" || $0 == "×" || $0 == "•" }
        // ID numbers: groups of 3+ (the last may be shorter: 6404 0219 8001 0100 17).
        if all.count == 18 || all.count == 15, lengths.dropLast().allSatisfy({ $0 >= 3 }) {
            if hasStars, digits >= 4, all.first?.isASCIIDigit == true { return .idNumber }
            if all.count == 18, (try? IDNumber(validating: String(all))) != nil { return .idNumber }
        }
        // Mobile numbers, with an optional 86 / 0086 group in front.
        var phoneGroups = lengths
        if let first = groups.first, first == "86" || first == "0086" { phoneGroups.removeFirst() }
        let phone = withoutCountryCode(all)
        if isMobile(phone), [[3, 4, 4], [3, 8], [7, 4], [4, 3, 4]].contains(phoneGroups)
            || (phoneGroups.count == 1 && phoneGroups[0] == 11) {
            return .mobile
        }
        // Landlines: an area code of 3–4 characters starting with 0, then 7–8 digits (0954-2031234).
        if lengths.count == 2, (3...4).contains(lengths[0]), (7...8).contains(lengths[1]), isLandline(all) { return .landline }
        // Bank cards in fours, Luhn-valid.
        if (16...19).contains(all.count), digits == all.count, lengths.dropLast().allSatisfy({ $0 == 4 }),
           (1...4).contains(lengths.last ?? 0), cardLayout || luhn(all) {
            return .bankCard
        }
        return nil
    }

    static func withoutCountryCode(_ chars: [Character]) -> [Character] {
        if chars.count == 15, chars.starts(with: Array("0086")) { return Array(chars.dropFirst(4)) }
        if chars.count == 13, chars.starts(with: Array("86")) { return Array(chars.dropFirst(2)) }
        return chars
    }

    /// 11 characters, 1 then 3–9, the rest digits or `*` with 7 or more digits (139****5678).
    static func isMobile(_ chars: [Character]) -> Bool {
        chars.count == 11 && chars[0] == "1" && "3456789".contains(chars[1])
            && chars.allSatisfy(\.isASCIIDigitOrStar) && chars.filter(\.isASCIIDigit).count >= 7
    }

    static func luhn(_ digits: [Character]) -> Bool {
        var sum = 0
        for (k, c) in digits.reversed().enumerated() {
            guard let d = c.wholeNumberValue else { return false }
            sum += k % 2 == 1 ? (d * 2 > 9 ? d * 2 - 9 : d * 2) : d
        }
        return sum % 10 == 0
    }

    /// Whether chars[start] begins inside a hex word of the rendered text: a word of 8 or more hex
    /// characters with a letter a–f among them, standing alone (the 12-character digest prefixes of the
    /// report's data appendix, the SHA-256s of the index). Decimal runs occur in them by chance:
    /// odd-district seeds 167, 384 and 483 held an 11-digit "mobile" inside a digest prefix. Values
    /// from data never get this leniency: the first net checks them before they are typeset, and
    /// passes only a digests column's hex (`Column.digests`).
    static func startsInsideHexWord(_ chars: [Character], _ start: Int) -> Bool {
        var a = start, b = start
        while a > 0 && chars[a - 1].isHexDigit && chars[a - 1].isASCII { a -= 1 }
        while b < chars.count && chars[b].isHexDigit && chars[b].isASCII { b += 1 }
        if b - a >= 32 { return true }
        let letters = chars[a..<b].count { !$0.isASCIIDigit }
        let alone = (a == 0 || !(chars[a - 1].isASCII && (chars[a - 1].isLetter || chars[a - 1].isNumber)))
            && (b == chars.count || !(chars[b].isASCII && (chars[b].isLetter || chars[b].isNumber)))
        return b - a >= 8 && letters >= 1 && alone
    }

    /// Whether chars[start..<end] lies inside a run of 32 or more hex digits: a SHA-256 in the index
    /// or manifest, where 18 decimal digits in a row occur by chance.
    static func isInsideHexDigest(_ chars: [Character], _ start: Int, _ end: Int) -> Bool {
        var a = start, b = end
        while a > 0 && chars[a - 1].isHexDigit { a -= 1 }
        while b < chars.count && chars[b].isHexDigit { b += 1 }
        return b - a >= 32
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    /// A digit or a mask character (`*`, `×`, `•`): 640402××××××××1235 is a masked ID.
    var isASCIIDigitOrStar: Bool { isASCIIDigit || self == "*" || self == "×" || self == "•" }
    var isTokenCharacter: Bool { isASCIIDigitOrStar || self == "X" || self == "x" }
}
