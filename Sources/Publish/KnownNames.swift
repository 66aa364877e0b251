import Foundation
import Store

/// The people the store knows, as the publication guard looks for them: a name is found in a text
/// whatever separators were typed inside it (阿依古丽·买买提, 阿依古丽•买买提, 阿依古丽.买买提,
/// 阿依古丽买买提, 张 三, 张\u{200B}三 are one name), and not where it is part of a known place
/// (a staff member 张易 inside the township 张易镇) — a place name is public, and a person who shares
/// its first characters is not in it.
public struct KnownNames: Sendable {
    /// Who a name belongs to, which a refusal says (never the name).
    public enum Role: Int, Sendable, Comparable, Hashable {
        case head, member, caller, staff

        public static func < (a: Role, b: Role) -> Bool { a.rawValue < b.rawValue }

        var chinese: String {
            switch self {
            case .head: "户主"
            case .member: "家庭成员"
            case .caller: "来电人"
            case .staff: "工作人员"
            }
        }
    }

    private let names: PrefixIndex<Role>
    private let places: PrefixIndex<Bool>
    private let codes: NameCodes

    /// `people`: each name with its role (a name held by several is reported by the first role);
    /// `places`: townships, villages, units and the district, whose names are public.
    public init(_ people: [(name: String, role: Role)], places: some Sequence<String>) {
        var byName: [[Character]: Role] = [:]
        for (name, role) in people {
            let key = Self.folded(name)
            guard key.count >= 2 else { continue }
            byName[key] = min(byName[key] ?? role, role)
        }
        var placeKeys = Set<[Character]>()
        for place in places {
            let key = Self.folded(place)
            if key.count >= 2 { placeKeys.insert(key) }
        }
        let codes = NameCodes(keys: Array(byName.keys) + Array(placeKeys))
        self.codes = codes
        names = PrefixIndex(byName.map { (codes.codes(ofKey: $0.key), $0.value) })
        self.places = PrefixIndex(placeKeys.map { (codes.codes(ofKey: $0), true) })
    }

    /// The store's people: household heads, members, callers (opened with the identity key) and staff.
    public static func people(_ people: PersonNames.People) -> [(name: String, role: Role)] {
        people.heads.map { ($0, Role.head) } + people.members.map { ($0, Role.member) } + people.callers.map { ($0, Role.caller) } + people.staff.map { ($0, Role.staff) }
    }

    /// Characters that may stand inside a name as typed without making it another name: middle dots
    /// of transliterated names and their look-alikes, hyphens, full stops, spaces.
    static let nameSeparators: Set<Character> = ["·", "•", ".", "・", "･", "‧", "-", "‐", "‑", "－", "．", "∙", "⋅"]
    /// The same as scalars, for texts read scalar by scalar (each one a simple scalar, see `NameCodes`).
    static let nameSeparatorScalars = Set(nameSeparators.flatMap(\.unicodeScalars).map(\.value))

    /// A text as names are compared: NFKC, without format characters, spaces or name separators.
    static func folded(_ text: String) -> [Character] {
        PersonalDataScanner.normalised(text).filter { !$0.isWhitespace && !nameSeparators.contains($0) }
    }

    /// `folded(text)` as codes, read scalar by scalar when every scalar is simple (a Character's
    /// `isWhitespace` is its first scalar's, so the two readings agree).
    func foldedCodes(_ text: String) -> [UInt32] {
        let normal = PersonalDataScanner.normalised(text)
        var out: [UInt32] = []
        out.reserveCapacity(normal.utf8.count)
        for s in normal.unicodeScalars {
            guard NameCodes.isSimple(s) else {
                return normal.compactMap { c in
                    c.isWhitespace || Self.nameSeparators.contains(c) ? nil : codes.code(c)
                }
            }
            if !s.properties.isWhitespace && !Self.nameSeparatorScalars.contains(s.value) { out.append(s.value) }
        }
        return out
    }

    /// The role of the first known name in `text` that is not inside a place name.
    public func firstName(in text: String) -> Role? {
        guard !names.isEmpty else { return nil }
        return firstName(inFolded: foldedCodes(text))
    }

    func firstName(inFolded text: [UInt32]) -> Role? {
        var hit: Role?
        names.forEachMatch(in: text) { start, length, role in
            if places.covers(start, length, in: text) { return true }
            hit = role
            return false
        }
        return hit
    }

    /// The role of the first known name in a rendered page's text (already normalised). A name
    /// separator or a lone space is taken out only between two letters, so that the cells of a table
    /// row, which the text separates by line breaks or wider gaps, are never read as one name.
    func firstName(inRenderedText normal: String) -> Role? {
        guard !names.isEmpty else { return nil }
        return firstName(inFolded: renderedCodes(normal))
    }

