import GongkaiCore

/// The geometry of a chart in a box of a given size: the same marks are drawn by Cairo into the PDF
/// and written as SVG into the HTML, so the two outputs cannot disagree.
///
/// Every label is given the room it needs, never cut and never drawn over its neighbours: a category
/// label wider than its slot wraps onto more lines (the plot gets shorter); value labels too wide for
/// the space between bars are set smaller, down to `smallestLabel` of the font size (or a given
/// smallest text), and then
/// alternate between two heights; a legend too long for one row takes more rows; a value axis title
/// too long for the width wraps. A chart that still
/// cannot hold its labels throws `ChartLayoutError` naming it, so the author can shorten the labels or
/// use a table. Widths are estimated from the characters (`estimatedWidth`), the same in both outputs.
public struct ChartLayout: Sendable, Equatable {
    public enum Anchor: String, Sendable { case start, middle, end }

    public enum Mark: Sendable, Equatable {
        /// A filled rectangle in palette colour `color`.
        case rect(x: Double, y: Double, width: Double, height: Double, color: Int)
        /// A line through points in palette colour `color`, with a dot at each point.
        case polyline(points: [Point], color: Int)
        /// An axis (dark) or grid line (light).
        case rule(x1: Double, y1: Double, x2: Double, y2: Double, grid: Bool)
        /// One dash of a target line, in the target colour (`targetColour`).
        case dash(x1: Double, y1: Double, x2: Double, y2: Double)
        /// Text with its baseline at `y`, given at most `room` points of width: a renderer whose font
        /// measures it wider than the estimate sets it smaller to fit, never over its neighbours.
        case text(String, x: Double, y: Double, anchor: Anchor, size: Double, room: Double)
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
    /// The colour of a target line and its label.
    public static let targetColour = "#b00020"
    /// Value labels shrink to this share of the font size before they alternate heights.
    public static let smallestLabel = 0.6
    /// Value labels start at this share of the font size.
    static let valueLabel = 0.85

    public let width: Double
    public let height: Double
    public let scale: NiceScale
    /// Whether the value labels alternate between two heights, the bars or points too close for one row.
    public let valueLabelsAlternate: Bool
    public private(set) var marks: [Mark] = []

