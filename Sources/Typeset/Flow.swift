import Document

/// The cursor that walks down the text block, starting a new page when the next unit does not fit.
final class Flow {
    let t: Typesetter
    let s: PageSettings
    private let emit: (Page) throws -> Void
    private(set) var page: Page
    /// Top of the free space on the current page.
    var y: Double
    /// Structure elements open at this point, outermost first. A page closes them all, so that its
    /// page number stays outside every element (an artifact), and the next page opens them again: a
    /// table split over pages becomes one table per page, each with its own header row.
    private var open: [StructureRole] = []

    var top: Double { s.marginTop }
    var bottom: Double { s.paperHeight - s.marginBottom }
    var left: Double { s.marginLeft }
    var right: Double { s.paperWidth - s.marginRight }
    var width: Double { s.contentWidth }
    var pageIsEmpty: Bool { y <= top }

    init(typesetter: Typesetter, emit: @escaping (Page) throws -> Void) {
        t = typesetter
        s = typesetter.settings
        self.emit = emit
        page = Page(number: 1, width: s.paperWidth, height: s.paperHeight)
        y = s.marginTop
    }

    /// Starts a new page unless `height` still fits (or the page is empty, where nothing fits better).
    func ensure(_ height: Double) throws {
        if y + height > bottom + 0.01 && !pageIsEmpty { try newPage() }
    }

    func newPage() throws {
        for _ in open { close() }
        placePageNumber()
        try emit(page)
        page = Page(number: page.number + 1, width: s.paperWidth, height: s.paperHeight)
        y = top
        for role in open { page.items.append(.begin(role)) }
    }

    /// Opens a structure element for the items placed until `end()`.
    func begin(_ role: StructureRole) {
        open.append(role)
        page.items.append(.begin(role))
    }

    func end() {
        open.removeLast()
        close()
    }

    /// Ends the innermost element on this page; an element that got nothing on it is dropped instead,
    /// so no empty heading or paragraph reaches the structure tree.
    private func close() {
        if case .begin = page.items.last { page.items.removeLast() } else { page.items.append(.end) }
    }

    /// `place` inside an element of `role`.
    func tagged<T>(_ role: StructureRole, _ place: () throws -> T) rethrows -> T {
        begin(role)
        defer { end() }
        return try place()
    }

    func breakPage() throws {
        if !pageIsEmpty { try newPage() }
    }

    func finish() throws {
        for _ in open { close() }
        open = []
        placePageNumber()
        try emit(page)
    }

    /// `— n —` 7 mm below the text block, one character in from the right on odd pages, from the left on
    /// even pages (GB/T 9704 §7.5). `PageSettings.check` keeps it inside the bottom margin.
    private func placePageNumber() {
        let size = s.pageNumberSize
        // Dash, number, dash as separate pieces half a character apart: a space glyph is too narrow
        // for text extraction to see, and "— 1 —" must read as such in pdftotext and screen readers.
        let pieces = ["—", String(page.number), "—"].map { t.layout($0, role: .pageNumber, size: size, width: nil) }
        let gap = size / 2
        let total = pieces.reduce(0) { $0 + $1.widestLine } + 2 * gap
        let baseline = bottom + s.pageNumberGap + size * 0.88
        var x = page.number % 2 == 1 ? right - size - total : left + size
        for piece in pieces {
            page.items.append(.text(PlacedLine(layout: piece, index: 0, x: x, baseline: baseline)))
            x += piece.widestLine + gap
        }
    }

    /// `layout`, once it is known to fit `width`: a line wider than its box would be cut or drawn over
    /// its neighbour, so it stops the render instead, naming the block and what to change.
    func fitted(_ layout: TextLayout, width: Double, at location: @autoclosure () -> String, remedy: String) throws -> TextLayout {
        guard layout.widestLine > width + 0.01 else { return layout }
        let line = layout.lineWidths.indices.max { layout.lineWidths[$0] < layout.lineWidths[$1] } ?? 0
        throw TypesetError.doesNotFit(location: location(), reason: "“\(layout.text(ofLine: line))”一行需要 "
            + "\(Self.points(layout.widestLine))，但只有 \(Self.points(width))；\(remedy)")
    }

    /// "96.4 pt", for messages.
    static func points(_ value: Double) -> String { String(format: "%.1f pt", value) }

    /// UTF-8 byte ranges of `segments` joined after `prefix` bytes, the first one taking the prefix in:
    /// a heading's number stays with its first segment.
    static func byteRanges(of segments: [String], prefix: Int = 0) -> [Range<Int>] {
        var ranges: [Range<Int>] = [], start = 0, end = prefix
        for segment in segments {
            end += segment.utf8.count
            if end > start { ranges.append(start..<end) }
            start = end
        }
        return ranges
    }

