import Foundation

/// Axis ticks at round numbers (1, 2, 5 × 10ⁿ) that cover the data, after Heckbert's "nice numbers".
/// The value axis always starts at zero: a bar chart that does not is misleading.
public struct NiceScale: Sendable, Equatable {
    public let lower: Double
    public let upper: Double
    public let step: Double

    /// The smallest span of data drawn to scale: below it the data is flat at chart resolution, and
    /// the tick labels would need more decimals than a line holds.
    public static let smallestSpan = 1e-6

    /// Any inputs give a usable scale: data that is flat, not finite or spans less than `smallestSpan`
    /// gets the axis 0–1, so no tick count or decimal count can be out of range.
    /// `fromZero: false` (a line of rates): the axis starts one round step below `minimum` instead of
    /// at zero (never below zero for data that is not), so the movement fills the plot.
    public init(maximum: Double, minimum: Double = 0, targetTicks: Int = 5, fromZero: Bool = true) {
        if !fromZero, minimum > 0, maximum > minimum, maximum.isFinite {
            let step = NiceScale.nice(NiceScale.nice(maximum - minimum, round: false) / Double(Swift.max(2, targetTicks) - 1), round: true)
            let lower = Swift.max(0, ((minimum / step).rounded(.down) - (minimum.truncatingRemainder(dividingBy: step) == 0 ? 1 : 0)) * step)
            let upper = (maximum / step).rounded(.up) * step
            if step.isFinite, step > 0, upper - lower >= NiceScale.smallestSpan {
                self.step = step; self.lower = lower; self.upper = upper
                return
            }
        }
        let low = Swift.min(0, minimum)
        let high = Swift.max(maximum, low)
        let span = high - low
        let step = NiceScale.nice(NiceScale.nice(span, round: false) / Double(Swift.max(2, targetTicks) - 1), round: true)
        let lower = (low / step).rounded(.down) * step, upper = (high / step).rounded(.up) * step
        guard span.isFinite, span >= NiceScale.smallestSpan, step.isFinite, lower.isFinite, upper.isFinite else {
            self.lower = 0; self.upper = 1; self.step = 0.2
            return
        }
        self.step = step
        self.lower = lower
        self.upper = upper
    }

    public var ticks: [Double] {
        let count = Int(((upper - lower) / step).rounded()) + 1
        return (0..<count).map { lower + Double($0) * step }
    }

    /// Decimal places the tick labels need, so 0.5 steps print "2.5" and integer steps print "20".
    public var decimals: Int {
        step >= 1 ? 0 : Int((-log10(step)).rounded(.up))
    }

    static func nice(_ x: Double, round: Bool) -> Double {
        let exponent = log10(x).rounded(.down)
        let fraction = x / pow(10, exponent)
        let niceFraction: Double
        if round {
            niceFraction = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10
        } else {
            niceFraction = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10
        }
        return niceFraction * pow(10, exponent)
    }

    /// A number as printed on a chart: fixed decimals, no grouping, "-" for negatives.
    public static func format(_ value: Double, decimals: Int) -> String {
        String(format: "%.\(decimals)f", value)
    }
}
