import Document

/// Lays a `Document` out into positioned pages, one page at a time, so a 50,000-row notice never holds
/// more than one page of layouts. Every position is decided here; the PDF writer only draws.
public final class Typesetter {
    public let settings: PageSettings
    let fonts: FontSet
    /// Large enough to hold every distinct repeated cell text of a notice table with room for the
    /// one-off texts passing through; a few thousand short layouts are a few megabytes.
    private var layouts = LayoutCache(capacity: 2048)

    public init(settings: PageSettings) throws {
        self.settings = settings
        fonts = try FontSet(settings: settings)
    }

    /// The installed families each role resolved to, in chain order.
    public var fontFamilies: [FontRole: [String]] { fonts.families }

    /// Sets `document` and hands each finished page to `emit` before starting the next.
    public func typeset(_ document: Document, emit: (Page) throws -> Void) throws {
        try withoutActuallyEscaping(emit) { emit in try typeset(document, flow: Flow(typesetter: self, emit: emit)) }
    }

    private func typeset(_ document: Document, flow: Flow) throws {
        try flow.placeTitle(document.metadata.title)
        var numbering = HeadingNumbering()
        for (index, block) in document.blocks.enumerated() {
            switch block {
            case .heading(let h):
                let next = index + 1 < document.blocks.count ? document.blocks[index + 1] : nil
                try flow.placeHeading(h, label: numbering.next(level: h.level), next: next)
            case .paragraph(let p): try flow.placeParagraph(p)
            case .keyFigures(let k): try flow.placeKeyFigures(k)
            case .table(let t): try flow.placeTable(t)
            case .chart(let c): try flow.placeChart(c)
            case .note(let n): try flow.placeNote(n)
            case .signature(let s): try flow.placeSignature(s)
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
    func layout(_ text: String, role: FontRole, size: Double, bold: Bool = false, width: Double?,
                align: Alignment = .left, indent: Double = 0, name: Bool = false,
                boldRanges: [Range<Int>] = []) -> TextLayout {
        let key = LayoutCache.Key(text: text, role: role, size: size, bold: bold, width: width, align: align,
                                  indent: indent, name: name, boldRanges: boldRanges)
        return layouts.layout(key) {
            let noBreak = name ? [0..<text.utf8.count] : TextLayout.middleDotNames(in: text)
            return TextLayout(fonts: fonts, text: text, role: role, size: size, bold: bold, width: width, align: align,
                              indent: indent, noBreak: noBreak, boldRanges: boldRanges)
        }
    }
}
