import Document

/// The cursor that walks down the text block, starting a new page when the next unit does not fit.
final class Flow {
    let t: Typesetter
    let s: PageSettings
    private let emit: (Page) throws -> Void
    private(set) var page: Page
    /// Top of the free space on the current page.
    var y: Double

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
        placePageNumber()
        try emit(page)
        page = Page(number: page.number + 1, width: s.paperWidth, height: s.paperHeight)
        y = top
    }

    func breakPage() throws {
        if !pageIsEmpty { try newPage() }
    }

    func finish() throws {
        placePageNumber()
        try emit(page)
    }

    /// `— n —` 7 mm below the text block, one character in from the right on odd pages, from the left on
    /// even pages (GB/T 9704 §7.5).
    private func placePageNumber() {
        let size = s.pageNumberSize
        // Dash, number, dash as separate pieces half a character apart: a space glyph is too narrow
        // for text extraction to see, and "— 1 —" must read as such in pdftotext and screen readers.
        let pieces = ["—", String(page.number), "—"].map { t.layout($0, role: .pageNumber, size: size, width: nil) }
        let gap = size / 2
        let total = pieces.reduce(0) { $0 + $1.lineWidths[0] } + 2 * gap
        let baseline = bottom + s.pageNumberGap + size * 0.88
        var x = page.number % 2 == 1 ? right - size - total : left + size
        for piece in pieces {
            page.items.append(.text(PlacedLine(layout: piece, index: 0, x: x, baseline: baseline)))
            x += piece.lineWidths[0] + gap
        }
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

    func placeTitle(_ title: String) throws {
        guard !title.isEmpty else { return }
        let size = s.titleSize
        func layout(_ w: Double) -> TextLayout { t.layout(title, role: .title, size: size, bold: s.boldTitle, width: w, align: .center) }
        var fitted = layout(width), fittedWidth = width
        if fitted.lineCount > 1 {
            // GB/T 9704 sets a long title in balanced lines (梯形), never with one stray character on
            // the last line: find the narrowest measure that needs no more lines, and centre it.
            var narrow = width / Double(fitted.lineCount), wide = width
            for _ in 0..<12 {
                let middle = (narrow + wide) / 2
                if layout(middle).lineCount > fitted.lineCount { narrow = middle } else { wide = middle }
            }
            fittedWidth = wide
            fitted = layout(wide)
        }
        try placeLines(fitted, x: left + (width - fittedWidth) / 2, pitch: max(s.linePitch, size * 1.4), size: size)
        y += s.linePitch
    }

    /// Places a heading where at least the start of `next` fits below it, so a heading never ends a
    /// page apart from what it heads: a line of text, a table's caption, header and first row, or a
    /// whole chart.
    func placeHeading(_ heading: Heading, label: String, next: Block?) throws {
        let role: FontRole = heading.level == 1 ? .heiti : heading.level == 2 ? .kaiti : .body
        let text = label + heading.text
        let layout = t.layout(text, role: role, size: s.bodySize, width: width, indent: 2 * s.bodySize)
        let following: Double = switch next {
        case .table?: 3 * s.linePitch
        case .chart?: s.notePitch + s.chartHeight
        case .keyFigures?: 2 * s.linePitch
        default: s.linePitch
        }
        try ensure(Double(layout.lineCount) * s.linePitch + following)
        page.headings.append(PlacedHeading(level: heading.level, title: text, y: y))
        try placeLines(layout, x: left, pitch: s.linePitch, size: s.bodySize)
    }

    func placeParagraph(_ paragraph: Paragraph) throws {
        var text = "", bold: [Range<Int>] = []
        for run in paragraph.runs {
            let start = text.utf8.count
            text += run.text
            if run.emphasis { bold.append(start..<text.utf8.count) }
        }
        let layout = t.layout(text, role: .body, size: s.bodySize, width: width,
                              indent: paragraph.indent ? 2 * s.bodySize : 0, boldRanges: bold)
        try placeLines(layout, x: left, pitch: s.linePitch, size: s.bodySize)
    }

    func placeNote(_ note: Note) throws {
        let layout = t.layout(note.label + note.text, role: .body, size: s.noteSize, width: width)
        try placeLines(layout, x: left, pitch: s.notePitch, size: s.noteSize)
    }

    /// Office above date, the date four characters in from the right, the office centred over it.
    func placeSignature(_ signature: Signature) throws {
        let size = s.bodySize
        let date = t.layout(signature.dateText, role: .body, size: size, width: nil)
        let office = t.layout(signature.office, role: .body, size: size, width: nil)
        y += s.linePitch
        try ensure(2 * s.linePitch)
        let dateX = right - 4 * size - date.lineWidths[0]
        let centre = dateX + date.lineWidths[0] / 2
        let officeX = min(right - office.lineWidths[0], centre - office.lineWidths[0] / 2)
        page.items.append(.text(PlacedLine(layout: office, index: 0, x: officeX,
                                           baseline: baseline(slotTop: y, pitch: s.linePitch, size: size))))
        y += s.linePitch
        page.items.append(.text(PlacedLine(layout: date, index: 0, x: dateX,
                                           baseline: baseline(slotTop: y, pitch: s.linePitch, size: size))))
        y += s.linePitch
    }

    /// Figures in boxes, up to four a row; a row of boxes is never split.
    func placeKeyFigures(_ figures: KeyFigures) throws {
        let perRow = max(1, min(4, figures.items.count))
        let gap = 8.0, pad = 6.0, small = s.noteSize * 0.86, big = s.bodySize * 1.25
        let boxWidth = (width - gap * Double(perRow - 1)) / Double(perRow)
        let boxHeight = pad * 2 + small * 1.4 * 2 + big * 1.4
        var start = 0
        while start < figures.items.count {
            try ensure(boxHeight + gap)
            for (column, item) in figures.items[start..<min(start + perRow, figures.items.count)].enumerated() {
                let x = left + Double(column) * (boxWidth + gap)
                page.items.append(.fill(x: x, y: y, width: boxWidth, height: boxHeight, color: .shade))
                var lineTop = y + pad
                let change = [item.change ?? "", item.status.label].filter { !$0.isEmpty }.joined(separator: " ")
                for (text, role, size) in [(item.label, FontRole.body, small),
                                           (item.unit.isEmpty ? item.value : "\(item.value) \(item.unit)", .heiti, big),
                                           (change, .body, small)] {
                    if !text.isEmpty {
                        let layout = t.layout(text, role: role, size: size, width: boxWidth - 2 * pad, align: .center)
                        page.items.append(.text(PlacedLine(layout: layout, index: 0, x: x + pad,
                            baseline: baseline(slotTop: lineTop, pitch: size * 1.4, size: size))))
                    }
                    lineTop += size * 1.4
                }
            }
            y += boxHeight + gap
            start += perRow
        }
    }

    func placeChart(_ chart: Chart) throws {
        let titleSize = s.noteSize
        let title = t.layout(chart.title, role: .heiti, size: titleSize, width: width, align: .center)
        try ensure(Double(title.lineCount) * s.notePitch + s.chartHeight)
        try placeLines(title, x: left, pitch: s.notePitch, size: titleSize)
        let geometry = ChartLayout(chart, width: width, height: s.chartHeight, fontSize: 10)
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
            case .text(let text, let x, let y, let anchor, let size):
                let layout = t.layout(text, role: .heiti, size: size, width: nil)
                let w = layout.lineWidths[0]
                let start = anchor == .start ? x : anchor == .middle ? x - w / 2 : x - w
                page.items.append(.text(PlacedLine(layout: layout, index: 0, x: ox + start, baseline: oy + y)))
            }
        }
        y += s.chartHeight + s.linePitch / 2
    }
}