    /// Lays out `chart` in `width` × `height` points with labels of `fontSize` points.
    ///
    /// `smallestText`: no label smaller than this (at most `fontSize`), where the chart is shown at a
    /// known scale — a web page's SVG, whose text must stay legible on a phone — instead of the default
    /// `smallestLabel` share of the font size. `valueLabels: false` leaves the values off the bars and
    /// points, for a narrow chart whose data table beside it gives them.
    public init(_ chart: Chart, width: Double, height: Double, fontSize: Double = 10, smallestText: Double? = nil,
                valueLabels: Bool = true) throws(ChartLayoutError) {
        let f = fontSize
        let smallest = min(f, max(f * Self.smallestLabel, smallestText ?? 0))
        func fail(_ reason: String) -> ChartLayoutError { ChartLayoutError(chart: chart.title, reason: reason) }
        self.width = width
        self.height = height
        let values = chart.series.flatMap(\.values)
        let withTarget = values + (chart.target.map { [$0.value] } ?? [])
        scale = NiceScale(maximum: withTarget.max() ?? 0, minimum: withTarget.min() ?? 0, fromZero: chart.fromZero)
        // Ticks in the one number format: thousands grouped, as the values and the data table print them.
        let tickLabels = scale.ticks.map { [scale] in DecimalText.groupingThousands(NiceScale.format($0, decimals: scale.decimals)) }
        let widestTick = tickLabels.map { Self.estimatedWidth($0, size: f) }.max() ?? f

        // Above the plot: the value axis title (wrapped to the width), then the legend rows.
        var marks: [Mark] = []
        let axisLines = Self.wrap(chart.valueAxisLabel, size: f, room: width)
        for (i, line) in axisLines.enumerated() {
            marks.append(.text(line, x: 0, y: f + Double(i) * f * 1.4, anchor: .start, size: f, room: width))
        }
        var top = f * 1.2 + Double(max(1, axisLines.count)) * f * 1.4 - f * 0.4
        if let target = chart.target {
            // The target's key — two dashes and its label — at the right of the axis title's last line,
            // or on a line of its own below it: at the end of the dashed line it would lie over the
            // value labels of the points near the target.
            let labelWidth = Self.estimatedWidth(target.label, size: f), key = f * 1.7
            let lastLine = Self.estimatedWidth(axisLines.last ?? "", size: f)
            var y = f + Double(max(0, axisLines.count - 1)) * f * 1.4
            if !axisLines.isEmpty && lastLine + f + key + labelWidth > width {
                y += f * 1.4
                top += f * 1.4
            }
            guard key + labelWidth <= width else { throw fail("its target label '\(target.label)' is too long for the width; shorten it") }
            let start = width - labelWidth - key
            marks.append(.dash(x1: start, y1: y - f * 0.35, x2: start + f * 0.5, y2: y - f * 0.35))
            marks.append(.dash(x1: start + f * 0.8, y1: y - f * 0.35, x2: start + f * 1.3, y2: y - f * 0.35))
            marks.append(.text(target.label, x: width, y: y, anchor: .end, size: f, room: labelWidth))
        }
        let left = widestTick + f
        let plotWidth = width - left - f
        guard plotWidth >= f * 2 else { throw fail("its tick labels leave no room for the plot; use smaller units") }
        if chart.series.count > 1 {
            // Legend entries in rows as wide as the plot: a swatch, the name, a gap.
            var x = left, y = top + f * 1.4
            for (s, series) in chart.series.enumerated() {
                let nameRoom = plotWidth - f * 1.3
                let nameWidth = Self.estimatedWidth(series.name, size: f)
                guard nameWidth <= nameRoom else {
                    throw fail("the series name '\(series.name)' is too long for the legend; shorten it")
                }
                if x > left && x + f * 1.3 + nameWidth > left + plotWidth {
                    x = left
                    y += f * 1.6
                }
                marks.append(.rect(x: x, y: y - f * 0.8, width: f, height: f * 0.8, color: s))
                marks.append(.text(series.name, x: x + f * 1.3, y: y, anchor: .start, size: f, room: nameRoom))
                x += f * 2.5 + nameWidth
            }
            top = y + f * 0.8
        }

        // Below the plot: category labels wrapped to their slots, then the category axis title.
        let slot = plotWidth / Double(max(1, chart.categories.count))
        let widestCharacter = chart.categories.flatMap { $0.unicodeScalars.map { Self.estimatedWidth(String($0), size: 1) } }.max() ?? 1
        let categorySize = min(f, slot * 0.95 / widestCharacter)
        guard categorySize >= smallest else {
            throw fail("\(chart.categories.count) categories leave \(Self.points(slot)) pt each, too narrow for their labels; use fewer categories or a table")
        }
        let categoryLines = chart.categories.map { Self.wrap($0, size: categorySize, room: slot * 0.95) }
        let categoryRows = Double(categoryLines.map(\.count).max() ?? 1)
        let axisTitleLines = Self.wrap(chart.categoryAxisTitle, size: f, room: plotWidth)
        let bottom = f * 0.9 + categoryRows * categorySize * 1.3 + Double(axisTitleLines.count) * f * 1.6

        // Value labels: the closest two are a bar apart (grouped bars) or a slot apart.
        let seriesCount = Double(chart.series.count)
        let barWidth = slot * 0.7 / seriesCount
        let spacing = chart.kind == .line || chart.series.count == 1 ? slot : barWidth
        let widestValue = values.map { Self.estimatedWidth(chart.label($0), size: 1) }.max() ?? 1
        let valueSize = min(max(f * Self.valueLabel, smallest), spacing * 0.95 / widestValue)
        let alternate = valueLabels && valueSize < smallest
        let labelSize = max(valueSize, smallest)
        if alternate && labelSize * widestValue > 2 * spacing * 0.95 {
            throw fail("its value labels need \(Self.points(labelSize * widestValue)) pt but the bars are \(Self.points(spacing)) pt apart; use fewer categories or series, or a table")
        }
        if alternate { top += labelSize * 1.2 }
        valueLabelsAlternate = alternate

        let plot = (x: left, y: top, w: plotWidth, h: height - top - bottom)
        guard plot.h >= f * 2 else {
            throw fail("its labels leave no room for the plot in \(Self.points(height)) pt; shorten the labels or raise chart_height_mm in page.toml")
        }
        func yOf(_ v: Double) -> Double { plot.y + plot.h * (1 - (v - scale.lower) / (scale.upper - scale.lower)) }

        for (tick, label) in zip(scale.ticks, tickLabels) {
            let y = yOf(tick)
            marks.append(.rule(x1: plot.x, y1: y, x2: plot.x + plot.w, y2: y, grid: tick != 0))
            marks.append(.text(label, x: plot.x - f * 0.4, y: y + f * 0.35, anchor: .end, size: f, room: widestTick + f * 0.6))
        }
        marks.append(.rule(x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.y + plot.h, grid: false))
        if scale.lower != 0 {
            // The axis does not start at zero: two slanted strokes across its foot say it is broken.
            for offset in [0.0, f * 0.35] {
                let y = plot.y + plot.h - f * 0.5 - offset
                marks.append(.rule(x1: plot.x - f * 0.35, y1: y + f * 0.15, x2: plot.x + f * 0.35, y2: y - f * 0.15, grid: false))
            }
        }
        if let target = chart.target {
            // The target as a dashed line across the plot, its label in the key above the plot.
            let y = yOf(target.value)
            var x = plot.x
            while x < plot.x + plot.w {
                marks.append(.dash(x1: x, y1: y, x2: min(x + f * 0.5, plot.x + plot.w), y2: y))
                x += f * 0.8
            }
        }

        for (i, lines) in categoryLines.enumerated() {
            for (row, line) in lines.enumerated() {
                marks.append(.text(line, x: plot.x + slot * (Double(i) + 0.5),
                                   y: plot.y + plot.h + f * 0.4 + categorySize * (1.0 + 1.3 * Double(row)),
                                   anchor: .middle, size: categorySize, room: slot * 0.95))
            }
        }
        for (row, line) in axisTitleLines.enumerated() {
            marks.append(.text(line, x: plot.x + plot.w / 2,
                               y: height - f * 0.3 - Double(axisTitleLines.count - 1 - row) * f * 1.4,
                               anchor: .middle, size: f, room: plot.w))
        }

        let labelRoom = (alternate ? 2 : 1) * spacing * 0.95
        func valueLabel(_ value: Double, x: Double, above y: Double, index: Int) -> Mark {
            let raise = alternate && index % 2 == 1 ? labelSize * 1.2 : 0
            return .text(chart.label(value), x: x, y: y - raise, anchor: .middle, size: labelSize, room: labelRoom)
        }
        switch chart.kind {
        case .bar, .groupedBar:
            for (s, series) in chart.series.enumerated() {
                for (i, value) in series.values.enumerated() {
                    let x = plot.x + slot * Double(i) + slot * 0.15 + barWidth * Double(s)
                    let y0 = yOf(0), y1 = yOf(value)
                    marks.append(.rect(x: x, y: min(y0, y1), width: barWidth, height: abs(y0 - y1), color: s))
                    if valueLabels {
                        marks.append(valueLabel(value, x: x + barWidth / 2, above: min(y0, y1) - f * 0.3,
                                                index: i * chart.series.count + s))
                    }
                }
            }
        case .line:
            for (s, series) in chart.series.enumerated() {
                let points = series.values.enumerated().map { i, v in
                    Point(x: plot.x + slot * (Double(i) + 0.5), y: yOf(v))
                }
                marks.append(.polyline(points: points, color: s))
                for (i, (point, value)) in zip(points, series.values).enumerated() where valueLabels {
                    marks.append(valueLabel(value, x: point.x, above: point.y - f * 0.6, index: i))
                }
            }
        }
        self.marks = marks
    }

