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

    /// GB/T 9704-2012 with the free fonts of docs/domain.md §3.
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
            throw InputError(file: path, reason: "无法读取页面设置")
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
            guard v > 0 else { throw TOMLError(line: table.line(of: key), message: "'\(key)' 须大于 0") }
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
                    throw TOMLError(line: fonts.line(of: role.key), message: "'\(role.key)' 须至少有一个字体")
                }
                s.fontChains[role] = chain
            }
            s.boldTitle = try fonts.bool("title_bold", default: s.boldTitle)
        }
        do {
            try s.check()
        } catch {
            // "sizes.body_pt" → the line of body_pt in [sizes], or of [sizes], or the first line.
            let parts = error.key.split(separator: ".").map(String.init)
            var line = 1
            if let name = parts.first, let table = (try? root.optionalTable(name)) ?? nil {
                line = parts.count > 1 ? table.line(of: parts[1]) : table.line
            }
            throw TOMLError(line: line, message: error.description)
        }
        return s
    }

    /// A setting outside its limits: the page.toml key ("sizes.body_pt") and why.
    public struct Problem: Error, Sendable, Equatable, CustomStringConvertible {
        public let key: String
        public let reason: String
        public var description: String { "'\(key)' \(reason)" }
    }

    /// Refuses settings under which some box of a page could not hold its text, or a size could not be
    /// handed to Pango: every value finite and within the limits docs/document-format.md lists, the
    /// text block wide enough for 15 characters of body text and tall enough for 5 lines, every line
    /// pitch at least its font size, a chart and its title on one page, the page number inside the
    /// bottom margin. Checked when page.toml is read and again by `Typesetter`, so settings built in
    /// code meet the same limits.
    public func check() throws(Problem) {
        func need(_ ok: Bool, _ key: String, _ reason: @autoclosure () -> String) throws(Problem) {
            if !ok { throw Problem(key: key, reason: reason()) }
        }
        func mm(_ points: Double) -> String { String(format: "%.1f mm", points / Self.pointsPerMillimetre) }
        func pt(_ points: Double) -> String { String(format: "%.1f pt", points) }
        let paperRange = 50 * Self.pointsPerMillimetre...2000 * Self.pointsPerMillimetre
        try need(paperRange.contains(paperWidth), "paper.width_mm", "须在 50 至 2000 mm 之间")
        try need(paperRange.contains(paperHeight), "paper.height_mm", "须在 50 至 2000 mm 之间")
        for (key, margin, paper) in [("top_mm", marginTop, paperHeight), ("bottom_mm", marginBottom, paperHeight),
                                     ("left_mm", marginLeft, paperWidth), ("right_mm", marginRight, paperWidth)] {
            try need(margin > 0 && margin < paper, "margins.\(key)", "须大于 0 且小于纸张")
        }
        for (key, size) in [("title_pt", titleSize), ("body_pt", bodySize), ("table_pt", tableSize), ("note_pt", noteSize),
                            ("page_number_pt", pageNumberSize)] {
            try need((4...144).contains(size), "sizes.\(key)", "须在 4 至 144 pt 之间")
        }
        for (key, pitch, sizeKey, size) in [("line_pitch_pt", linePitch, "body_pt", bodySize),
                                            ("table_line_pitch_pt", tableLinePitch, "table_pt", tableSize),
                                            ("note_line_pitch_pt", notePitch, "note_pt", noteSize)] {
            try need(pitch >= size && pitch <= 10 * size, "sizes.\(key)",
                     "须在 \(sizeKey)（\(pt(size))）与其 10 倍之间，行与行才不会重叠或离得太远")
        }
        try need(tableCellPadding > 0 && tableCellPadding <= 36, "sizes.table_cell_padding_pt", "须大于 0 且不超过 36 pt")
        try need(contentWidth >= 15 * bodySize, "sizes.body_pt",
                 "15 个正文字符需要 \(pt(15 * bodySize))，但页边距之间的版心只有 \(pt(contentWidth)) 宽；请调小 body_pt 或页边距")
        let titlePitch = max(linePitch, titleSize * 1.4)
        try need(contentWidth >= 5 * titleSize, "sizes.title_pt",
                 "5 个标题字符需要 \(pt(5 * titleSize))，但版心只有 \(pt(contentWidth)) 宽；请调小 title_pt 或页边距")
        try need(contentHeight >= 5 * titlePitch, "sizes.line_pitch_pt",
                 "5 行需要 \(pt(5 * titlePitch))，但页边距之间的版心只有 \(pt(contentHeight)) 高；请调小字号或页边距")
        try need(chartHeight >= 30 * Self.pointsPerMillimetre && chartHeight + notePitch <= contentHeight, "sizes.chart_height_mm",
                 "须至少 30 mm，且连同标题行（\(pt(notePitch))）放得进 \(mm(contentHeight)) 的版心")
        try need(pageNumberGap > 0 && pageNumberGap + pageNumberSize <= marginBottom, "sizes.page_number_gap_mm",
                 "页码（在版心下方 \(mm(pageNumberGap))，高 \(pt(pageNumberSize))）须放得进 \(mm(marginBottom)) 的下页边距")
    }
}
