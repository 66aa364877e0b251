import Foundation
import GongkaiCore

/// Page geometry, sizes and font chains. Defaults follow GB/T 9704; templates/page.toml lets the office
/// change them without a new build, and every size is in points once loaded.
public struct PageSettings: Sendable, Equatable {
    public static let pointsPerMillimetre = 72.0 / 25.4

    public var paperWidth: Double
    public var paperHeight: Double
    public var marginTop: Double
    public var marginBottom: Double
    public var marginLeft: Double
    public var marginRight: Double
    public var titleSize: Double
    public var bodySize: Double
    /// 28.95 pt puts 22 lines in the 225 mm text block.
    public var linePitch: Double
    public var tableSize: Double
    public var tableLinePitch: Double
    public var tableCellPadding: Double
    public var noteSize: Double
    public var notePitch: Double
    public var chartHeight: Double
    public var pageNumberSize: Double
    /// From the bottom of the text block to the top of the page number (7 mm).
    public var pageNumberGap: Double
    /// Family names tried in order; a family that is not installed is skipped.
    public var fontChains: [FontRole: [String]]
    public var boldTitle: Bool

    public var contentWidth: Double { paperWidth - marginLeft - marginRight }
    public var contentHeight: Double { paperHeight - marginTop - marginBottom }

    /// GB/T 9704-2012 with the free fonts of DOMAIN.md §3.
    public static let gbt9704 = PageSettings(
        paperWidth: 210 * pointsPerMillimetre, paperHeight: 297 * pointsPerMillimetre,
        marginTop: 37 * pointsPerMillimetre, marginBottom: 35 * pointsPerMillimetre,
        marginLeft: 28 * pointsPerMillimetre, marginRight: 26 * pointsPerMillimetre,
        titleSize: 22, bodySize: 16, linePitch: 28.95, tableSize: 12, tableLinePitch: 15,
        tableCellPadding: 2.5, noteSize: 14, notePitch: 22, chartHeight: 70 * pointsPerMillimetre,
        pageNumberSize: 14, pageNumberGap: 7 * pointsPerMillimetre,
        fontChains: [
            .body: ["FandolFang", "Noto Serif CJK SC"],
            .title: ["FZXiaoBiaoSong-B05S", "Noto Serif CJK SC"],
            .heiti: ["FandolHei", "Noto Sans CJK SC"],
            .kaiti: ["FandolKai", "AR PL UKai CN", "LXGW WenKai", "Noto Serif CJK SC"],
            .pageNumber: ["Noto Serif CJK SC"],
        ],
        boldTitle: true)

    /// Reads page.toml; keys left out keep their GB/T 9704 default.
    public static func load(path: String) throws -> PageSettings {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw InputError(file: path, reason: "cannot read the page settings")
        }
        do {
            return try parse(TOML.parse(text))
        } catch {
            throw InputError(file: path, line: error.line, reason: error.message)
        }
    }

    static func parse(_ root: TOMLTable) throws(TOMLError) -> PageSettings {
        var s = PageSettings.gbt9704
        let mm = pointsPerMillimetre
        func read(_ table: TOMLTable?, _ key: String, _ factor: Double, into value: inout Double) throws(TOMLError) {
            guard let table, let v = try table.optionalNumber(key) else { return }
            guard v > 0 else { throw TOMLError(line: table.line(of: key), message: "'\(key)' must be positive") }
            value = v * factor
        }
        let paper = try root.optionalTable("paper")
        try read(paper, "width_mm", mm, into: &s.paperWidth)
        try read(paper, "height_mm", mm, into: &s.paperHeight)
        let margins = try root.optionalTable("margins")
        try read(margins, "top_mm", mm, into: &s.marginTop)
        try read(margins, "bottom_mm", mm, into: &s.marginBottom)
        try read(margins, "left_mm", mm, into: &s.marginLeft)
        try read(margins, "right_mm", mm, into: &s.marginRight)
        let sizes = try root.optionalTable("sizes")
        try read(sizes, "title_pt", 1, into: &s.titleSize)
        try read(sizes, "body_pt", 1, into: &s.bodySize)
        try read(sizes, "line_pitch_pt", 1, into: &s.linePitch)
        try read(sizes, "table_pt", 1, into: &s.tableSize)
        try read(sizes, "table_line_pitch_pt", 1, into: &s.tableLinePitch)
        try read(sizes, "table_cell_padding_pt", 1, into: &s.tableCellPadding)
        try read(sizes, "note_pt", 1, into: &s.noteSize)
        try read(sizes, "note_line_pitch_pt", 1, into: &s.notePitch)
        try read(sizes, "chart_height_mm", mm, into: &s.chartHeight)
        try read(sizes, "page_number_pt", 1, into: &s.pageNumberSize)
        try read(sizes, "page_number_gap_mm", mm, into: &s.pageNumberGap)
        if let fonts = try root.optionalTable("fonts") {
            for role in FontRole.allCases where fonts[role.key] != nil {
                let chain = try fonts.strings(role.key)
                guard !chain.isEmpty else {
                    throw TOMLError(line: fonts.line(of: role.key), message: "'\(role.key)' needs at least one font family")
                }
                s.fontChains[role] = chain
            }
            s.boldTitle = try fonts.bool("title_bold", default: s.boldTitle)
        }
        guard s.contentWidth > 0, s.contentHeight > 0 else {
            throw TOMLError(line: margins?.line ?? 1, message: "the margins leave no room for text")
        }
        return s
    }
}