    /// A rendered text's codes, without the separators `firstName(inRenderedText:)` takes out. Read
    /// scalar by scalar when every scalar is simple (each is then a Character, and a Character's
    /// `isLetter` is its first scalar's `isAlphabetic`), Character by Character otherwise.
    func renderedCodes(_ normal: String) -> [UInt32] {
        let scalars = Array(normal.unicodeScalars)
        guard scalars.allSatisfy(NameCodes.isSimple) else {
            let chars = Array(normal)
            var out: [UInt32] = []
            out.reserveCapacity(chars.count)
            for (k, c) in chars.enumerated() {
                if c == " " || c == "\t" || Self.nameSeparators.contains(c), k > 0, k + 1 < chars.count,
                   chars[k - 1].isLetter, chars[k + 1].isLetter {
                    continue
                }
                out.append(codes.code(c))
            }
            return out
        }
        var out: [UInt32] = []
        out.reserveCapacity(scalars.count)
        for (k, s) in scalars.enumerated() {
            let v = s.value
            if v == 0x20 || v == 0x09 || Self.nameSeparatorScalars.contains(v), k > 0, k + 1 < scalars.count,
               Self.isLetter(scalars[k - 1]), Self.isLetter(scalars[k + 1]) {
                continue
            }
            out.append(v)
        }
        return out
    }

    /// `Character(s).isLetter` for a simple scalar, without the property lookup for ASCII and CJK.
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x41...0x5A, 0x61...0x7A: true
        case 0x00...0x7F: false
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0x20000...0x2A6DF: true
        default: s.properties.isAlphabetic
        }
    }

    /// Without the names for which `isShown` is true (heads on the print channel, shown in full).
    public func removing(where isShown: (Role) -> Bool) -> KnownNames {
        KnownNames(names: names.filter { !isShown($0) }, places: places, codes: codes)
    }

    /// Without any name found inside a shown name: where a list prints heads in full, a caller or staff
    /// member called 马花 cannot be told apart from the head 马花林 in the rendered text.
    public func removingNames(foundIn shown: [String]) -> KnownNames {
        var inside = Set<[UInt32]>()
        let index = names
        for s in shown.map(foldedCodes) {
            index.forEachMatch(in: s) { start, length, _ in
                inside.insert(Array(s[start..<(start + length)])); return true
            }
        }
        return KnownNames(names: names.filter(keys: { !inside.contains($0) }), places: places, codes: codes)
    }

    private init(names: PrefixIndex<Role>, places: PrefixIndex<Bool>, codes: NameCodes) {
        self.names = names; self.places = places; self.codes = codes
    }
}

/// Strings (as `NameCodes`) indexed by their first two characters, compared in place: a common
/// surname such as 马 starts thousands of names, and a district notice mentions it thousands of times.
struct PrefixIndex<Value: Sendable>: Sendable {
    private let byPrefix: [UInt64: [([UInt32], Value)]]

    init(_ entries: [([UInt32], Value)]) {
        var byPrefix: [UInt64: [([UInt32], Value)]] = [:]
        // Longest first, so that a match is the longest entry starting at a place.
        for (key, value) in entries.sorted(by: { $0.0.count != $1.0.count ? $0.0.count > $1.0.count : $0.0.lexicographicallyPrecedes($1.0) })
        where key.count >= 2 {
            byPrefix[Self.prefix(key, 0), default: []].append((key, value))
        }
        self.byPrefix = byPrefix
    }

    private init(byPrefix: [UInt64: [([UInt32], Value)]]) { self.byPrefix = byPrefix }

    private static func prefix(_ text: [UInt32], _ k: Int) -> UInt64 { UInt64(text[k]) << 32 | UInt64(text[k + 1]) }

    var isEmpty: Bool { byPrefix.isEmpty }

    /// Whether `key` stands in `text` at `k` (its first two codes are known to).
    private static func matches(_ key: [UInt32], at k: Int, in text: [UInt32]) -> Bool {
        var i = 2
        while i < key.count {
            if text[k + i] != key[i] { return false }
            i += 1
        }
        return true
    }

    /// Calls `body` with every occurrence (start, length, value) in text order; `body` returns false to stop.
    func forEachMatch(in text: [UInt32], _ body: (Int, Int, Value) -> Bool) {
        guard !byPrefix.isEmpty, text.count >= 2 else { return }
        for k in 0..<(text.count - 1) {
            guard let candidates = byPrefix[Self.prefix(text, k)] else { continue }
            for (key, value) in candidates where k + key.count <= text.count && Self.matches(key, at: k, in: text) {
                if !body(k, key.count, value) { return }
            }
        }
    }

    /// Whether text[start..<start+length] lies inside an occurrence of an entry.
    func covers(_ start: Int, _ length: Int, in text: [UInt32]) -> Bool {
        guard !byPrefix.isEmpty else { return false }
        let from = max(0, start - 40)
        for k in from...start where k + 1 < text.count {
            guard let candidates = byPrefix[Self.prefix(text, k)] else { continue }
            for (key, _) in candidates where k + key.count >= start + length && k + key.count <= text.count
                && Self.matches(key, at: k, in: text) {
                return true
            }
        }
        return false
    }

    func filter(_ keep: (Value) -> Bool) -> PrefixIndex {
        PrefixIndex(byPrefix: byPrefix.compactMapValues { list in
            let kept = list.filter { keep($0.1) }
            return kept.isEmpty ? nil : kept
        })
    }

    func filter(keys keep: ([UInt32]) -> Bool) -> PrefixIndex {
        PrefixIndex(byPrefix: byPrefix.compactMapValues { list in
            let kept = list.filter { keep($0.0) }
            return kept.isEmpty ? nil : kept
        })
    }
}