    /// Baseline of a line whose slot starts at `slotTop`: the CJK em box centred in the slot.
    func baseline(slotTop: Double, pitch: Double, size: Double) -> Double {
        slotTop + pitch / 2 + size * 0.38
    }

    /// Places a layout's lines at a fixed pitch, breaking pages between lines.
    func placeLines(_ layout: TextLayout, x: Double, pitch: Double, size: Double) throws {
        for index in 0..<layout.lineCount {
            try ensure(pitch)
            page.items.append(.text(PlacedLine(layout: layout, index: index, x: x,
                                               baseline: baseline(slotTop: y, pitch: pitch, size: size))))
            y += pitch
        }
    }

    /// The 政府信息公开 catalogue entry at the head of the first page, in note size: two fields a line
    /// (索引号 beside 发布机构, 发文日期 beside 主题分类, then 文号), each field on one line where it fits
    /// its half (a longer one wraps inside it), and a rule under the block.
    func placeCatalogue(_ entry: CatalogueEntry) throws {
        let size = s.noteSize, pitch = s.notePitch, gap = size, half = (width - gap) / 2
        let fields = entry.fields
        try tagged(.paragraph) {
            for start in stride(from: 0, to: fields.count, by: 2) {
                let pair = fields[start..<min(start + 2, fields.count)]
                let layouts = try pair.map { field in
                    let text = "\(field.label)：\(field.value)"
                    return try fitted(t.layout(text, role: .body, size: size, width: half, keep: [0..<text.utf8.count]),
                                      width: half, at: "目录信息（\(field.label)）", remedy: "请调小 page.toml 中的 note_pt")
                }
                let lines = layouts.map(\.lineCount).max() ?? 1
                try ensure(Double(lines) * pitch)
                for (column, layout) in layouts.enumerated() {
                    for line in 0..<layout.lineCount {
                        page.items.append(.text(PlacedLine(layout: layout, index: line, x: left + Double(column) * (half + gap),
                            baseline: baseline(slotTop: y + Double(line) * pitch, pitch: pitch, size: size))))
                    }
                }
                y += Double(lines) * pitch
            }
        }
        y += pitch / 4
        page.items.append(.rule(x1: left, y1: y, x2: right, y2: y, width: 0.5, color: .black))
        y += pitch / 2
    }

    /// A title breaks only between its segments (`DocumentMetadata.titleSegments`), except inside a
    /// segment wider than the whole line.
    func placeTitle(_ segments: [String]) throws {
        let title = segments.joined()
        guard !title.isEmpty else { return }
        let size = s.titleSize, keep = Self.byteRanges(of: segments)
        func layout(_ w: Double) -> TextLayout {
            t.layout(title, role: .title, size: size, bold: s.boldTitle, width: w, align: .center, keep: keep)
        }
        var fitted = layout(width), fittedWidth = width
        if fitted.lineCount > 1 {
            // GB/T 9704 sets a long title in balanced lines (梯形), never with one stray character on
            // the last line: find the narrowest measure that needs no more lines, and centre it. The
            // measure never gets narrower than the widest segment that fits a line, so the balance
            // moves whole segments and never splits one.
            let widestSegment = segments.map { t.naturalWidth($0, role: .title, size: size, bold: s.boldTitle) }
                .filter { $0 <= width }.max() ?? 0
            var narrow = max(width / Double(fitted.lineCount), widestSegment + 0.5), wide = width
            if narrow < wide && layout(narrow).lineCount <= fitted.lineCount { wide = narrow }
            for _ in 0..<12 where narrow < wide {
                let middle = (narrow + wide) / 2
                if layout(middle).lineCount > fitted.lineCount { narrow = middle } else { wide = middle }
            }
            fittedWidth = wide
            fitted = layout(wide)
        }
        fitted = try self.fitted(fitted, width: fittedWidth, at: "标题", remedy: "请调小 page.toml 中的 title_pt")
        try tagged(.heading(level: 1)) { try placeLines(fitted, x: left + (width - fittedWidth) / 2, pitch: max(s.linePitch, size * 1.4), size: size) }
        y += s.linePitch
    }

    /// Places a heading where at least the start of `next` fits below it, so a heading never ends a
    /// page apart from what it heads: a line of text, a table's caption, header and first row, or a
    /// whole chart. Its lines break only between its segments.
    func placeHeading(_ heading: Heading, label: String, next: Block?, at location: String) throws {
        let role: FontRole = heading.level == 1 ? .heiti : heading.level == 2 ? .kaiti : .body
        let text = label + heading.text
        let layout = try fitted(t.layout(text, role: role, size: s.bodySize, width: width, indent: 2 * s.bodySize,
                                         keep: Self.byteRanges(of: heading.segments, prefix: label.utf8.count)),
                                width: width, at: location, remedy: "请调小 page.toml 中的 body_pt")
        let following: Double = switch next {
        case .table?: 3 * s.linePitch
        case .chart?: s.notePitch + s.chartHeight
        case .keyFigures?: 2 * s.linePitch
        default: s.linePitch
        }
        try ensure(Double(layout.lineCount) * s.linePitch + following)
        page.headings.append(PlacedHeading(level: heading.level, title: text, y: y))
        try tagged(.heading(level: heading.level + 1)) { try placeLines(layout, x: left, pitch: s.linePitch, size: s.bodySize) }
    }

