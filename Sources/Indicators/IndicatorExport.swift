import Foundation
import GongkaiCore
import Store

/// The one row form of an indicator value for data: the CLI's CSV and JSON, the published
/// indicators.csv/.json and the stored snapshots.
///
/// `value` is the exact value, or 4 decimals when its expansion does not end sooner (`Fraction.dataText`):
/// data carries full precision, while printed tables use `IndicatorDefinition.displayed`. JSON writes
/// numbers as numbers and a missing value as null; CSV writes them as plain decimals and empty cells.
/// A row withheld by the disclosure rule has no value, numerator or denominator and the status 不公布.
/// Only sums and ratios have a numerator, and only ratios a denominator.
public struct IndicatorRow: Sendable, Equatable, Encodable {
    public let indicator: String
    public let programme: String
    public let township: String
    public let month: String
    public let value: String
    public let numerator: Int64?
    public let denominator: Int64?
    public let unit: String
    public let target: String
    public let status: String

    /// The status text of a withheld row.
    public static let withheldStatus = "不公布"

    public static let csvHeader = ["indicator", "programme", "township", "month", "value", "numerator",
                                   "denominator", "unit", "target", "status"]

    public var csvFields: [String] {
        [indicator, programme, township, month, value, numerator.map(String.init) ?? "", denominator.map(String.init) ?? "",
         unit, target, status]
    }

    enum CodingKeys: String, CodingKey { case indicator, programme, township, month, value, numerator, denominator, unit, target, status }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(programme, forKey: .programme)
        try c.encode(township, forKey: .township)
        try c.encode(month, forKey: .month)
        try c.encode(Self.number(value), forKey: .value)
        try c.encode(numerator, forKey: .numerator)
        try c.encode(denominator, forKey: .denominator)
        try c.encode(unit, forKey: .unit)
        try c.encode(Self.number(target), forKey: .target)
        try c.encode(status.isEmpty ? nil : status, forKey: .status)
    }

    /// A plain decimal as a JSON number, exactly as written ("97.98" stays 97.98): Decimal keeps the
    /// digits that a Double would not.
    static func number(_ text: String) -> Decimal? { text.isEmpty ? nil : Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) }
}

extension MonthIndicators {
    /// The rows for a month, optionally filtered to one programme and/or township.
    public func rows(catalog: IndicatorCatalog, programme: String? = nil, township: String? = nil) -> [IndicatorRow] {
        let definitions = Dictionary(catalog.definitions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return values.compactMap { v in
            guard programme.map({ $0 == v.programme }) ?? true, township.map({ $0 == v.township }) ?? true,
                  let d = definitions[v.indicator] else { return nil }
            return IndicatorRow(indicator: v.indicator, programme: v.programme, township: v.township,
                                month: month.description, value: v.value?.dataText() ?? "",
                                // A median's numerator is only its number of cases, not a quantity: not shown.
                                numerator: d.aggregate == .median ? nil : v.numerator, denominator: v.denominator,
                                unit: d.unit.rawValue,
                                target: d.thresholds(for: v.programme)?.target.dataText() ?? "",
                                status: v.suppressed ? IndicatorRow.withheldStatus : v.status?.rawValue ?? "")
        }
    }

    public func snapshotRows(catalog: IndicatorCatalog) -> [IndicatorSnapshots.Row] {
        rows(catalog: catalog).map {
            IndicatorSnapshots.Row(month: month, indicator: $0.indicator, programme: $0.programme, township: $0.township,
                                   numerator: $0.numerator, denominator: $0.denominator,
                                   value: $0.value.isEmpty ? nil : $0.value, status: $0.status.isEmpty ? nil : $0.status)
        }
    }
}
