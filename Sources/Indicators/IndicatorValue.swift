import GongkaiCore

/// One computed figure: an indicator for a programme (or "all") in a township (or "all" = district)
/// for a month, with the numerator and denominator it came from.
public struct IndicatorValue: Sendable {
    public let indicator: String
    public let programme: String
    public let township: String
    public let month: YearMonth
    public let numerator: Int64?
    public let denominator: Int64?
    /// nil when not applicable (0/0, or no cases for a median): printed as —; also nil when suppressed.
    public let value: Fraction?
    public let status: IndicatorStatus?
    /// Hidden by the release's disclosure rule (a small count that could point at a person): value,
    /// numerator, denominator and status are all withheld, and public files print `*`.
    public var suppressed = false

    /// The same entry with everything withheld.
    func withheld() -> IndicatorValue {
        var v = IndicatorValue(indicator: indicator, programme: programme, township: township, month: month,
                               numerator: nil, denominator: nil, value: nil, status: nil)
        v.suppressed = true
        return v
    }
}

/// Every indicator for one month, in definition order, then programme order, then township order
/// (the district, "all", first).
public struct MonthIndicators: Sendable {
    public let month: YearMonth
    public let values: [IndicatorValue]
    private let index: [String: Int]

    init(month: YearMonth, values: [IndicatorValue]) {
        self.month = month
        self.values = values
        var index: [String: Int] = [:]
        for (i, v) in values.enumerated() { index["\(v.indicator)|\(v.programme)|\(v.township)"] = i }
        self.index = index
    }

    /// The month as a public file may show it: the entries `isHidden` answers true for are withheld.
    public func suppressing(_ isHidden: (_ indicator: String, _ programme: String, _ township: String) -> Bool) -> MonthIndicators {
        MonthIndicators(month: month, values: values.map { isHidden($0.indicator, $0.programme, $0.township) ? $0.withheld() : $0 })
    }

    public subscript(indicator: String, programme: String, township: String) -> IndicatorValue? {
        index["\(indicator)|\(programme)|\(township)"].map { values[$0] }
    }

    /// This month's value minus `earlier`'s, computed exactly and rounded once to `decimals`:
    /// `sign` is 0 when the rounded difference is zero, and `magnitude` has no sign. nil when either
    /// value is not applicable (or, beyond any real count, the exact difference exceeds 128 bits).
    public func difference(_ indicator: String, programme: String, township: String,
                           since earlier: MonthIndicators, decimals: Int) -> (sign: Int, magnitude: String)? {
        guard let now = self[indicator, programme, township]?.value,
              let then = earlier[indicator, programme, township]?.value,
              let difference = now.subtracting(then) else { return nil }
        let text = difference.formatted(decimals: decimals)
        if text.allSatisfy({ $0 == "0" || $0 == "." }) { return (0, text) }
        return text.hasPrefix("-") ? (-1, String(text.dropFirst())) : (1, text)
    }
}

public enum IndicatorError: Error, CustomStringConvertible {
    case calendarNotCovered(indicator: String, month: YearMonth, date: CivilDate)
    case query(indicator: String, month: YearMonth, message: String)
    case overflow(indicator: String, month: YearMonth, level: String)

    public var description: String {
        switch self {
        case .calendarNotCovered(let id, let month, let date):
            "\(month) 的 \(id)：没有 \(date.year) 年的节假日安排（计算 \(date) 需要）：请添加 templates/calendar/\(date.year).toml"
        case .query(let id, let month, let message):
            "\(month) 的 \(id)：\(message)"
        case .overflow(let id, let month, let level):
            "\(month) 的 \(id)（\(level.replacingOccurrences(of: "|", with: ", "))）：合计超出任何真实的件数或金额：请检查导入的金额和件数中是否有输错的数值"
        }
    }
}
