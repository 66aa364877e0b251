import GongkaiCore
import Store

/// Flat, pre-formatted rows for the CLI's CSV/JSON, the open-data files and snapshots, so every output
/// prints a value the same way: a plain decimal with '.', the definition's decimals, empty when not
/// applicable.
public struct IndicatorRow: Sendable, Codable, Equatable {
    public let indicator: String
    public let programme: String
    public let township: String
    public let month: String
    public let value: String
    public let numerator: String
    public let denominator: String
    public let unit: String
    public let target: String
    public let status: String

    public static let csvHeader = ["indicator", "programme", "township", "month", "value", "numerator",
                                   "denominator", "unit", "target", "status"]

    public var csvFields: [String] {
        [indicator, programme, township, month, value, numerator, denominator, unit, target, status]
    }
}

extension MonthIndicators {
    /// The rows for a month, optionally filtered to one programme and/or township.
    public func rows(catalog: IndicatorCatalog, programme: String? = nil, township: String? = nil) -> [IndicatorRow] {
        let definitions = Dictionary(uniqueKeysWithValues: catalog.definitions.map { ($0.id, $0) })
        return values.compactMap { v in
            guard programme.map({ $0 == v.programme }) ?? true, township.map({ $0 == v.township }) ?? true,
                  let d = definitions[v.indicator] else { return nil }
            return IndicatorRow(indicator: v.indicator, programme: v.programme, township: v.township,
                                month: month.description, value: v.value?.formatted(decimals: d.decimals) ?? "",
                                numerator: v.numerator.map(String.init) ?? "",
                                denominator: v.denominator.map(String.init) ?? "", unit: d.unit.rawValue,
                                target: d.thresholds(for: v.programme)?.target.formatted(decimals: d.decimals) ?? "",
                                status: v.status?.rawValue ?? "")
        }
    }

    public func snapshotRows(catalog: IndicatorCatalog) -> [IndicatorSnapshots.Row] {
        rows(catalog: catalog).map {
            IndicatorSnapshots.Row(month: month, indicator: $0.indicator, programme: $0.programme, township: $0.township,
                                   numerator: Int64($0.numerator), denominator: Int64($0.denominator),
                                   value: $0.value.isEmpty ? nil : $0.value, status: $0.status.isEmpty ? nil : $0.status)
        }
    }
}
