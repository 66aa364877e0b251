import GongkaiCore
import Store

/// One indicator, as written in templates/indicators.toml: what it measures, how it is computed
/// (SQL over the documented views), and how it is judged (direction, target, warning).
///
/// Following DHIS2's model, an indicator is data: a numerator, an optional denominator, a factor.
/// Every statement returns rows of (programme, township, value); values at the district level are
/// recomputed from summed numerators and denominators, never averaged.
public struct IndicatorDefinition: Sendable {
    public enum Unit: String, Sendable, CaseIterable {
        case count, yuan, percent = "%", perThousand = "per_1000", workingDays = "working_days", hours

        /// How the unit reads in a table heading.
        public var chinese: String {
            switch self {
            case .count: "个"
            case .yuan: "元"
            case .percent: "%"
            case .perThousand: "‰"
            case .workingDays: "个工作日"
            case .hours: "学时"
            }
        }
    }

    /// sum: the numerator's total; ratio: numerator ÷ denominator; median: the median of the
    /// numerator's rows (one row per case).
    public enum Aggregate: String, Sendable, CaseIterable { case sum, ratio, median }

    public enum Direction: String, Sendable, CaseIterable { case higher, lower, none }

    public struct Thresholds: Sendable, Equatable {
        public let target: Fraction
        public let warning: Fraction?
    }

    public let id: String
    public let name: String
    public let nameEnglish: String
    public let unit: Unit
    /// How the unit is printed, when the unit's own label does not fit (e.g. 学时/人).
    public let unitLabel: String
    public let aggregate: Aggregate
    public let direction: Direction
    public let factor: Fraction
    public let decimals: Int
    /// Programme codes this indicator is reported for, including "all".
    public let programmes: [String]
    /// Whether the all-programme level is the sum of the programmes' rows (`all_programmes = "sum"`:
    /// counts and sums of rows, where nothing belongs to two programmes at once). Such statements skip
    /// the views' `all` rows and read half as much; distinct counts must query `all` themselves.
    public let allProgrammesBySum: Bool
    public let thresholds: Thresholds?
    public let thresholdsByProgramme: [String: Thresholds]
    /// Chinese definition text, printed in the report's methodology appendix.
    public let definition: String
    public let numeratorText: String
    public let denominatorText: String?
    public let sources: [String]
    public let numerator: DefinitionQuery
    public let denominator: DefinitionQuery?
    /// Returns the first day number that the holiday calendar does not cover, or NULL when all do.
    public let calendarCheck: DefinitionQuery?
    /// The line in the definitions file where this indicator starts.
    public let line: Int

    public func thresholds(for programme: String) -> Thresholds? { thresholdsByProgramme[programme] ?? thresholds }

    /// The most decimals a printed value takes to stay apart from a threshold it is not equal to.
    public static let maximumDisplayDecimals = 4

    /// The value as printed everywhere (PDF, HTML, the CLI, open data's display columns): the
    /// definition's decimals, or more when that rounding would make a value that is not equal to the
    /// target (or the warning level) read as equal to it. 97.98 against ≥98.0 prints 97.98 (预警), not
    /// 98.0; 98.03 prints 98.03 (达标). So a printed number never contradicts its status; the status
    /// itself is always decided on the exact fraction.
    /// At the most decimals, a value still reading as a bound is rounded away from it (97.99999 → 97.9999).
    /// `atLeast`: a whole column's decimals (`displayDecimals` of its most exact value), so that a column
    /// never prints 97.8 above 98.04.
    public func displayed(_ value: Fraction, programme: String, atLeast minimum: Int = 0) -> String {
        let start = max(decimals, minimum)
        guard direction != .none, let t = thresholds(for: programme) else { return value.formatted(decimals: start) }
        let bounds = [t.target, t.warning].compactMap { $0 }.filter { $0 != value }
        func readsAsBound(_ decimals: Int) -> Fraction? {
            bounds.first { value.formatted(decimals: decimals) == $0.formatted(decimals: decimals) }
        }
        var decimals = start
        while decimals < Self.maximumDisplayDecimals, readsAsBound(decimals) != nil { decimals += 1 }
        guard let bound = readsAsBound(decimals) else { return value.formatted(decimals: decimals) }
        return value.formatted(decimals: decimals, rounding: value < bound ? .down : .up)
    }

    /// How many decimals `displayed` prints `value` with.
    public func displayDecimals(_ value: Fraction, programme: String) -> Int {
        displayed(value, programme: programme).split(separator: ".").dropFirst().first?.count ?? 0
    }

    /// 达标 / 预警 / 未达标 against the programme's thresholds; nil without a target or a value.
    public func status(of value: Fraction?, programme: String) -> IndicatorStatus? {
        guard let value, let t = thresholds(for: programme), direction != .none else { return nil }
        let meets: (Fraction) -> Bool = direction == .higher ? { value >= $0 } : { value <= $0 }
        if meets(t.target) { return .met }
        if let w = t.warning, meets(w) { return .warning }
        return .missed
    }
}

public enum IndicatorStatus: String, Sendable, Codable, CaseIterable {
    case met = "达标"
    case warning = "预警"
    case missed = "未达标"
}
