import Foundation
import GongkaiCore
import Store

/// The definitions file, loaded and checked: every statement is prepared against the store on a
/// read-only connection, so a typo in a view name or an unknown parameter is reported with the
/// indicator's id and line before anything is computed.
public struct IndicatorCatalog: Sendable {
    public let version: String
    /// SHA-256 of the file's bytes: snapshots and manifests record exactly which definitions were used.
    public let sha256: String
    public let definitions: [IndicatorDefinition]
    /// Approval limits in working days per programme code (the rest use the default).
    public let approvalLimits: [String: Int]
    /// The payment standards (templates/standards.toml) that `payment_standard` is filled from.
    public let standards: PaymentStandards

    /// Parameters statements may use; the engine binds them for each month.
    public static let parameters = ["month", "previous_month", "month_first_day", "month_last_day",
                                    "window_first_month", "window_first_day"]

    /// The files of the templates folder `load` reads: the definitions and the payment standards
    /// their `payment_standard` table is filled from. What keeps a loaded catalog (the dashboard's
    /// `IndicatorCatalogCache`) compares these.
    public static let templateFiles = [fileName, PaymentStandards.fileName]
    public static let fileName = "indicators.toml"

    public static func load(templates: String, store: StoreDatabase) throws(InputError) -> IndicatorCatalog {
        let file = try TemplateFile.read(fileName, in: templates)
        return try parse(file.text, file: file.path, store: store,
                         standards: try PaymentStandards.load(templates: templates))
    }

    /// `standards` fill the `payment_standard` table definitions join (empty: no payment has one).
    public static func parse(_ text: String, file: String, store: StoreDatabase,
                             standards: PaymentStandards = PaymentStandards(entries: [])) throws(InputError) -> IndicatorCatalog {
        let root: TOMLTable
        do { root = try TOML.parse(text) } catch { throw error.located(in: file) }
        do throws(TOMLError) {
            let version = try root.string("version")
            var limits: [String: Int] = [:]
            if let table = try root.optionalTable("approval_limits") {
                for key in table.keys {
                    guard key == "default" || Programme(rawValue: key) != nil else {
                        throw TOMLError(line: table.line(of: key), message: "'\(key)' 不是救助项目代码（dibao、tekun……）或 'default'")
                    }
                    limits[key] = Int(try table.integer(key))
                }
            }
            let fallback = limits["default"] ?? 30
            var approvalLimits: [String: Int] = [:]
            for p in Programme.allCases { approvalLimits[p.code] = limits[p.code] ?? fallback }

            var seen: [String: Int] = [:]
            var definitions: [IndicatorDefinition] = []
            for table in try root.tables("indicator") {
                let d = try definition(table, store: store)
                if let first = seen[d.id] {
                    throw TOMLError(line: table.line, message: "指标 '\(d.id)' 定义了两次（第一次在第 \(first) 行）")
                }
                seen[d.id] = table.line
                definitions.append(d)
            }
            guard !definitions.isEmpty else { throw TOMLError(line: 1, message: "no [[indicator]] tables") }
            return IndicatorCatalog(version: version, sha256: Digest.sha256Hex(text), definitions: definitions,
                                    approvalLimits: approvalLimits, standards: standards)
        } catch {
            throw error.located(in: file)
        }
    }

