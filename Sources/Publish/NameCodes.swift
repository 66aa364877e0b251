/// Texts as the name search compares them: one `UInt32` code per Character, so that a search compares
/// integers instead of grapheme clusters (the stdlib's Character comparison normalises both sides at
/// every step, which made the guard's name search a fifth of a month's publication).
///
/// Equal codes mean equal Characters, exactly as `Character ==` (canonical equivalence) decides:
/// - a *simple* scalar — one that is always a Character of its own whatever stands beside it and is
///   its own canonical composition (ASCII, CJK ideographs, Latin letters, common punctuation and
///   symbols) — is its own code, so most texts are coded scalar by scalar without forming Characters;
/// - any other Character of a name or a place (é written as e + U+0301, an emoji, a Hangul syllable
///   of jamo) gets a code above the scalars, looked up by Character, so a canonically equivalent
///   spelling in a text finds the same code (or the simple scalar it is equivalent to);
/// - any other Character of a text, equal to no Character of a name or place, gets `unmatched`.
struct NameCodes: Sendable {
    /// A code that no name or place holds.
    static let unmatched: UInt32 = .max

    /// The Characters of names and places, with their codes: the simple ones are kept too, so that a
    /// text's decomposed spelling of one (e + U+0301 for é) finds its code by Character equality.
    private let clusters: [Character: UInt32]

    /// `keys`: every name and place as Characters (already normalised and folded).
    init(keys: some Sequence<[Character]>) {
        var simple = Set<Character>(), other = Set<Character>()
        for key in keys {
            for c in key { if Self.simpleScalar(of: c) != nil { simple.insert(c) } else { other.insert(c) } }
        }
        var clusters: [Character: UInt32] = [:]
        // Simple Characters first: a composed spelling in a name (U+00E9) and a decomposed one in
        // the same or another name (e + U+0301) share the simple scalar's code.
        for c in simple { if let s = Self.simpleScalar(of: c) { clusters[c] = s.value } }
        var next: UInt32 = 0x11_0000
        for c in other.sorted(by: { String($0).unicodeScalars.lexicographicallyPrecedes(String($1).unicodeScalars) })
        where clusters[c] == nil {
            clusters[c] = next; next += 1
        }
        self.clusters = clusters
    }

    /// The code of one Character.
    func code(_ c: Character) -> UInt32 {
        if let s = Self.simpleScalar(of: c) { return s.value }
        return clusters[c] ?? Self.unmatched
    }

    /// A name or place as codes.
    func codes(ofKey key: [Character]) -> [UInt32] { key.map(code) }

    /// The scalar of a Character that is a simple scalar.
    static func simpleScalar(of c: Character) -> Unicode.Scalar? {
        let scalars = c.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex, isSimple(first) else { return nil }
        return first
    }

    /// Whether `s` is always a Character of its own (its Grapheme_Cluster_Break is Other or Control but
    /// not CR, so no neighbour joins it) and stands for itself under canonical equivalence (no singleton
    /// decomposition, nothing composes with it). The ranges are deliberately narrow: whatever lies
    /// outside takes the Character path, which is slower but exact.
    static func isSimple(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x0C, 0x0E...0x7F: true
        case 0xA0...0xAC, 0xAE...0x2FF: true                // Latin-1 and Latin Extended, not the soft hyphen
        case 0x2010...0x2027, 0x2030...0x205E: true       // dashes, quotes, bullets, middle dots
        case 0x2190...0x22FF, 0x2460...0x27BF: true       // arrows, mathematical operators, enclosed digits, shapes
        case 0x3000...0x3029, 0x3030...0x303F: true       // CJK punctuation, not the tone marks U+302A–302F
        case 0x3041...0x3096, 0x309B...0x30FF: true       // kana, not the combining sound marks U+3099–309A
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: true       // CJK unified ideographs
        case 0xFF01...0xFF9D: true                         // full-width forms, not the half-width sound marks
        case 0x20000...0x2A6DF: true                       // CJK extension B (𠮷)
        default: false
        }
    }
}