    func placeParagraph(_ paragraph: Paragraph, at location: String) throws {
        var text = "", bold: [Range<Int>] = []
        for run in paragraph.runs {
            let start = text.utf8.count
            text += run.text
            if run.emphasis { bold.append(start..<text.utf8.count) }
        }
        let layout = t.layout(text, role: .body, size: s.bodySize, width: width,
                              indent: paragraph.indent ? 2 * s.bodySize : 0, boldRanges: bold)
        let fitted = try fitted(layout, width: width, at: location, remedy: "请调小 page.toml 中的 body_pt")
        try tagged(.paragraph) { try placeLines(fitted, x: left, pitch: s.linePitch, size: s.bodySize) }
    }

    func placeNote(_ note: Note, at location: String) throws {
        let layout = t.layout(note.label + note.text, role: .body, size: s.noteSize, width: width)
        let fitted = try fitted(layout, width: width, at: location, remedy: "请调小 page.toml 中的 note_pt")
        try tagged(.paragraph) { try placeLines(fitted, x: left, pitch: s.notePitch, size: s.noteSize) }
    }

    /// Office above date, the date four characters in from the right, the office centred over it as
    /// far as the text block allows; an office name longer than the line wraps.
    func placeSignature(_ signature: Signature, at location: String) throws {
        let size = s.bodySize, pitch = s.linePitch
        let date = try fitted(t.layout(signature.dateText, role: .body, size: size, width: nil), width: width,
                              at: location, remedy: "请调小 page.toml 中的 body_pt")
        let office = try fitted(t.layout(signature.office, role: .body, size: size, width: width), width: width,
                                at: location, remedy: "请调小 page.toml 中的 body_pt")
        y += pitch
        try ensure(Double(office.lineCount + 1) * pitch)
        begin(.paragraph)
        defer { end() }
        let dateX = max(left, right - 4 * size - date.widestLine)
        let centre = dateX + date.widestLine / 2
        for (index, lineWidth) in office.lineWidths.enumerated() {
            let x = max(left, min(right - lineWidth, centre - lineWidth / 2))
            page.items.append(.text(PlacedLine(layout: office, index: index, x: x - office.lineOffsets[index],
                                               baseline: baseline(slotTop: y, pitch: pitch, size: size))))
            y += pitch
        }
        page.items.append(.text(PlacedLine(layout: date, index: 0, x: dateX,
                                           baseline: baseline(slotTop: y, pitch: pitch, size: size))))
        y += pitch
    }

    /// The value of a key figure is set smaller, down to this share of its size, to stay on one line;
    /// beyond that it wraps.
    static let keyFigureShrink = 0.75

