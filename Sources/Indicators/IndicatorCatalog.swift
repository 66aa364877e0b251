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

    public static func load(templates: String, store: StoreDatabase) throws(InputError) -> IndicatorCatalog {
        let file = try TemplateFile.read("indicators.toml", in: templates)
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
                        throw TOMLError(line: table.line(of: key), message: "'\(key)' is not a programme code (dibao, tekun, …) or 'default'")
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
                    throw TOMLError(line: table.line, message: "indicator '\(d.id)' is defined twice (first on line \(first))")
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
            TOMLError(line: t.line(of: key), message: "indicator '\(id)': \(message)")
        }
        func choice<E: RawRepresentable & CaseIterable>(_ key: String, _ type: E.Type, default value: E? = nil) throws(TOMLError) -> E where E.RawValue == String {
            guard let text = try t.optionalString(key) else {
                if let value { return value }
                throw fail(key, "missing key '\(key)'")
            }
            guard let e = E(rawValue: text) else {
                throw fail(key, "'\(text)' is not one of \(E.allCases.map(\.rawValue).joined(separator: ", "))")
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
            default: throw fail(key, "'\(key)' must be a number")
            }
            guard let f = Fraction(decimal: text) else { throw fail(key, "'\(text)' is not a decimal number") }
            return f
        }
        func thresholds(_ table: TOMLTable) throws(TOMLError) -> IndicatorDefinition.Thresholds? {
            guard let target = try fraction(table, "target") else {
                if table["warning"] != nil { throw fail("warning", "a warning threshold needs a target") }
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
        guard let numerator = try query("numerator") else { throw fail("numerator", "missing key 'numerator'") }
        let denominator = try query("denominator")
        if aggregate == .ratio && denominator == nil { throw fail("denominator", "a ratio needs a denominator") }
        if aggregate != .ratio && denominator != nil { throw fail("denominator", "only a ratio has a denominator") }

        let programmes: [String]
        switch t["programmes"] {
        case .string("each")?, nil: programmes = Programme.allCases.map(\.code) + ["all"]
        case .string("all")?: programmes = ["all"]
        case .array?:
            programmes = try t.strings("programmes")
            for p in programmes where p != "all" && Programme(rawValue: p) == nil {
                throw fail("programmes", "'\(p)' is not a programme code")
            }
        default: throw fail("programmes", "programmes must be \"each\", \"all\" or a list of programme codes")
        }

        let allBySum: Bool
        switch try t.optionalString("all_programmes") {
        case nil, "query": allBySum = false
        case "sum": allBySum = true
        case let other?: throw fail("all_programmes", "'\(other)' is not \"query\" (the statement's own all rows) or \"sum\"")
        }

        var byProgramme: [String: IndicatorDefinition.Thresholds] = [:]
        if let table = try t.optionalTable("targets") {
            for key in table.keys {
                guard programmes.contains(key) else { throw fail("targets", "targets for '\(key)', which this indicator does not report") }
                if let th = try thresholds(try table.table(key)) { byProgramme[key] = th }
            }
        }
        let decimals = Int(try t.optionalInteger("decimals") ?? 0)
        guard (0...4).contains(decimals) else { throw fail("decimals", "decimals must be 0 to 4") }
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
