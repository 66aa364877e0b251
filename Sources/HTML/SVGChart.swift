import Document

/// Writes a chart as SVG with real `<text>`, from the same `ChartLayout` the PDF draws: Cairo's SVG
/// surface would turn the labels into outlines that no screen reader or search can read.
///
/// The SVG is as wide as its column but never narrower than `minimumWidth`, the width at which its
/// smallest label is `smallestText` CSS px: on a phone the chart scrolls sideways in its own box
/// rather than shrinking its labels to an unreadable 5 px (its data table stays beside it).
enum SVGChart {
    /// The smallest label a reader sees, in CSS px.
    static let smallestText = 11.0

    static func svg(_ chart: Chart, id: String, width: Double = 560, height: Double = 300) throws(ChartLayoutError) -> String {
        let layout = try ChartLayout(chart, width: width, height: height, fontSize: 16)
        let sizes = layout.marks.compactMap { mark -> Double? in
            if case .text(_, _, _, _, let size, _) = mark { size } else { nil }
        }
        let minimumWidth = Int((width * smallestText / max(sizes.min() ?? 16, 1)).rounded(.up))
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(width)) \(n(height))" role="img" \
        aria-labelledby="\(id)-title \(id)-desc" style="min-width:\(minimumWidth)px" \
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