    /// The width of `text` at `size`, estimated from its characters as the CJK faces set them: one em
    /// for a CJK character, full-width form or punctuation from U+2000 on, 0.6 em for Latin letters
    /// and digits, nothing for combining marks. Generous for the text a chart holds, so a label given
    /// its estimate fits in both outputs.
    public static func estimatedWidth(_ text: String, size: Double) -> Double {
        var ems = 0.0
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x300...0x36F, 0x200B...0x200D, 0xFE00...0xFE0F: break
            case 0x2000...: ems += 1
            default: ems += 0.6
            }
        }
        return ems * size
    }

    /// `text` in lines no wider than `room` (estimated), broken between characters: chart labels are
    /// short names and numbers, where any break is better than a label over its neighbour's.
    static func wrap(_ text: String, size: Double, room: Double) -> [String] {
        var lines: [String] = [], line = "", lineWidth = 0.0
        for character in text {
            let w = estimatedWidth(String(character), size: size)
            if !line.isEmpty && lineWidth + w > room {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            line.append(character)
            lineWidth += w
        }
        if !line.isEmpty { lines.append(line) }
        return lines
    }

    static func points(_ value: Double) -> String { NiceScale.format(value, decimals: 0) }
}

/// A chart whose labels cannot be given room in its box, said so that the author can act.
public struct ChartLayoutError: Error, Sendable, Equatable, CustomStringConvertible {
    public let chart: String
    public let reason: String

    public init(chart: String, reason: String) {
        self.chart = chart
        self.reason = reason
    }

    public var description: String { "chart '\(chart)': \(reason)" }
}
