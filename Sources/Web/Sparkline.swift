import Foundation

/// A small line chart of a figure over the months, drawn on the server in a 130 × 30 SVG box
/// (the dashboard's template writes the markup from these coordinates, so every text in it is
/// escaped by Mustache). The HTML module's `SVGChart` draws full report charts with axes and labels
/// from `ChartLayout`; a sparkline has neither, and a dozen of them fit one phone screen.
///
/// A month without a figure (no snapshot, or withheld) is a gap: the line is cut there rather than
/// drawn through a value nobody computed.
struct Sparkline {
    static let width = 130.0
    let values: [Double?]
    /// The values at the bottom and the top of the box.
    let low: Double, high: Double

    /// Counts: from zero up to the highest (at least 1), so an empty month lies on the floor.
    init(values: [Int]) {
        self.values = values.map(Double.init)
        low = 0
        high = Double(max(values.max() ?? 0, 1))
    }

    /// Rates and amounts: the box spans the values and `including` (the target), so a line near
    /// its target is not flattened against a zero floor far below it.
    init(values: [Double?], including extra: [Double]) {
        self.values = values
        let all = values.compactMap { $0 } + extra
        low = all.min() ?? 0
        high = max(all.max() ?? 1, low + 1e-9)
    }

    func x(_ index: Int) -> Double { values.count > 1 ? Double(index) * Self.width / Double(values.count - 1) : 0 }

    /// The height of `value` in the box, highest at the top.
    func y(_ value: Double) -> Double { 28.0 - 26.0 * (value - low) / (high - low) }

    /// The points of each unbroken run of months, as SVG `polyline` points.
    var segments: [String] {
        var runs: [[String]] = [[]]
        for (i, value) in values.enumerated() {
            guard let value else { if !(runs.last?.isEmpty ?? true) { runs.append([]) }; continue }
            runs[runs.count - 1].append(String(format: "%.1f,%.1f", x(i), y(value)))
        }
        return runs.filter { !$0.isEmpty }.map { $0.joined(separator: " ") }
    }

    /// Every month with a figure, as (x, y): a dot each, so a month alone between two gaps shows too.
    var dots: [(x: String, y: String)] {
        values.enumerated().compactMap { i, value in
            value.map { (String(format: "%.1f", x(i)), String(format: "%.1f", y($0))) }
        }
    }

    /// Every point in one line (counts, which have no gaps).
    var points: String { segments.joined(separator: " ") }
}
