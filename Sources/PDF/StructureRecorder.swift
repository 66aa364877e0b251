import Typeset

/// The structure tree of a tagged PDF, recorded while Cairo draws the pages untagged: the elements
/// (`StructureRole`s of the page items, in the order they open) and, per page, which element each
/// run of text belongs to, counted in glyphs. `MarkedContent` finds those glyphs in Cairo's content
/// stream and marks them; `StructureTreeWriter` writes the elements. Cairo 1.16 can tag the PDF itself
/// (`cairo_tag_begin`), but ends the text object at every element and handles the tags in both of its
/// passes: tagging through it made a 12,000-row notice 3.5× slower.
///
/// Kept compact (a few bytes an element): a 50,000-row notice has some 400,000 elements, and the
/// recorder holds them until the file's end, where the elements are written.
struct StructureRecorder {
    /// A run of glyphs on the current page that belongs to one element (`artifact`: to none: page
    /// furniture such as the page number).
    struct Run {
        var element: Int32
        var glyphs: Int
        /// The element's structure type (an index into `tags`), for its `BDC`.
        var kind: UInt8
    }

    static let artifact: Int32 = -1

    /// Each element's structure type, as an index into `tags`.
    private(set) var kinds: [UInt8] = []
    /// Each element's parent; -1 for the top (the `Document` element the writer adds).
    private(set) var parents: [Int32] = []
    /// Each element's page, 0-based: `Flow` closes every element at a page's end and opens it again on
    /// the next page, so no element spans two pages.
    private(set) var pages: [Int32] = []
    /// The Alt text of each figure element.
    private(set) var alts: [Int32: String] = [:]
    /// The current page's runs, in drawing order.
    private(set) var runs: [Run] = []
    private var open: [Int32] = []
    /// Whether each open element has got text or a child: one that closes with neither gets an empty
    /// run, so that it still has marked content (as an empty table cell had with Cairo's tags).
    private var filled: [Bool] = []
    private var page: Int32 = 0

    /// The PDF structure types, in the order of `kind(of:)`.
    static let tags = ["H1", "H2", "H3", "H4", "H5", "H6", "P", "Table", "Caption", "TR", "TH", "TD", "Figure"]
    static let headerCell = UInt8(10), figure = UInt8(12)

    static func kind(of role: StructureRole) -> UInt8 {
        switch role {
        case .heading(let level): UInt8(min(6, max(1, level)) - 1)
        case .paragraph: 6
        case .table: 7
        case .caption: 8
        case .row: 9
        case .headerCell: headerCell
        case .dataCell: 11
        case .figure: figure
        }
    }

    var count: Int { kinds.count }

    mutating func begin(_ role: StructureRole) {
        let element = Int32(kinds.count)
        kinds.append(Self.kind(of: role))
        parents.append(open.last ?? -1)
        pages.append(page)
        if case .figure(let alt) = role { alts[element] = alt }
        if !filled.isEmpty { filled[filled.count - 1] = true }
        open.append(element)
        filled.append(false)
    }

    mutating func end() {
        guard let element = open.popLast(), let got = filled.popLast() else { return }
        if !got { runs.append(Run(element: element, glyphs: 0, kind: kinds[Int(element)])) }
    }

    /// A line of `glyphs` glyphs drawn inside the innermost open element (or outside every element).
    mutating func text(glyphs: Int) {
        let element = open.last ?? Self.artifact
        if !filled.isEmpty { filled[filled.count - 1] = true }
        if let last = runs.last, last.element == element {
            runs[runs.count - 1].glyphs += glyphs
        } else {
            runs.append(Run(element: element, glyphs: glyphs, kind: element < 0 ? 0 : kinds[Int(element)]))
        }
    }

    /// The runs of the page just drawn, and a fresh list for the next one. Elements still open are
    /// closed (`Flow` closes all of them at a page's end; this keeps the recorder balanced).
    mutating func finishPage() -> [Run] {
        while !open.isEmpty { end() }
        defer { runs = []; page += 1 }
        return runs
    }
}
