import CPangoCairo
import Foundation

/// Cairo 1.16 embeds each CJK face as a CID-keyed CFF subset that still carries thousands of local
/// subroutines no kept glyph calls (the Noto Serif CJK subset of a 3-page notice: 217 glyphs, 26,095
/// subroutines, 630 KB, of which the outlines are 46 KB). This pass hands each such font program to
/// HarfBuzz's subsetter, asking it to keep every glyph at its id (RETAIN_GIDS) and to expand the
/// subroutines they call into the glyphs (DESUBROUTINIZE).
///
/// Only the font program stream changes. Glyph ids, their CIDs (HarfBuzz keeps the charset) and their
/// outlines are the same; the widths, the ToUnicode maps and the page content are Cairo's, so the text
/// layer and every glyph position are untouched. HarfBuzz is deterministic, so the bytes stay
/// reproducible. A program HarfBuzz cannot read, or whose rewrite would not be smaller, stays as Cairo
/// wrote it.
enum LeanFonts {
    /// The CFF program rewritten by hb-subset with every glyph kept at its id and no subroutines, or nil
    /// when HarfBuzz refuses it or its glyph count changed.
    static func desubroutinized(_ program: [UInt8]) -> [UInt8]? {
        guard let glyphs = CFFGlyphCount.of(program), (1...0xFFFF).contains(glyphs),
              let length = UInt32(exactly: program.count) else { return nil }
        // The smallest OpenType face hb-subset accepts: the program as its 'CFF ' table, and a version
        // 0.5 'maxp' table holding the glyph count.
        let maxp: [UInt8] = [0x00, 0x00, 0x50, 0x00, UInt8(glyphs >> 8), UInt8(glyphs & 0xFF)]
        let builder = hb_face_builder_create()
        defer { hb_face_destroy(builder) }
        program.withUnsafeBufferPointer { cff in
            cff.withMemoryRebound(to: CChar.self) { cff in
                let blob = hb_blob_create(cff.baseAddress, length, HB_MEMORY_MODE_READONLY, nil, nil)
                hb_face_builder_add_table(builder, Self.cffTag, blob)
                hb_blob_destroy(blob)
            }
        }
        maxp.withUnsafeBufferPointer { table in
            table.withMemoryRebound(to: CChar.self) { table in
                let blob = hb_blob_create(table.baseAddress, UInt32(table.count), HB_MEMORY_MODE_READONLY, nil, nil)
                hb_face_builder_add_table(builder, Self.maxpTag, blob)
                hb_blob_destroy(blob)
            }
        }
        // The builder copies nothing until it serializes: `program` and `maxp` are alive until here.
        let font = hb_face_reference_blob(builder)
        defer { hb_blob_destroy(font) }
        let face = hb_face_create(font, 0)
        defer { hb_face_destroy(face) }

        guard let input = hb_subset_input_create_or_fail() else { return nil }
        defer { hb_subset_input_destroy(input) }
        hb_set_add_range(hb_subset_input_glyph_set(input), 0, hb_codepoint_t(glyphs - 1))
        hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS.rawValue | HB_SUBSET_FLAGS_DESUBROUTINIZE.rawValue
            | HB_SUBSET_FLAGS_NOTDEF_OUTLINE.rawValue)
        guard let subset = hb_subset_or_fail(face, input) else { return nil }
        defer { hb_face_destroy(subset) }
        let table = hb_face_reference_table(subset, Self.cffTag)
        defer { hb_blob_destroy(table) }
        var count: UInt32 = 0
        guard let data = hb_blob_get_data(table, &count), count > 0 else { return nil }
        let lean = UnsafeRawBufferPointer(start: data, count: Int(count)).map { $0 }
        return CFFGlyphCount.of(lean) == glyphs ? lean : nil
    }

    private static let cffTag: hb_tag_t = 0x4346_4620 // 'CFF '
    private static let maxpTag: hb_tag_t = 0x6D61_7870 // 'maxp'
}
