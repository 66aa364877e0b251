import Document

/// Layouts already made, by everything that shapes them. A notice table repeats most of its cell texts
/// (town, village, category, household size, amount): at 12,000 rows only about one cell in six is new
/// text, so sharing one immutable `TextLayout` between equal cells saves most of Pango's shaping and
/// line breaking. The cache is bounded so memory stays flat in the page count: when the recent
/// generation fills it becomes the older one and the previous older generation is dropped; a hit in the
/// older generation moves the layout back into the recent one, so texts that keep recurring stay while
/// one-off texts (row numbers) pass through.
struct LayoutCache {
    struct Key: Hashable {
        let text: String
        let role: FontRole
        let size: Double
        let bold: Bool
        let width: Double?
        let align: Alignment
        let indent: Double
        let name: Bool
        let keep: [Range<Int>]
        let boldRanges: [Range<Int>]
    }

    /// Layouts per generation; two generations at most are held.
    let capacity: Int
    private var recent: [Key: TextLayout] = [:]
    private var older: [Key: TextLayout] = [:]

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// The layout for `key`, made by `make` only when neither generation holds it.
    mutating func layout(_ key: Key, make: () -> TextLayout) -> TextLayout {
        if let layout = recent[key] { return layout }
        let layout = older[key] ?? make()
        if recent.count >= capacity {
            older = recent
            recent = [:]
        }
        recent[key] = layout
        return layout
    }
}
