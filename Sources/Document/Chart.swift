import GongkaiCore
/// A chart with its data. Both renderers draw it from the same `ChartLayout`, and the HTML also prints
/// the data as a table beside it, so no figure exists only as a picture.
public struct Chart: Sendable, Codable, Equatable {
    public enum Kind: String, Sendable, Codable { case bar, groupedBar, line }

    public var kind: Kind
    public var title: String
    public var categoryAxisTitle: String
    public var valueAxisTitle: String
    /// Printed with the value axis title, e.g. "户" → "户数（户）".
    public var unit: String
    public var categories: [String]
    public var series: [Series]
    /// A target drawn as a labelled dashed line across the plot (a rate's 目标), or nil.
    public var target: Target?
    /// Whether the value axis starts at zero. Bars always do; a line of rates that move between 96 and
    /// 99 does not, or it reads flat: its axis starts below the lowest value (or the target) at a
    /// round number, with a break mark on the axis.
    public var fromZero: Bool

    public struct Target: Sendable, Codable, Equatable {
        public var value: Double
        /// "目标≥98".
        public var label: String

        public init(value: Double, label: String) { self.value = value; self.label = label }
    }

    public init(kind: Kind, title: String, categoryAxisTitle: String = "", valueAxisTitle: String = "",
                unit: String = "", categories: [String], series: [Series], target: Target? = nil, fromZero: Bool = true) {
        self.kind = kind
        self.title = title
        self.categoryAxisTitle = categoryAxisTitle
        self.valueAxisTitle = valueAxisTitle
        self.unit = unit
        self.categories = categories
        self.series = series
        self.target = target
        self.fromZero = fromZero || kind != .line
    }

    private enum CodingKeys: String, CodingKey {
        case kind, title, categoryAxisTitle, valueAxisTitle, unit, categories, series, target, fromZero
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        kind = try c.decode(Kind.self, forKey: .kind)
        title = try c.decode(String.self, forKey: .title)
        categoryAxisTitle = try c.decodeIfPresent(String.self, forKey: .categoryAxisTitle) ?? ""
        valueAxisTitle = try c.decodeIfPresent(String.self, forKey: .valueAxisTitle) ?? ""
        unit = try c.decodeIfPresent(String.self, forKey: .unit) ?? ""
        categories = try c.decode([String].self, forKey: .categories)
        series = try c.decode([Series].self, forKey: .series)
        target = try c.decodeIfPresent(Target.self, forKey: .target)
        fromZero = (try c.decodeIfPresent(Bool.self, forKey: .fromZero) ?? true) || kind != .line
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(title, forKey: .title)
        try c.encode(categoryAxisTitle, forKey: .categoryAxisTitle)
        try c.encode(valueAxisTitle, forKey: .valueAxisTitle)
        try c.encode(unit, forKey: .unit)
        try c.encode(categories, forKey: .categories)
        try c.encode(series, forKey: .series)
        try c.encodeIfPresent(target, forKey: .target)
        if !fromZero { try c.encode(false, forKey: .fromZero) }
    }

    /// A data value as printed beside a bar, in the data table and in the summary: every value of the
    /// chart with the same decimals (`valueDecimals`), thousands grouped — never "98." nor 97.8 beside 98.04.
    public func label(_ value: Double) -> String {
        DecimalText.groupingThousands(NiceScale.format(value, decimals: valueDecimals))
    }

    /// The fewest decimals (0–2) that show every value of the chart as it is to two places: the data,
    /// not the axis scale, decides the precision, and one value needing two gives all of them two.
    public var valueDecimals: Int {
        let values = series.flatMap(\.values)
        func shown(_ v: Double, _ d: Int) -> Double { Double(NiceScale.format(v, decimals: d)) ?? v }
        return (0...1).first { d in values.allSatisfy { shown($0, d) == shown($0, 2) } } ?? 2
    }

    /// "户数（户）": the value axis title with its unit, as printed on both renderers.
    public var valueAxisLabel: String {
        unit.isEmpty ? valueAxisTitle : "\(valueAxisTitle)（\(unit)）"
    }
}

public struct Series: Sendable, Codable, Equatable {
    public var name: String
    public var values: [Double]

    public init(name: String, values: [Double]) {
        self.name = name
        self.values = values
    }
}
