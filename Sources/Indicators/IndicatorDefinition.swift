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
        case count, yuan, percent = "%", perThousand = "per_1000", workingDays = "working_days"

        /// How the unit reads in a table heading.
        public var chinese: String {
            switch self {
            case .count: "个"
            case .yuan: "元"
            case .percent: "%"
            case .perThousand: "‰"
            case .workingDays: "个工作日"
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

    /// 达标 / 预警 / 未达标 against the programme's thresholds; nil without a target or a value.
    public func status(of value: Fraction?, programme: String) -> IndicatorStatus? {
        guard let value, let t = thresholds(for: programme), direction != .none else { return nil }
        let meets: (Fraction) -> Bool = direction == .higher ? { value >= $0 } : { value <= $0 }
        if meets(t.target) { return .met }
        if let w = t.warning, meets(w) { return .warning }
        return .missed
    }
}

public enum IndicatorStatus: String, Sendable, Codable {
    case met = "达标"
    case warning = "预警"
    case missed = "未达标"
}
