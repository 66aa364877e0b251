import Document

/// Writes a chart as SVG with real `<text>`, from the same `ChartLayout` the PDF draws: Cairo's SVG
/// surface would turn the labels into outlines that no screen reader or search can read.
///
/// Each chart is written twice, laid out for two widths: `wide` for a screen wider than 600 px
/// (style.css shows it there and in print) and `narrow` for a phone. Each scales to the width of its
/// column through its viewBox, never wider than the screen, and each is laid out with no label below
/// `smallestText` at the width it is drawn at on the narrowest screen it is shown on: its text stays
/// at least 11 CSS px without the chart scrolling sideways. A narrow chart whose value labels do not
/// fit in one row leaves them off, rather than crowd a phone's plot; its data table, printed under
/// it, gives every value.
enum SVGChart {
    /// The smallest label a reader sees, in CSS px.
    static let smallestText = 11.0

    /// A layout's box and type, in the viewBox's units, which are CSS px at the width it is made for.
    struct Size {
        let width: Double
        let height: Double
        let fontSize: Double
        /// The narrowest width the chart is shown at, in CSS px: a 601 px screen's column (558 px) for
        /// the wide layout, a 360 px phone’s (337 px) for the narrow one.
        let narrowestShown: Double

        static let wide = Size(width: 560, height: 300, fontSize: 16, narrowestShown: 558)
        static let narrow = Size(width: 340, height: 260, fontSize: 13, narrowestShown: 337)

        /// The smallest label in viewBox units that is still `SVGChart.smallestText` px when drawn
        /// `narrowestShown` wide.
        var smallestLabel: Double { (SVGChart.smallestText * width / narrowestShown * 100).rounded(.up) / 100 }
    }

    /// Both layouts of `chart`, the wide one first. Throws when the wide one cannot hold its labels
    /// (as the PDF would); the narrow one drops its value labels rather than alternate them.
    static func svg(_ chart: Chart, id: String) throws(ChartLayoutError) -> String {
        let wide = try layout(chart, .wide, valueLabels: true)
        let labelled = try? layout(chart, .narrow, valueLabels: true)
        let narrow = if let labelled, !labelled.valueLabelsAlternate { labelled } else { try layout(chart, .narrow, valueLabels: false) }
        return svg(chart, wide, id: id, variant: "wide") + "\n" + svg(chart, narrow, id: "\(id)-narrow", variant: "narrow")
    }

    private static func layout(_ chart: Chart, _ size: Size, valueLabels: Bool) throws(ChartLayoutError) -> ChartLayout {
        try ChartLayout(chart, width: size.width, height: size.height, fontSize: size.fontSize,
                        smallestText: size.smallestLabel, valueLabels: valueLabels)
    }

    /// One layout as SVG, without `xmlns`: inline in HTML the SVG namespace is implied.
    private static func svg(_ chart: Chart, _ layout: ChartLayout, id: String, variant: String) -> String {
        var out = """
        <svg class="\(variant)" viewBox="0 0 \(n(layout.width)) \(n(layout.height))" role="img" \
        aria-labelledby="\(id)-title \(id)-desc" \
        font-family="SimHei, 'Microsoft YaHei', 'PingFang SC', 'Noto Sans CJK SC', sans-serif">
        <title id="\(id)-title">\(escape(chart.title))</title>
        <desc id="\(id)-desc">\(escape(chart.summary))</desc>

        """
        for mark in layout.marks {
            switch mark {
            case .rect(let x, let y, let w, let h, let color):
                out += "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(w))\" height=\"\(n(h))\" fill=\"\(colour(color))\"/>\n"
            case .polyline(let points, let color):
                let list = points.map { "\(n($0.x)),\(n($0.y))" }.joined(separator: " ")
                out += "<polyline points=\"\(list)\" fill=\"none\" stroke=\"\(colour(color))\" stroke-width=\"2\"/>\n"
                for p in points {
                    out += "<circle cx=\"\(n(p.x))\" cy=\"\(n(p.y))\" r=\"3\" fill=\"\(colour(color))\"/>\n"
                }
            case .rule(let x1, let y1, let x2, let y2, let grid):
                out += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(grid ? "#cccccc" : "#000000")\" stroke-width=\"\(grid ? "0.5" : "1")\"/>\n"
            case .dash(let x1, let y1, let x2, let y2):
                out += "<line x1=\"\(n(x1))\" y1=\"\(n(y1))\" x2=\"\(n(x2))\" y2=\"\(n(y2))\" stroke=\"\(ChartLayout.targetColour)\" stroke-width=\"1.5\"/>\n"
            case .text(let text, let x, let y, let anchor, let size, _):
                out += "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor.rawValue)\" font-size=\"\(n(size))\">\(escape(text))</text>\n"
            }
        }
        return out + "</svg>"
    }

    private static func colour(_ index: Int) -> String { ChartLayout.palette[index % ChartLayout.palette.count] }

    /// Coordinates with at most two decimals, so the markup is stable and short.
    private static func n(_ value: Double) -> String {
        let text = NiceScale.format(value, decimals: 2)
        if text.hasSuffix(".00") { return String(text.dropLast(3)) }
        return text.hasSuffix("0") ? String(text.dropLast()) : text
    }

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }
}
