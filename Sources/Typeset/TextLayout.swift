import CPangoCairo
import Document

/// One Pango layout, already broken into lines. Typesetting creates it and reads its lines; drawing
/// only shows the lines at the positions typesetting chose.
public final class TextLayout {
    let pointer: OpaquePointer
    let string: String
    /// Per line: the x offset inside the layout (alignment, indent) and the logical width, in points.
    let lineOffsets: [Double]
    public let lineWidths: [Double]

    /// `noBreak` are UTF-8 byte ranges that must stay on one line (names such as 阿依古丽·买买提);
    /// `bold` are byte ranges set bold (emphasis).
    init(fonts: FontSet, text: String, role: FontRole, size: Double, bold: Bool = false, width: Double?,
         align: Alignment = .left, indent: Double = 0, noBreak: [Range<Int>] = [], boldRanges: [Range<Int>] = []) {
        pointer = pango_layout_new(fonts.context)
        string = text
        pango_layout_set_font_description(pointer, fonts.description(role, size: size, bold: bold))
        if let width {
            // At least one Pango unit: 0 or less would mean "no width" and never wrap.
            pango_layout_set_width(pointer, max(1, TextLayout.pangoUnits(width)))
            pango_layout_set_wrap(pointer, PANGO_WRAP_WORD_CHAR)
        }
        switch align {
        case .left: pango_layout_set_alignment(pointer, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(pointer, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(pointer, PANGO_ALIGN_RIGHT)
        }
        if indent != 0 { pango_layout_set_indent(pointer, TextLayout.pangoUnits(indent, rounding: .toNearestOrAwayFromZero)) }
        if !noBreak.isEmpty || !boldRanges.isEmpty {
            let attributes = pango_attr_list_new()
            // The `!`s below unwrap what C declares nullable but GLib never returns as NULL: its
            // allocator aborts the process on out-of-memory instead. No input reaches them.
            for range in noBreak {
                let a = pango_attr_allow_breaks_new(0)!
                a.pointee.start_index = guint(clamping: range.lowerBound)
                a.pointee.end_index = guint(clamping: range.upperBound)
                pango_attr_list_insert(attributes, a)
            }
            for range in boldRanges {
                let a = pango_attr_weight_new(PANGO_WEIGHT_BOLD)!
                a.pointee.start_index = guint(clamping: range.lowerBound)
                a.pointee.end_index = guint(clamping: range.upperBound)
                pango_attr_list_insert(attributes, a)
            }
            pango_layout_set_attributes(pointer, attributes)
            pango_attr_list_unref(attributes)
        }
        pango_layout_set_text(pointer, text, Int32(clamping: text.utf8.count))

        var offsets: [Double] = [], widths: [Double] = []
        let iter = pango_layout_get_iter(pointer)
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            offsets.append(Double(logical.x) / Double(PANGO_SCALE))
            widths.append(Double(logical.width) / Double(PANGO_SCALE))
        } while pango_layout_iter_next_line(iter) != 0
        pango_layout_iter_free(iter)
        lineOffsets = offsets
        lineWidths = widths
    }

    deinit { g_object_unref(UnsafeMutableRawPointer(pointer)) }

    public var lineCount: Int { lineOffsets.count }

    /// The width of the widest line: more than the width the layout was given when something kept
    /// on one line (a name) is wider, which callers refuse rather than draw over a neighbour.
    public var widestLine: Double { lineWidths.max() ?? 0 }

    /// The characters of line `index`, as the reader sees them break; empty for a line that does not exist.
    public func text(ofLine index: Int) -> String {
        guard let line = pangoLine(index)?.pointee else { return "" }
        let utf8 = Array(string.utf8)
        let start = min(utf8.count, max(0, Int(line.start_index)))
        return String(decoding: utf8[start..<min(utf8.count, start + max(0, Int(line.length)))], as: UTF8.self)
    }

    /// How many glyphs drawing line `index` puts into a PDF: Pango's Cairo renderer passes every glyph
    /// of the line's runs to Cairo except empty ones (PANGO_GLYPH_EMPTY, a line break's) and unknown
    /// ones (drawn as boxes, never reached: coverage is checked before anything is drawn). The PDF writer
    /// counts the same glyphs in Cairo's content stream to know which cell a glyph belongs to.
    public func glyphCount(ofLine index: Int) -> Int {
        var count = 0
        var node = pangoLine(index)?.pointee.runs
        while let run = node {
            if let glyphs = run.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self).pointee.glyphs?.pointee,
               let infos = glyphs.glyphs {
                for i in 0..<Int(max(0, glyphs.num_glyphs)) {
                    let glyph = infos[i].glyph
                    if glyph != Self.emptyGlyph && glyph & Self.unknownGlyphFlag == 0 { count += 1 }
                }
            }
            node = run.pointee.next
        }
        return count
    }