    /// Figures in boxes, up to four a row; a row of boxes is never split. Nothing in a box is cut: the
    /// value with its unit is set smaller to stay on one line (down to `keyFigureShrink`), then wraps;
    /// a label or change too long for a line wraps; the boxes of a row grow to the tallest, with their
    /// label, value and change lines level across the row.
    func placeKeyFigures(_ figures: KeyFigures, at location: String) throws {
        let perRow = max(1, min(4, figures.items.count))
        let gap = 8.0, pad = 6.0, small = s.noteSize * 0.86, big = s.bodySize * 1.25
        let boxWidth = (width - gap * Double(perRow - 1)) / Double(perRow), inner = boxWidth - 2 * pad
        var start = 0
        while start < figures.items.count {
            let items = figures.items[start..<min(start + perRow, figures.items.count)]
            // Per box: (layout, size) of the label, the value with its unit, and the change.
            let boxes = try items.map { item in
                let at = "\(location)（关键数字 \(item.label)）"
                let value = item.unit.isEmpty ? item.value : "\(item.value) \(item.unit)"
                let natural = t.naturalWidth(value, role: .heiti, size: big)
                let valueSize = natural <= inner ? big
                    : max(big * Self.keyFigureShrink, (big * inner / natural * 100).rounded(.down) / 100)
                let change = [item.change ?? "", item.status.label].filter { !$0.isEmpty }.joined(separator: " ")
                return try [(item.label, FontRole.body, small), (value, .heiti, valueSize), (change, .body, small)].map { text, role, size in
                    let layout = t.layout(text, role: role, size: size, width: inner, align: .center)
                    return (layout: try fitted(layout, width: inner, at: at, remedy: "请缩短它或调小 page.toml 中的字号"),
                            size: size, text: text)
                }
            }
            let slots = (0..<3).map { k in boxes.map { Double($0[k].layout.lineCount) * $0[k].size * 1.4 }.max() ?? 0 }
            let boxHeight = pad * 2 + slots.reduce(0, +)
            guard boxHeight + gap <= s.contentHeight else {
                throw TypesetError.doesNotFit(location: location, reason: "关键数字需要 \(Self.points(boxHeight))，"
                    + "但一页只能容纳 \(Self.points(s.contentHeight))；请缩短其标签")
            }
            try ensure(boxHeight + gap)
            for (column, box) in boxes.enumerated() {
                let x = left + Double(column) * (boxWidth + gap)
                page.items.append(.fill(x: x, y: y, width: boxWidth, height: boxHeight, color: .shade))
                begin(.paragraph)
                defer { end() }
                var slotTop = y + pad
                for (piece, slot) in zip(box, slots) {
                    if !piece.text.isEmpty {
                        for line in 0..<piece.layout.lineCount {
                            let top = slotTop + Double(line) * piece.size * 1.4
                            page.items.append(.text(PlacedLine(layout: piece.layout, index: line, x: x + pad,
                                baseline: baseline(slotTop: top, pitch: piece.size * 1.4, size: piece.size))))
                        }
                    }
                    slotTop += slot
                }
            }
            y += boxHeight + gap
            start += perRow
        }
    }

    /// A chart from `ChartLayout`, whose labels all have room; a label the font sets wider than the
    /// layout's estimate is set smaller to fit its room rather than run into its neighbour.
    func placeChart(_ chart: Chart, at location: String) throws {
        let titleSize = s.noteSize
        let title = try fitted(t.layout(chart.title, role: .heiti, size: titleSize, width: width, align: .center),
                               width: width, at: location, remedy: "请调小 page.toml 中的 note_pt")
        let geometry: ChartLayout
        do {
            geometry = try ChartLayout(chart, width: width, height: s.chartHeight, fontSize: 10)
        } catch {
            throw TypesetError.doesNotFit(location: location, reason: error.reason)
        }
        let height = Double(title.lineCount) * s.notePitch + s.chartHeight
        guard height <= s.contentHeight else {
            throw TypesetError.doesNotFit(location: location, reason: "标题和图表需要 \(Self.points(height))，"
                + "但一页只能容纳 \(Self.points(s.contentHeight))；请缩短标题或调小 page.toml 中的 chart_height_mm")
        }
        try ensure(height)
        begin(.figure(alt: chart.title + "。" + chart.summary))
        defer { end() }
        try placeLines(title, x: left, pitch: s.notePitch, size: titleSize)
        let ox = left, oy = y
        for mark in geometry.marks {
            switch mark {
            case .rect(let x, let y, let w, let h, let color):
                page.items.append(.fill(x: ox + x, y: oy + y, width: w, height: h,
                                        color: RGB(hex: ChartLayout.palette[color % ChartLayout.palette.count])))
            case .polyline(let points, let color):
                let rgb = RGB(hex: ChartLayout.palette[color % ChartLayout.palette.count])
                let moved = points.map { ChartLayout.Point(x: ox + $0.x, y: oy + $0.y) }
                page.items.append(.polyline(points: moved, width: 1.5, color: rgb))
                for p in moved { page.items.append(.fill(x: p.x - 2, y: p.y - 2, width: 4, height: 4, color: rgb)) }
            case .rule(let x1, let y1, let x2, let y2, let grid):
                page.items.append(.rule(x1: ox + x1, y1: oy + y1, x2: ox + x2, y2: oy + y2,
                                        width: grid ? 0.3 : 0.8, color: grid ? .grid : .black))
            case .dash(let x1, let y1, let x2, let y2):
                page.items.append(.rule(x1: ox + x1, y1: oy + y1, x2: ox + x2, y2: oy + y2, width: 1.2,
                                        color: RGB(hex: ChartLayout.targetColour)))
            case .text(let text, let x, let y, let anchor, let size, let room):
                var layout = t.layout(text, role: .heiti, size: size, width: nil)
                if layout.widestLine > room + 0.01 {
                    layout = t.layout(text, role: .heiti, size: (size * room / layout.widestLine * 100).rounded(.down) / 100, width: nil)
                }
                let w = layout.widestLine
                let start = anchor == .start ? x : anchor == .middle ? x - w / 2 : x - w
                page.items.append(.text(PlacedLine(layout: layout, index: 0, x: ox + start, baseline: oy + y)))
            }
        }
        y += s.chartHeight + s.linePitch / 2
    }
}
