import Document
import GongkaiCore
import Indicators

/// Reads the evaluation inputs' indicator values as the report prints them. One place decides how a
/// value, a change, a target and a status read, so every table and sentence of the report agrees.
///
/// Values are exact fractions rounded once, here, with each definition's decimals; changes are the
/// exact difference of two values, rounded the same way, so "环比" never drifts from the printed values
/// by more than the rounding of one figure.
struct IndicatorReader {
    let inputs: EvaluationInputs
    private let definitionsByID: [String: IndicatorDefinition]

    init(_ inputs: EvaluationInputs) {
        self.inputs = inputs
        definitionsByID = Dictionary(inputs.catalog.definitions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// nil when an office has removed the indicator from its definitions: the report then leaves it out.
    func definition(_ id: String) -> IndicatorDefinition? { definitionsByID[id] }

    func definitions(_ ids: [String]) -> [IndicatorDefinition] { ids.compactMap(definition) }

    /// "资金按时发放率（%）": the name with the unit it is printed in.
    func label(_ d: IndicatorDefinition) -> String { "\(d.name)（\(d.unitLabel)）" }

    func exact(_ d: IndicatorDefinition, _ programme: String, township: String = "all",
               in month: MonthIndicators? = nil) -> Fraction? {
        (month ?? inputs.current)[d.id, programme, township]?.value
    }

    /// The value as printed (`IndicatorDefinition.displayed`: never reading equal to a threshold it
    /// is not), with thousands separators; "—" when not applicable, "*" when withheld.
    func value(_ d: IndicatorDefinition, _ programme: String, township: String = "all",
               in month: MonthIndicators? = nil) -> String {
        if (month ?? inputs.current)[d.id, programme, township]?.suppressed == true { return "*" }
        return exact(d, programme, township: township, in: month).map { Self.grouped(d.displayed($0, programme: programme)) } ?? "—"
    }

    /// One indicator's values down a table column, one per township ("all": the district): every value
    /// with the decimals the most exact of them needs, so the column reads alike.
    func column(_ d: IndicatorDefinition, _ programme: String, townships: [String]) -> [String] {
        let decimals = townships.compactMap { t in exact(d, programme, township: t).map { d.displayDecimals($0, programme: programme) } }
            .max() ?? d.decimals
        return townships.map { t in
            if inputs.current[d.id, programme, t]?.suppressed == true { return "*" }
            return exact(d, programme, township: t).map { Self.grouped(d.displayed($0, programme: programme, atLeast: decimals)) } ?? "—"
        }
    }

    /// The printed value as a number for a chart, so a chart's data labels match the tables.
    func plotted(_ d: IndicatorDefinition, _ programme: String, township: String = "all",
                 in month: MonthIndicators? = nil) -> Double? {
        exact(d, programme, township: township, in: month).flatMap { Double(d.displayed($0, programme: programme)) }
    }

    /// This month's value minus `earlier`'s, rounded to the definition's decimals: nil when either is
    /// not applicable. `sign` is 0 when the rounded difference is zero.
    func difference(_ d: IndicatorDefinition, _ programme: String, township: String = "all",
                    from earlier: MonthIndicators?) -> (sign: Int, magnitude: String)? {
        guard let earlier, let diff = inputs.current.difference(d.id, programme: programme, township: township,
                                                                 since: earlier, decimals: d.decimals) else { return nil }
        return (diff.sign, Self.grouped(diff.magnitude))
    }

    /// "+1.2", "−0.5" (with a true minus sign), "持平", or "—" when there is nothing to compare with.
    func change(_ d: IndicatorDefinition, _ programme: String, township: String = "all",
                from earlier: MonthIndicators?) -> String {
        guard let diff = difference(d, programme, township: township, from: earlier) else { return "—" }
        switch diff.sign {
        case 0: return "持平"
        case 1: return "+" + diff.magnitude
        default: return "−" + diff.magnitude
        }
    }

    /// "增加12户", "提高0.3个百分点", "持平": the change on last month in prose, where a percentage
    /// changes by 个百分点, not by per cent.
    func changeOnLastMonth(_ d: IndicatorDefinition, _ programme: String) -> String {
        guard let diff = difference(d, programme, from: inputs.previous) else { return "无可比数据" }
        let percent = d.unit == .percent
        let unit = percent ? "个百分点" : d.unitLabel
        switch diff.sign {
        case 0: return "持平"
        case 1: return (percent ? "提高" : "增加") + diff.magnitude + unit
        default: return (percent ? "下降" : "减少") + diff.magnitude + unit
        }
    }

    func status(_ d: IndicatorDefinition, _ programme: String, township: String = "all") -> IndicatorStatus? {
        inputs.current[d.id, programme, township]?.status
    }

    func figureStatus(_ d: IndicatorDefinition, _ programme: String) -> FigureStatus {
        switch status(d, programme) {
        case .met: .met
        case .warning: .warning
        case .missed: .notMet
        case nil: .neutral
        }
    }

    /// "≥98", "≤20"; "—" for an indicator that is only monitored.
    func target(_ d: IndicatorDefinition, _ programme: String) -> String {
        guard let t = d.thresholds(for: programme), d.direction != .none else { return "—" }
        return Self.bound(d, t.target)
    }

    /// "≥98" or "≤20", the comparison the direction implies.
    static func bound(_ d: IndicatorDefinition, _ value: Fraction) -> String {
        (d.direction == .lower ? "≤" : "≥") + value.formatted(decimals: d.decimals)
    }

    /// Whether the programme had anyone in assistance this month: programmes without cases get no
    /// section of their own.
    func isActive(_ programme: String) -> Bool {
        guard let d = definition("households_active"), let v = exact(d, programme) else { return false }
        return v > Fraction(integer: 0)
    }

    /// "1234567.00" → "1,234,567.00", as printed tables group figures.
    static func grouped(_ plain: String) -> String { DecimalText.groupingThousands(plain) }

    /// "98.5" for part/whole as a percentage with one decimal; "—" when the whole is zero.
    static func percent(_ part: Int, of whole: Int) -> String {
        Fraction.percentText(part, of: whole) ?? "—"
    }

    /// "12.5" for a quotient with one decimal; "—" when the divisor is zero.
    static func quotient(_ a: Int, _ b: Int) -> String {
        Fraction(Int128(a), Int128(b))?.formatted(decimals: 1) ?? "—"
    }
}
