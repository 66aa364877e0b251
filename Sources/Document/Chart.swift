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

    public init(kind: Kind, title: String, categoryAxisTitle: String = "", valueAxisTitle: String = "",
                unit: String = "", categories: [String], series: [Series]) {
        self.kind = kind
        self.title = title
        self.categoryAxisTitle = categoryAxisTitle
        self.valueAxisTitle = valueAxisTitle
        self.unit = unit
        self.categories = categories
        self.series = series
    }

    private enum CodingKeys: String, CodingKey {
        case kind, title, categoryAxisTitle, valueAxisTitle, unit, categories, series
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
    }

    /// A data value as printed beside a bar and in the data table: no decimals when whole, else up to two
    /// with trailing zeros dropped — the data, not the axis scale, decides the precision.
    public static func format(_ value: Double) -> String {
        if value == value.rounded() { return NiceScale.format(value, decimals: 0) }
        var text = NiceScale.format(value, decimals: 2)
        while text.hasSuffix("0") { text.removeLast() }
        return text
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
