import Store
@testable import Publish

// The name search as it was before it compared codes instead of Characters (commit a73eb6c's
// Sources/Publish/KnownNames.swift), kept unchanged as the reference that NameSearchDifferentialTests
// holds the production search to: Character comparison is canonical equivalence by definition.

struct ReferenceKnownNames {
    typealias Role = KnownNames.Role

    private let names: ReferencePrefixIndex<Role>
    private let places: ReferencePrefixIndex<Bool>

    /// `people`: each name with its role (a name held by several is reported by the first role);
    /// `places`: townships, villages, units and the district, whose names are public.
    init(_ people: [(name: String, role: Role)], places: some Sequence<String>) {
        var byName: [[Character]: Role] = [:]
        for (name, role) in people {
            let key = Self.folded(name)
            guard key.count >= 2 else { continue }
            byName[key] = min(byName[key] ?? role, role)
        }
        names = ReferencePrefixIndex(byName)
        var placeKeys: [[Character]: Bool] = [:]
        for place in places {
            let key = Self.folded(place)
            if key.count >= 2 { placeKeys[key] = true }
        }
        self.places = ReferencePrefixIndex(placeKeys)
    }

    /// Characters that may stand inside a name as typed without making it another name: middle dots
    /// of transliterated names and their look-alikes, hyphens, full stops, spaces.
    static let nameSeparators: Set<Character> = ["·", "•", ".", "・", "･", "‧", "-", "‐", "‑", "－", "．", "∙", "⋅"]

    /// A text as names are compared: NFKC, without format characters, spaces or name separators.
    static func folded(_ text: String) -> [Character] {
        PersonalDataScanner.normalised(text).filter { !$0.isWhitespace && !nameSeparators.contains($0) }
    }

    /// The role of the first known name in `text` that is not inside a place name.
    func firstName(in text: String) -> Role? {
        guard !names.isEmpty else { return nil }
        return firstName(inFolded: Self.folded(text))
    }

    func firstName(inFolded chars: [Character]) -> Role? {
        var hit: Role?
        names.forEachMatch(in: chars) { start, length, role in
            if places.covers(start, length, in: chars) { return true }
            hit = role
            return false
        }
        return hit
    }

    /// The role of the first known name in a rendered page's text (already normalised). A name
    /// separator or a lone space is taken out only between two letters, so that the cells of a table
    /// row, which the text separates by line breaks or wider gaps, are never read as one name.
    func firstName(inRenderedText chars: [Character]) -> Role? {
        guard !names.isEmpty else { return nil }
        var out: [Character] = []
        out.reserveCapacity(chars.count)
        for (k, c) in chars.enumerated() {
            if c == " " || c == "\t" || Self.nameSeparators.contains(c), k > 0, k + 1 < chars.count,
               chars[k - 1].isLetter, chars[k + 1].isLetter {
                continue
            }
            out.append(c)
        }
        return firstName(inFolded: out)
    }

    /// Without the names for which `isShown` is true (heads on the print channel, shown in full).
    func removing(where isShown: (Role) -> Bool) -> ReferenceKnownNames {
        ReferenceKnownNames(names: names.filter { !isShown($0) }, places: places)
    }

    /// Without any name found inside a shown name: where a list prints heads in full, a caller or staff
    /// member called 马花 cannot be told apart from the head 马花林 in the rendered text.
    func removingNames(foundIn shown: [String]) -> ReferenceKnownNames {
        let shownFolded = shown.map(Self.folded)
        var inside = Set<[Character]>()
        let index = names
        for s in shownFolded {
            index.forEachMatch(in: s) { start, length, _ in
                inside.insert(Array(s[start..<(start + length)])); return true
            }
        }
        return ReferenceKnownNames(names: names.filter(keys: { !inside.contains($0) }), places: places)
    }

    private init(names: ReferencePrefixIndex<Role>, places: ReferencePrefixIndex<Bool>) {
        self.names = names; self.places = places
    }
}

/// Strings indexed by their first two characters, compared in place: a common surname such as 马
/// starts thousands of names, and a district notice mentions it thousands of times.
struct ReferencePrefixIndex<Value> {
    private let byPrefix: [String: [([Character], Value)]]

    init(_ entries: [[Character]: Value]) {
        var byPrefix: [String: [([Character], Value)]] = [:]
        // Longest first, so that a match is the longest entry starting at a place.
        for (key, value) in entries.sorted(by: { $0.key.count != $1.key.count ? $0.key.count > $1.key.count : String($0.key) < String($1.key) })
        where key.count >= 2 {
            byPrefix[String(key[0..<2]), default: []].append((key, value))
        }
        self.byPrefix = byPrefix
    }

    private init(byPrefix: [String: [([Character], Value)]]) { self.byPrefix = byPrefix }

    var isEmpty: Bool { byPrefix.isEmpty }

    /// Calls `body` with every occurrence (start, length, value) in text order; `body` returns false to stop.
    func forEachMatch(in chars: [Character], _ body: (Int, Int, Value) -> Bool) {
        guard !byPrefix.isEmpty, chars.count >= 2 else { return }
        for k in 0..<(chars.count - 1) {
            guard let candidates = byPrefix[String(chars[k..<(k + 2)])] else { continue }
            for (key, value) in candidates where k + key.count <= chars.count
                && (2..<key.count).allSatisfy({ chars[k + $0] == key[$0] }) {
                if !body(k, key.count, value) { return }
            }
        }
    }

    /// Whether chars[start..<start+length] lies inside an occurrence of an entry.
    func covers(_ start: Int, _ length: Int, in chars: [Character]) -> Bool {
        guard !byPrefix.isEmpty else { return false }
        let from = max(0, start - 40)
        for k in from...start where k + 1 < chars.count {
            guard let candidates = byPrefix[String(chars[k..<(k + 2)])] else { continue }
            for (key, _) in candidates where k + key.count >= start + length && k + key.count <= chars.count
                && (2..<key.count).allSatisfy({ chars[k + $0] == key[$0] }) {
                return true
            }
        }
        return false
    }

    func filter(_ keep: (Value) -> Bool) -> ReferencePrefixIndex {
        ReferencePrefixIndex(byPrefix: byPrefix.compactMapValues { list in
            let kept = list.filter { keep($0.1) }
            return kept.isEmpty ? nil : kept
        })
    }

    func filter(keys keep: ([Character]) -> Bool) -> ReferencePrefixIndex {
        ReferencePrefixIndex(byPrefix: byPrefix.compactMapValues { list in
            let kept = list.filter { keep($0.0) }
            return kept.isEmpty ? nil : kept
        })
    }
}
