import Document

/// Lays a `Document` out into positioned pages, one page at a time, so a 50,000-row notice never holds
/// more than one page of layouts. Every position is decided here; the PDF writer only draws.
public final class Typesetter {
    public let settings: PageSettings
    let fonts: FontSet
    /// Large enough to hold every distinct repeated cell text of a notice table with room for the
    /// one-off texts passing through; a few thousand short layouts are a few megabytes.
    private var layouts = LayoutCache(capacity: 2048)

    /// Refuses settings outside the limits of `PageSettings.check`, whether read from page.toml or
    /// built in code, so that no size reaches Pango that a box cannot hold.
    public init(settings: PageSettings) throws {
        do { try settings.check() } catch { throw TypesetError.invalidSettings(error) }
        self.settings = settings
        fonts = try FontSet(settings: settings)
    }

    /// The installed families each role resolved to, in chain order.
    public var fontFamilies: [FontRole: [String]] { fonts.families }

    /// Sets `document` and hands each finished page to `emit` before starting the next.
    public func typeset(_ document: Document, emit: (Page) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in try typeset(document, flow: Flow(typesetter: self, emit: emit)) }
    }

    /// Validates `document` first (`Document.validate()`), so no value in it can make layout trap.
    private func typeset(_ document: Document, flow: Flow) throws {
        try document.validate()
        if let catalogue = document.metadata.catalogue { try flow.placeCatalogue(catalogue) }
        try flow.placeTitle(document.metadata.titleSegments)
        var numbering = HeadingNumbering()
        for (index, block) in document.blocks.enumerated() {
            // Named as `checkCoverage` names them: "第 3 块（段落）".
            let at = "第 \(index + 1) 块"
            switch block {
            case .heading(let h):
                let next = index + 1 < document.blocks.count ? document.blocks[index + 1] : nil
                try flow.placeHeading(h, label: numbering.next(level: h.level), next: next, at: "\(at)（标题）")
            case .paragraph(let p): try flow.placeParagraph(p, at: "\(at)（段落）")
            case .keyFigures(let k): try flow.placeKeyFigures(k, at: at)
            case .table(let t): try flow.placeTable(t)
            case .chart(let c): try flow.placeChart(c, at: "\(at)（图表 \(c.title)）")
            case .note(let n): try flow.placeNote(n, at: "\(at)（注）")
            case .signature(let s): try flow.placeSignature(s, at: "\(at)（落款）")
            case .pageBreak: try flow.breakPage()
            }
        }
        try flow.finish()
    }

    /// All pages at once: for tests and short documents.
    public func pages(_ document: Document) throws -> [Page] {
        var pages: [Page] = []
        try typeset(document) { pages.append($0) }
        return pages
    }

    /// A laid-out text, shared with every earlier call with the same arguments: a layout is never
    /// changed once made, so equal cells can draw the same one.
    ///
    /// A name (`name`, or a middle-dot name found in the text), a date or a number with its unit
    /// (`NoBreak`) and each range of `keep` (a title's or heading's segments) stay on one line. When one of them is wider than the whole measure, it alone
    /// is broken, as a last resort, rather than run past the margin — except a name cell's, which the
    /// table gives a column wide enough (`Flow.columnEdges`), so that there it overflows and the
    /// caller's `Flow.fitted` refuses it.
    func layout(_ text: String, role: FontRole, size: Double, bold: Bool = false, width: Double?,
                align: Alignment = .left, indent: Double = 0, name: Bool = false, keep: [Range<Int>] = [],
                boldRanges: [Range<Int>] = []) -> TextLayout {
        let key = LayoutCache.Key(text: text, role: role, size: size, bold: bold, width: width, align: align,
                                  indent: indent, name: name, keep: keep, boldRanges: boldRanges)
        return layouts.layout(key) {
            func make(_ noBreak: [Range<Int>]) -> TextLayout {
                TextLayout(fonts: fonts, text: text, role: role, size: size, bold: bold, width: width, align: align,
                           indent: indent, noBreak: noBreak, boldRanges: boldRanges)
            }
            let together = name ? [0..<text.utf8.count] : TextLayout.middleDotNames(in: text) + NoBreak.utf8Ranges(in: text) + keep
            let layout = make(together)
            guard let width, !name, !together.isEmpty, layout.widestLine > width + 0.01 else { return layout }
            let measure = width - max(0, indent), utf8 = Array(text.utf8)
            return make(together.filter { range in
                range.clamped(to: 0..<utf8.count) == range
                    && naturalWidth(String(decoding: utf8[range], as: UTF8.self), role: role, size: size, bold: bold) <= measure
            })
        }
    }

    /// The width of `text` set on one line, measured outside the cache: for widths asked once (a
    /// table's names before its columns are set), which would otherwise push out layouts that recur.
    func naturalWidth(_ text: String, role: FontRole, size: Double, bold: Bool = false) -> Double {
        TextLayout(fonts: fonts, text: text, role: role, size: size, bold: bold, width: nil).widestLine
    }
}
