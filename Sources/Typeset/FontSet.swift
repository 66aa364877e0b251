import CPangoCairo

/// The Pango font map and context that every layout of one rendering job shares, with each role's
/// chain narrowed to the installed families. Pango objects are not thread-safe: a `FontSet` belongs
/// to one synchronous job and is never shared.
public final class FontSet {
    let fontMap: UnsafeMutablePointer<PangoFontMap>
    let context: OpaquePointer
    /// Installed families per role, in chain order.
    public let families: [FontRole: [String]]
    private var descriptions: [DescriptionKey: OpaquePointer] = [:]
    private var coverageFonts: [FontRole: [UnsafeMutablePointer<PangoFont>]] = [:]
    private var covered: [FontRole: [UInt32: Bool]] = [:]

    private struct DescriptionKey: Hashable {
        let role: FontRole
        let size: Double
        let bold: Bool
    }

    public init(settings: PageSettings) throws {
        fontMap = pango_cairo_font_map_new()
        context = pango_font_map_create_context(fontMap)
        // 72 dpi so that a 16 pt font is 16 PDF units; unrounded positions for vector output.
        pango_cairo_context_set_resolution(context, 72)
        pango_context_set_round_glyph_positions(context, 0)
        let options = cairo_font_options_create()
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)

        let installed = FontSet.installedFamilies(fontMap)
        var families: [FontRole: [String]] = [:]
        for role in FontRole.allCases {
            let chain = settings.fontChains[role] ?? []
            let available = chain.filter { installed.contains($0.lowercased()) }
            guard !available.isEmpty else {
                g_object_unref(UnsafeMutableRawPointer(context))
                g_object_unref(UnsafeMutableRawPointer(fontMap))
                throw TypesetError.noInstalledFont(role: role.key, chain: chain)
            }
            families[role] = available
        }
        self.families = families
    }

    deinit {
        for fonts in coverageFonts.values { for font in fonts { g_object_unref(UnsafeMutableRawPointer(font)) } }
        for description in descriptions.values { pango_font_description_free(description) }
        g_object_unref(UnsafeMutableRawPointer(context))
        g_object_unref(UnsafeMutableRawPointer(fontMap))
    }

    private static func installedFamilies(_ fontMap: UnsafeMutablePointer<PangoFontMap>) -> Set<String> {
        var list: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>?
        var count: Int32 = 0
        pango_font_map_list_families(fontMap, &list, &count)
        defer { g_free(list) }
        var names = Set<String>()
        for i in 0..<Int(count) {
            if let family = list?[i], let name = pango_font_family_get_name(family) {
                names.insert(String(cString: name).lowercased())
            }
        }
        return names
    }

    /// The installed families of `role`'s chain. `init` refuses a role with none, so this is never
    /// empty; the fallback only spares a `!`.
    func chain(_ role: FontRole) -> [String] { families[role] ?? [] }

    /// A font description for `role`: the installed chain as one family list, so Pango falls back
    /// character by character in the office's order.
    func description(_ role: FontRole, size: Double, bold: Bool = false) -> OpaquePointer {
        let key = DescriptionKey(role: role, size: size, bold: bold)
        if let d = descriptions[key] { return d }
        // GLib aborts on out-of-memory rather than return NULL: the `!` unwraps C's nullable type only.
        let d = pango_font_description_new()!
        pango_font_description_set_family(d, chain(role).joined(separator: ","))
        pango_font_description_set_size(d, TextLayout.pangoUnits(size, rounding: .toNearestOrAwayFromZero))
        pango_font_description_set_weight(d, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        descriptions[key] = d
        return d
    }

    /// Whether some family of `role`'s chain has a glyph for `scalar`, asked of HarfBuzz directly:
    /// Pango's unknown-glyph count would accept any system font the chain never named.
    func covers(_ scalar: Unicode.Scalar, role: FontRole) -> Bool {
        if let known = covered[role]?[scalar.value] { return known }
        let fonts = coverageFonts[role] ?? loadCoverageFonts(role)
        var glyph: hb_codepoint_t = 0
        let result = fonts.contains { hb_font_get_nominal_glyph(pango_font_get_hb_font($0), scalar.value, &glyph) != 0 }
        covered[role, default: [:]][scalar.value] = result
        return result
    }

    private func loadCoverageFonts(_ role: FontRole) -> [UnsafeMutablePointer<PangoFont>] {
        let fonts = chain(role).compactMap { family -> UnsafeMutablePointer<PangoFont>? in
            let d = pango_font_description_new()! // never NULL, as in `description`
            defer { pango_font_description_free(d) }
            pango_font_description_set_family(d, family)
            pango_font_description_set_size(d, 12 * PANGO_SCALE)
            return pango_font_map_load_font(fontMap, context, d)
        }
        coverageFonts[role] = fonts
        return fonts
    }
}
