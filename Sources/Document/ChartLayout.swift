/// The geometry of a chart in a box of a given size: the same marks are drawn by Cairo into the PDF
/// and written as SVG into the HTML, so the two outputs cannot disagree.
public struct ChartLayout: Sendable, Equatable {
    public enum Anchor: String, Sendable { case start, middle, end }

    public enum Mark: Sendable, Equatable {
        /// A filled rectangle in palette colour `color`.
        case rect(x: Double, y: Double, width: Double, height: Double, color: Int)
        /// A line through points in palette colour `color`, with a dot at each point.
        case polyline(points: [Point], color: Int)
        /// An axis (dark) or grid line (light).
        case rule(x1: Double, y1: Double, x2: Double, y2: Double, grid: Bool)
        /// Text with its baseline at `y`.
        case text(String, x: Double, y: Double, anchor: Anchor, size: Double)
    }

    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// Colours that stay distinct in greyscale print.
    public static let palette = ["#1f4e79", "#c55a11", "#7f7f7f", "#548235"]

    public let width: Double
    public let height: Double
    public let scale: NiceScale
    public private(set) var marks: [Mark] = []

    /// Lays out `chart` in `width` × `height` points with labels of `fontSize` points.
    public init(_ chart: Chart, width: Double, height: Double, fontSize: Double = 10) {
        self.width = width
        self.height = height
        let maxValue = chart.series.flatMap(\.values).max() ?? 0
        let minValue = chart.series.flatMap(\.values).min() ?? 0
        scale = NiceScale(maximum: maxValue, minimum: minValue)
        let tickLabels = scale.ticks.map { [scale] in NiceScale.format($0, decimals: scale.decimals) }
        let widestTick = Double(tickLabels.map(\.count).max() ?? 1) * fontSize * 0.6
        let showLegend = chart.series.count > 1

        let left = widestTick + fontSize
        let top = fontSize * 2.2 + (showLegend ? fontSize * 1.8 : 0)
        let bottom = fontSize * 2.2 + (chart.categoryAxisTitle.isEmpty ? 0 : fontSize * 1.6)
        let plot = (x: left, y: top, w: width - left - fontSize, h: height - top - bottom)
        func yOf(_ v: Double) -> Double { plot.y + plot.h * (1 - (v - scale.lower) / (scale.upper - scale.lower)) }

        var marks: [Mark] = []
        marks.append(.text(chart.valueAxisLabel, x: 0, y: fontSize, anchor: .start, size: fontSize))
        for (tick, label) in zip(scale.ticks, tickLabels) {
            let y = yOf(tick)
            marks.append(.rule(x1: plot.x, y1: y, x2: plot.x + plot.w, y2: y, grid: tick != 0))
            marks.append(.text(label, x: plot.x - fontSize * 0.4, y: y + fontSize * 0.35, anchor: .end, size: fontSize))
        }
        marks.append(.rule(x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.y + plot.h, grid: false))

        let slot = plot.w / Double(max(1, chart.categories.count))
        for (i, category) in chart.categories.enumerated() {
            marks.append(.text(category, x: plot.x + slot * (Double(i) + 0.5), y: plot.y + plot.h + fontSize * 1.4,
                               anchor: .middle, size: fontSize))
        }
        if !chart.categoryAxisTitle.isEmpty {
            marks.append(.text(chart.categoryAxisTitle, x: plot.x + plot.w / 2, y: height - fontSize * 0.3,
                               anchor: .middle, size: fontSize))
        }

        switch chart.kind {
        case .bar, .groupedBar:
            let seriesCount = Double(chart.series.count)
            let barWidth = slot * 0.7 / seriesCount
            for (s, series) in chart.series.enumerated() {
                for (i, value) in series.values.enumerated() {
                    let x = plot.x + slot * Double(i) + slot * 0.15 + barWidth * Double(s)
                    let y0 = yOf(0), y1 = yOf(value)
                    marks.append(.rect(x: x, y: min(y0, y1), width: barWidth, height: abs(y0 - y1), color: s))
                    marks.append(.text(Chart.format(value), x: x + barWidth / 2,
                                       y: min(y0, y1) - fontSize * 0.3, anchor: .middle, size: fontSize * 0.85))
                }
            }
        case .line:
            for (s, series) in chart.series.enumerated() {
                let points = series.values.enumerated().map { i, v in
                    Point(x: plot.x + slot * (Double(i) + 0.5), y: yOf(v))
                }
                marks.append(.polyline(points: points, color: s))
                for (point, value) in zip(points, series.values) {
                    marks.append(.text(Chart.format(value), x: point.x,
                                       y: point.y - fontSize * 0.6, anchor: .middle, size: fontSize * 0.85))
                }
            }
        }

        if showLegend {
            var x = plot.x
            let y = fontSize * 2.6
            for (s, series) in chart.series.enumerated() {
                marks.append(.rect(x: x, y: y - fontSize * 0.8, width: fontSize, height: fontSize * 0.8, color: s))
                marks.append(.text(series.name, x: x + fontSize * 1.3, y: y, anchor: .start, size: fontSize))
                x += fontSize * (2.5 + Double(series.name.count))
            }
        }
        self.marks = marks
    }
}
