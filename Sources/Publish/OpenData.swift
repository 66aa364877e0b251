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

    /// Frictionless Data Package describing indicators.csv and indicators.json, both as tabular
    /// resources with one Table Schema (its fields in each file's column order), so `frictionless validate datapackage.json` checks every row
    /// of both. `created` is the release's publication date (never the clock) and `version` its
    /// release number, so the package reproduces with the release.
    static func dataPackage(month: YearMonth, release: Int, publicationDate: CivilDate, office: OfficeSettings,
                            catalog: IndicatorCatalog) throws -> Data {
        let units = IndicatorDefinition.Unit.allCases.map(\.rawValue)
        let statuses = IndicatorStatus.allCases.map(\.rawValue) + [IndicatorRow.withheldStatus]
        let schema = DataPackage.Schema(fields: [
            .init(name: "indicator", type: "string", description: "指标代码，定义见 templates/indicators.toml。Indicator id.",
                  constraints: .init(required: true, enumeration: catalog.definitions.map(\.id))),
            .init(name: "programme", type: "string", description: "救助项目代码，all 为全部项目。Programme code, or all.",
                  constraints: .init(required: true, enumeration: Programme.allCases.map(\.rawValue) + ["all"])),
            .init(name: "township", type: "string", description: "乡镇（街道），all 为全区。Township, or all (the district).",
                  constraints: .init(required: true)),
            .init(name: "month", type: "yearmonth", description: "统计月份。Month.", constraints: .init(required: true)),
            .init(name: "value", type: "number",
                  description: "指标值，单位见 unit 列；空为不适用或不公布。Value in the row's unit; empty when not applicable or withheld."),
            .init(name: "numerator", type: "integer",
                  description: "分子：合计类指标为合计（金额以分计），比率类指标为分子；中位数指标无分子，为空。Numerator (money in fen); empty for medians and withheld rows.",
                  constraints: .init(minimum: 0)),
            .init(name: "denominator", type: "integer",
                  description: "分母，仅比率类指标有。Denominator, ratios only.", constraints: .init(minimum: 0)),
            .init(name: "unit", type: "string",
                  description: "value 与 target 的单位：count 个数，yuan 元，% 百分比，per_1000 千分比，working_days 工作日，hours 学时。Unit of value and target.",
                  constraints: .init(required: true, enumeration: units)),
            .init(name: "target", type: "number", description: "目标值，单位同 value。Target, in the row's unit."),
            .init(name: "status", type: "string",
                  description: "达标 met / 预警 warning / 未达标 missed；不公布 withheld by the disclosure rule; empty when the indicator has no target.",
                  constraints: .init(enumeration: statuses)),
        ], missingValues: [""], primaryKey: ["indicator", "programme", "township", "month"])
        let title = "\(office.district)\(month.chinese)社会救助绩效指标"
        let package = DataPackage(
            profile: "tabular-data-package",
            name: "social-assistance-indicators-\(month)",
            title: title,
            description: "\(office.district)社会救助各项目的绩效指标（\(office.name)公布，gongkai 按指标定义 \(catalog.version) 计算）。Outcome indicators of the social-assistance programmes of \(office.district), computed by gongkai (definitions version \(catalog.version)).",
            version: String(release),
            created: "\(publicationDate)T00:00:00+08:00",
            licenses: [.init(name: office.license.name, title: office.license.title, path: office.license.path)],
            contributors: [.init(title: office.name, role: "publisher")],
            resources: [
                .init(name: "indicators", path: "indicators.csv", title: "\(title)（CSV）", format: "csv", mediatype: "text/csv",
                      encoding: "utf-8-sig", schema: schema),
                .init(name: "indicators-json", path: "indicators.json", title: "\(title)（JSON）", format: "json",
                      mediatype: "application/json", encoding: "utf-8", schema: schema.sortedByName),
            ])
        return try StableJSON.data(package)
    }
}

/// The Frictionless Data Package descriptor (datapackage.json), as far as gongkai fills it in.
struct DataPackage: Encodable {
    let profile: String
    let name: String
    let title: String
    let description: String
    let version: String
    /// RFC 3339: the publication date at midnight, Beijing time.
    let created: String
    let licenses: [License]
    let contributors: [Contributor]
    let resources: [Resource]

    struct License: Encodable { let name: String; let title: String; let path: String }
    struct Contributor: Encodable { let title: String; let role: String }

    struct Resource: Encodable {
        var profile = "tabular-data-resource"
        let name: String
        let path: String
        let title: String
        let format: String
        let mediatype: String
        let encoding: String
        let schema: Schema

        init(name: String, path: String, title: String, format: String, mediatype: String, encoding: String, schema: Schema) {
            self.name = name; self.path = path; self.title = title; self.format = format; self.mediatype = mediatype
            self.encoding = encoding; self.schema = schema
        }
    }

    struct Schema: Encodable {
        let fields: [Field]
        let missingValues: [String]
        let primaryKey: [String]

        /// The same schema with its fields in the order of indicators.json's keys (StableJSON sorts
        /// them): a reader matches a JSON object's keys to the fields by position.
        var sortedByName: Schema {
            Schema(fields: fields.sorted { $0.name < $1.name }, missingValues: missingValues, primaryKey: primaryKey)
        }
    }

    struct Field: Encodable {
        let name: String
        let type: String
        let description: String
        var constraints: Constraints? = nil
    }

    struct Constraints: Encodable {
        var required: Bool? = nil
        var enumeration: [String]? = nil
        var minimum: Int? = nil

        enum CodingKeys: String, CodingKey { case required, enumeration = "enum", minimum }
    }
}