    /// PANGO_GLYPH_EMPTY and PANGO_GLYPH_UNKNOWN_FLAG (C macros Swift does not import).
    static let emptyGlyph: PangoGlyph = 0x0FFF_FFFF, unknownGlyphFlag: PangoGlyph = 0x1000_0000

    public func pangoLine(_ index: Int) -> UnsafeMutablePointer<PangoLayoutLine>? {
        guard (0..<lineCount).contains(index) else { return nil }
        return pango_layout_get_line_readonly(pointer, Int32(index))
    }

    /// Points in Pango units, clamped to what Pango can hold: page.toml is validated long before a
    /// size gets here (`PageSettings.check`), so the clamp only keeps a conversion from ever trapping.
    static func pangoUnits(_ points: Double, rounding: FloatingPointRoundingRule = .down) -> Int32 {
        let units = (points * Double(PANGO_SCALE)).rounded(rounding)
        guard units.isFinite else { return 0 }
        return Int32(max(Double(Int32.min), min(Double(Int32.max), units)))
    }

    /// How many characters either side of a middle dot are kept with it in free text.
    static let nameReach = 4

    /// Byte ranges of names joined by a middle dot (阿依古丽·买买提) in free text: Pango would break at
    /// the dot. Running Chinese has no spaces to say where a name starts, so a range reaches at most
    /// `nameReach` letters either side of the dot — a transliterated name's parts are rarely longer —
    /// rather than over the whole run of ideographs around it, which left a paragraph with no break at
    /// all (one line running off the page). Ranges of a name with two dots overlap, which keeps it whole.
    static func middleDotNames(in text: String) -> [Range<Int>] {
        let dots: Set<Unicode.Scalar> = ["\u{00B7}", "\u{30FB}", "\u{2022}", "\u{2027}"]
        guard containsMiddleDot(text) else { return [] }
        let scalars = Array(text.unicodeScalars)
        var offsets = [0]
        for scalar in scalars { offsets.append((offsets.last ?? 0) + scalar.utf8.count) }
        func isLetter(_ i: Int) -> Bool {
            !dots.contains(scalars[i]) && (scalars[i].properties.isIdeographic || scalars[i].properties.isAlphabetic)
        }
        var ranges: [Range<Int>] = []
        for (dot, scalar) in scalars.enumerated() where dots.contains(scalar) {
            var first = dot, last = dot
            while first > 0 && dot - first < nameReach && isLetter(first - 1) { first -= 1 }
            while last + 1 < scalars.count && last - dot < nameReach && isLetter(last + 1) { last += 1 }
            if first < dot && last > dot { ranges.append(offsets[first]..<offsets[last + 1]) }
        }
        return ranges
    }

    /// Whether `text` holds U+00B7, U+30FB, U+2022 or U+2027, read from its UTF-8 bytes (C2 B7, E3 83 BB,
    /// E2 80 A2, E2 80 A7): every cell of a table is asked, and almost none has one.
    static func containsMiddleDot(_ text: String) -> Bool {
        var last2: UInt8 = 0, last1: UInt8 = 0
        for byte in text.utf8 {
            switch (last2, last1, byte) {
            case (_, 0xC2, 0xB7), (0xE3, 0x83, 0xBB), (0xE2, 0x80, 0xA2), (0xE2, 0x80, 0xA7): return true
            default: (last2, last1) = (last1, byte)
            }
        }
        return false
    }
}
