import Foundation
import GongkaiCore
import Indicators

/// The month's indicators as open data: CSV for spreadsheets, JSON for programs, and a Frictionless
/// data package describing both. Aggregates only: no row in them is about one household.
enum OpenData {
    /// UTF-8 with a BOM so Excel on Chinese Windows opens it as UTF-8; formula cells neutralised.
    static func csv(_ rows: [IndicatorRow]) -> Data {
        var writer = CSVWriter(header: IndicatorRow.csvHeader)
        for row in rows { writer.append(row.csvFields) }
        return Data(writer.utf8WithBOM)
    }

    static func json(_ rows: [IndicatorRow]) throws -> Data { try StableJSON.data(rows) }

    /// Frictionless Data Package (Table Schema) describing indicators.csv and indicators.json.
    static func dataPackage(month: YearMonth, office: OfficeSettings, catalog: IndicatorCatalog) throws -> Data {
        let fields: [[String: String]] = [
            ["name": "indicator", "type": "string", "description": "指标代码 indicator id (templates/indicators.toml)"],
            ["name": "programme", "type": "string", "description": "救助项目代码，all 为全部项目 programme code or all"],
            ["name": "township", "type": "string", "description": "乡镇（街道），all 为全区 township or all (district)"],
            ["name": "month", "type": "yearmonth", "description": "统计月份 month"],
            ["name": "value", "type": "number", "description": "指标值，空为不适用 value; empty when not applicable"],
            ["name": "numerator", "type": "integer", "description": "分子（金额以分计） numerator (money in fen)"],
            ["name": "denominator", "type": "integer", "description": "分母 denominator (ratios only)"],
            ["name": "unit", "type": "string", "description": "单位 unit: count, yuan, %, per_1000, working_days"],
            ["name": "target", "type": "number", "description": "目标值 target"],
            ["name": "status", "type": "string", "description": "达标 / 预警 / 未达标"],
        ]
        let schema: [String: Any] = ["fields": fields, "missingValues": [""],
                                     "primaryKey": ["indicator", "programme", "township", "month"]]
        let package: [String: Any] = [
            "profile": "tabular-data-package",
            "name": "yuanzhou-social-assistance-indicators-\(month)",
            "title": "\(office.district)\(month.chinese)社会救助绩效指标",
            "description": "Outcome indicators of the social-assistance programmes of \(office.district), computed by gongkai from definitions version \(catalog.version).",
            "publisher": office.name,
            "resources": [
                ["name": "indicators", "path": "indicators.csv", "profile": "tabular-data-resource", "format": "csv",
                 "mediatype": "text/csv", "encoding": "utf-8-sig", "schema": schema],
                ["name": "indicators-json", "path": "indicators.json", "format": "json", "mediatype": "application/json",
                 "encoding": "utf-8", "schema": schema],
            ],
        ]
        return try JSONSerialization.data(withJSONObject: package, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }
}
