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
            pango_layout_set_width(pointer, Int32((width * Double(PANGO_SCALE)).rounded(.down)))
            pango_layout_set_wrap(pointer, PANGO_WRAP_WORD_CHAR)
        }
        switch align {
        case .left: pango_layout_set_alignment(pointer, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(pointer, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(pointer, PANGO_ALIGN_RIGHT)
        }
        if indent != 0 { pango_layout_set_indent(pointer, Int32((indent * Double(PANGO_SCALE)).rounded())) }
        if !noBreak.isEmpty || !boldRanges.isEmpty {
            let attributes = pango_attr_list_new()
            for range in noBreak {
                let a = pango_attr_allow_breaks_new(0)!
                a.pointee.start_index = guint(range.lowerBound)
                a.pointee.end_index = guint(range.upperBound)
                pango_attr_list_insert(attributes, a)
            }
            for range in boldRanges {
                let a = pango_attr_weight_new(PANGO_WEIGHT_BOLD)!
                a.pointee.start_index = guint(range.lowerBound)
                a.pointee.end_index = guint(range.upperBound)
                pango_attr_list_insert(attributes, a)
            }
            pango_layout_set_attributes(pointer, attributes)
            pango_attr_list_unref(attributes)
        }
        pango_layout_set_text(pointer, text, Int32(text.utf8.count))

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

    /// The characters of line `index`, as the reader sees them break.
    public func text(ofLine index: Int) -> String {
        let line = pango_layout_get_line_readonly(pointer, Int32(index))!.pointee
        let utf8 = Array(string.utf8)
        let start = Int(line.start_index)
        return String(decoding: utf8[start..<min(utf8.count, start + Int(line.length))], as: UTF8.self)
    }

    public func pangoLine(_ index: Int) -> UnsafeMutablePointer<PangoLayoutLine> {
        pango_layout_get_line_readonly(pointer, Int32(index))
    }

    /// Byte ranges of names joined by a middle dot (阿依古丽·买买提) in free text: Pango would break there.
    static func middleDotNames(in text: String) -> [Range<Int>] {
        let dots: Set<Unicode.Scalar> = ["\u{00B7}", "\u{30FB}", "\u{2022}", "\u{2027}"]
        guard text.unicodeScalars.contains(where: { dots.contains($0) }) else { return [] }
        var ranges: [Range<Int>] = []
        var start: Int? = nil, offset = 0, hasDot = false
        for scalar in text.unicodeScalars {
            let partOfName = dots.contains(scalar) || scalar.properties.isIdeographic || scalar.properties.isAlphabetic
            if partOfName {
                if start == nil { start = offset; hasDot = false }
                if dots.contains(scalar) { hasDot = true }
            } else if let s = start {
                if hasDot { ranges.append(s..<offset) }
                start = nil
            }
            offset += scalar.utf8.count
        }
        if let s = start, hasDot { ranges.append(s..<offset) }
        return ranges
    }
}
