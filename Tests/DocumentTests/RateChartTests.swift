import Document
import Foundation
import Testing

/// A rate chart shows its movement and its target: the axis starts one round step below the data (with
/// a break mark), the target is a labelled dashed line; bars keep starting at zero.
@Suite struct RateChartTests {
    static let rates = Chart(kind: .line, title: "资金按时发放率", valueAxisTitle: "资金按时发放率", unit: "%",
                             categories: ["8月", "9月", "10月"], series: [Series(name: "资金按时发放率", values: [96.2, 98.9, 97.5])],
                             target: Chart.Target(value: 98, label: "目标≥98"), fromZero: false)

    @Test func theAxisStartsBelowTheLowestValueAtARoundNumber() {
        // Span 96.2–98.9 → step 1; the axis runs 96 to 99 instead of 0 to 100.
        let scale = NiceScale(maximum: 98.9, minimum: 96.2, fromZero: false)
        #expect(scale.lower == 96 && scale.upper == 99 && scale.step == 1)
        // A minimum on a tick starts one step lower, so no point lies on the axis.
        #expect(NiceScale(maximum: 99, minimum: 96, fromZero: false).lower == 95)
        // Never below zero for data that is not.
        #expect(NiceScale(maximum: 3, minimum: 0.5, fromZero: false).lower == 0)
        #expect(NiceScale(maximum: 98.9, minimum: 96.2).lower == 0)
    }

    @Test func theTargetIsALabelledDashedLineAndTheAxisIsMarkedBroken() throws {
        let layout = try ChartLayout(Self.rates, width: 400, height: 220)
        let dashes = layout.marks.compactMap { if case .dash(_, let y1, _, let y2) = $0 { (y1, y2) } else { nil } }
        #expect(dashes.allSatisfy { $0.0 == $0.1 })
        // Two rows of dashes: the line across the plot at 98, and the key of two dashes above the plot,
        // beside the label (which no value label then lies under).
        let rows = Dictionary(grouping: dashes.map(\.0), by: { $0 }).mapValues(\.count)
        let line = try #require(rows.max { $0.value < $1.value }), key = try #require(rows.min { $0.value < $1.value })
        #expect(rows.count == 2 && line.value > 5 && key.value == 2 && key.key < line.key)
        let label = layout.marks.compactMap { if case .text("目标≥98", _, let y, _, _, _) = $0 { y } else { nil } }
        #expect(label.count == 1 && label.allSatisfy { abs($0 - 10 * 0.35 - key.key) < 0.01 })
        #expect(layout.scale.lower < 98 && (layout.marks.compactMap { if case .polyline(let p, _) = $0 { p.map(\.y).min() } else { nil } }.first ?? 0) > key.key)
        let slanted = layout.marks.filter { if case .rule(let x1, let y1, let x2, let y2, false) = $0 { x1 != x2 && y1 != y2 } else { false } }
        #expect(slanted.count == 2)
        #expect(Self.rates.summary.hasSuffix("；目标≥98。"))

        let fromZero = try ChartLayout(Chart(kind: .bar, title: "t", categories: ["a"], series: [Series(name: "s", values: [97])],
                                             fromZero: false), width: 400, height: 220)
        #expect(fromZero.scale.lower == 0)
        #expect(!fromZero.marks.contains { if case .rule(let x1, let y1, let x2, let y2, false) = $0 { x1 != x2 && y1 != y2 } else { false } })
    }

    /// A web chart's layout for a phone: no label under the smallest text asked for; value labels too
    /// wide for the room even alternating are refused, and left off when asked (the data table gives
    /// them), the chart otherwise the same.
    @Test func aSmallestTextIsKeptAndValueLabelsCanBeLeftOff() throws {
        let months = Chart(kind: .line, title: "资金按时发放率", valueAxisTitle: "资金按时发放率", unit: "%",
                           categories: (1...13).map { "\($0)月" },
                           series: [Series(name: "资金按时发放率", values: (1...13).map { 96 + Double($0) * 0.137 })],
                           target: Chart.Target(value: 98, label: "目标≥98"), fromZero: false)
        func sizes(_ layout: ChartLayout) -> [Double] {
            layout.marks.compactMap { if case .text(_, _, _, _, let size, _) = $0 { size } else { nil } }
        }
        // By default value labels shrink to 0.6 of the font size: 7.8 at 13.
        let plain = try ChartLayout(months, width: 340, height: 260, fontSize: 13)
        #expect((sizes(plain).min() ?? 0) < 11)
        let legible = try ChartLayout(months, width: 340, height: 260, fontSize: 13, smallestText: 11.1)
        #expect(sizes(legible).allSatisfy { $0 >= 11.1 } && sizes(legible).count == sizes(plain).count)
        // At 16 units, values such as "97.78" need 5 × 0.6 × 16 = 48 units each; thirteen slots of the
        // plot (340 − 54.4 for the ticks − 16) are 20.7 apart, two of them 2 × 20.7 × 0.95 = 39.4.
        #expect(throws: ChartLayoutError.self) { try ChartLayout(months, width: 340, height: 260, fontSize: 16, smallestText: 16) }
        let bare = try ChartLayout(months, width: 340, height: 260, fontSize: 16, smallestText: 16, valueLabels: false)
        let values = Set(months.series[0].values.map(months.label))
        #expect(values.count == 13)
        #expect(!bare.marks.contains { if case .text(let t, _, _, _, _, _) = $0 { values.contains(t) } else { false } })
        #expect(legible.marks.filter { if case .text(let t, _, _, _, _, _) = $0 { values.contains(t) } else { false } }.count == 13)
        #expect(bare.marks.contains { if case .polyline(let points, _) = $0 { points.count == 13 } else { false } })
    }

    @Test func targetAndAxisRoundTripThroughJSON() throws {
        let data = try JSONEncoder().encode(Self.rates)
        #expect(try JSONDecoder().decode(Chart.self, from: data) == Self.rates)
        let plain = String(decoding: try JSONEncoder().encode(Chart(kind: .bar, title: "t", categories: ["a"], series: [Series(name: "s", values: [1])])), as: UTF8.self)
        #expect(!plain.contains("fromZero") && !plain.contains("target"))
    }
}
