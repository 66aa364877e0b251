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
        #expect(dashes.count > 5)
        #expect(Set(dashes.map(\.0)).count == 1 && dashes.allSatisfy { $0.0 == $0.1 })
        #expect(layout.marks.contains { if case .text("目标≥98", _, _, _, _, _) = $0 { true } else { false } })
        let slanted = layout.marks.filter { if case .rule(let x1, let y1, let x2, let y2, false) = $0 { x1 != x2 && y1 != y2 } else { false } }
        #expect(slanted.count == 2)
        #expect(Self.rates.summary.hasSuffix("；目标≥98。"))

        let fromZero = try ChartLayout(Chart(kind: .bar, title: "t", categories: ["a"], series: [Series(name: "s", values: [97])],
                                             fromZero: false), width: 400, height: 220)
        #expect(fromZero.scale.lower == 0)
        #expect(!fromZero.marks.contains { if case .rule(let x1, let y1, let x2, let y2, false) = $0 { x1 != x2 && y1 != y2 } else { false } })
    }

    @Test func targetAndAxisRoundTripThroughJSON() throws {
        let data = try JSONEncoder().encode(Self.rates)
        #expect(try JSONDecoder().decode(Chart.self, from: data) == Self.rates)
        let plain = String(decoding: try JSONEncoder().encode(Chart(kind: .bar, title: "t", categories: ["a"], series: [Series(name: "s", values: [1])])), as: UTF8.self)
        #expect(!plain.contains("fromZero") && !plain.contains("target"))
    }
}