    static func definition(_ t: TOMLTable, store: StoreDatabase) throws(TOMLError) -> IndicatorDefinition {
        let id = try t.string("id")
        func fail(_ key: String, _ message: String) -> TOMLError {
            TOMLError(line: t.line(of: key), message: "指标 '\(id)'：\(message)")
        }
        func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, default value: E? = nil) throws(TOMLError) -> E where E.RawValue == String {
            guard let text = try t.optionalString(key) else {
                if let value { return value }
                throw fail(key, "缺少键 '\(key)'")
            }
            guard let e = E(rawValue: text) else {
                throw fail(key, "'\(text)' 不在可用值之列：\(E.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return e
        }
        func fraction(_ table: TOMLTable, _ key: String) throws(TOMLError) -> Fraction? {
            guard let v = table[key] else { return nil }
            let text: String
            switch v {
            case .integer(let i): text = String(i)
            case .float: text = String(try table.number(key))
            case .string(let s): text = s
            default: throw fail(key, "'\(key)' 须为数值")
            }
            guard let f = Fraction(decimal: text) else { throw fail(key, "'\(text)' 不是十进制数") }
            return f
        }
        func thresholds(_ table: TOMLTable) throws(TOMLError) -> IndicatorDefinition.Thresholds? {
            guard let target = try fraction(table, "target") else {
                if table["warning"] != nil { throw fail("warning", "有预警值就须有目标值") }
                return nil
            }
            return .init(target: target, warning: try fraction(table, "warning"))
        }
        func query(_ key: String, columns: Int = 3) throws(TOMLError) -> DefinitionQuery? {
            guard let sql = try t.optionalString(key) else { return nil }
            do {
                return try DefinitionQuery.prepare(sql, columns: columns, allowedParameters: parameters, in: store)
            } catch {
                throw fail(key, "\(key): \(error)")
            }
        }

        let aggregate = try choice("aggregate", IndicatorDefinition.Aggregate.self)
        guard let numerator = try query("numerator") else { throw fail("numerator", "缺少键 'numerator'") }
        let denominator = try query("denominator")
        if aggregate == .ratio && denominator == nil { throw fail("denominator", "比率须有分母") }
        if aggregate != .ratio && denominator != nil { throw fail("denominator", "只有比率才有分母") }

        let programmes: [String]
        switch t["programmes"] {
        case .string("each")?, nil: programmes = Programme.allCases.map(\.code) + ["all"]
        case .string("all")?: programmes = ["all"]
        case .array?:
            programmes = try t.strings("programmes")
            for p in programmes where p != "all" && Programme(rawValue: p) == nil {
                throw fail("programmes", "'\(p)' 不是救助项目代码")
            }
        default: throw fail("programmes", "programmes 须为 \"each\"、\"all\" 或救助项目代码的列表")
        }

        let allBySum: Bool
        switch try t.optionalString("all_programmes") {
        case nil, "query": allBySum = false
        case "sum": allBySum = true
        case let other?: throw fail("all_programmes", "'\(other)' 不是 \"query\"（用语句自己的全部项目行）或 \"sum\"")
        }

        var byProgramme: [String: IndicatorDefinition.Thresholds] = [:]
        if let table = try t.optionalTable("targets") {
            for key in table.keys {
                guard programmes.contains(key) else { throw fail("targets", "给出了 '\(key)' 的目标值，但该指标不计算这个项目") }
                if let th = try thresholds(try table.table(key)) { byProgramme[key] = th }
            }
        }
        let decimals = Int(try t.optionalInteger("decimals") ?? 0)
        guard (0...4).contains(decimals) else { throw fail("decimals", "decimals 须在 0 至 4 之间") }
        let factor = try fraction(t, "factor") ?? Fraction(integer: 1)
        let unit = try choice("unit", IndicatorDefinition.Unit.self)
        return IndicatorDefinition(
            id: id, name: try t.string("name"), nameEnglish: try t.string("name_en"),
            unit: unit, unitLabel: try t.optionalString("unit_label") ?? unit.chinese, aggregate: aggregate,
            direction: try choice("direction", IndicatorDefinition.Direction.self, default: IndicatorDefinition.Direction.none),
            factor: factor, decimals: decimals, programmes: programmes, allProgrammesBySum: allBySum,
            thresholds: try thresholds(t), thresholdsByProgramme: byProgramme,
            definition: try t.string("definition"), numeratorText: try t.string("numerator_text"),
            denominatorText: try t.optionalString("denominator_text"), sources: try t.strings("sources"),
            numerator: numerator, denominator: denominator, calendarCheck: try query("calendar_check", columns: 1),
            line: t.line)
    }
}
