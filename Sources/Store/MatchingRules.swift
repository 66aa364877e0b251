import GongkaiCore

/// One rule of templates/matching.toml: which department list it reads, which recipients it looks at,
/// the condition (one of a fixed set of kinds, with parameters), and what the finding says.
///
/// Rules are data the office edits, not code: a new threshold, a vehicle type that no longer counts,
/// another programme's recipients are a change to the file. The condition kinds are few on purpose,
/// so that each rule reads as a sentence and its tests can say exactly where it fires.
public struct MatchingRule: Sendable {
    /// What must hold of a list's row (and the recipient it names) for a finding.
    public enum Condition: String, Sendable, CaseIterable {
        /// The list's date (死亡日期) is before the first day of the batch's month.
        case diedBeforeMonth = "died_before_month"
        /// The person is in the list (its dated or monthly entry begun by the end of the month, not ended before it).
        case listed
        /// As `listed`, with an amount (月待遇, 面积, 注册资本) above `more_than`.
        case amountAbove = "amount_above"
        /// As `listed`, and the household has had no enrolment of `without` in the last `window_months`.
        case withoutProgramme = "without_programme"
        /// The household (found by any member's or the head's ID number) has no enrolment in the month at all.
        case householdUnassisted = "household_unassisted"
    }

    /// Which households a rule looks at, in the batch's month.
    public enum Basis: String, Sendable, CaseIterable {
        /// Enrolled in the month in one of `recipients` (the default).
        case enrolled
        /// Paid for the month in one of `recipients`.
        case paid
        /// Every household the store knows (防返贫监测: a monitored household that receives nothing).
        case any
    }

    public let id: String
    public let list: DepartmentList
    public let department: String
    public let recipients: [Programme]
    public let basis: Basis
    public let condition: Condition
    /// Only rows whose label (险种, 车辆类型 …) is one of these; nil for any.
    public let labels: [String]?
    /// Rows whose label is one of these never fire (车辆类型 三轮摩托车).
    public let exceptLabels: [String]
    /// The amount's threshold in hundredths (fen, 0.01 m²), for `amount_above`.
    public let moreThan: Int64?
    /// The programme whose absence `without_programme` looks for, and over how many months.
    public let without: Programme?
    public let windowMonths: Int
    /// Ages (in whole years on the first day of the month) of the persons the rule concerns; nil for all.
    public let ages: ClosedRange<Int>?
    /// The finding's wording, with placeholders `{姓名}`, `{关系}`, `{日期}`, `{类型}`, `{金额}`, `{学段}`.
    public let finding: String
    /// Why the rule exists, for the verifier's worksheet.
    public let explanation: String
    /// The programme the finding concerns.
    public let programme: Programme
    public let severity: String

    public static let severities = ["高", "中", "低"]
    static let placeholders = ["姓名", "关系", "日期", "类型", "金额", "学段"]
}

/// The rules of templates/matching.toml, in file order.
public struct MatchingRules: Sendable {
    public let rules: [MatchingRule]

    public static let fileName = "matching.toml"

    public static func load(templates: String) throws(InputError) -> MatchingRules {
        let file = try TemplateFile.read(fileName, in: templates)
        return try parse(file.text, file: file.path)
    }

    public func rule(_ id: String) -> MatchingRule? { rules.first { $0.id == id } }

    public static func parse(_ text: String, file: String) throws(InputError) -> MatchingRules {
        do throws(TOMLError) {
            let tables = try TOML.parse(text).tables("rule")
            guard !tables.isEmpty else { throw TOMLError(line: 1, message: "没有比对规则：每条规则写成一个 [[rule]] 表") }
            var rules: [MatchingRule] = []
            var seen: [String: Int] = [:]
            for t in tables {
                let rule = try Self.rule(t)
                if let first = seen[rule.id] {
                    throw TOMLError(line: t.line(of: "id"), message: "规则编号 '\(rule.id)' 与第 \(first) 行的规则重复")
                }
                seen[rule.id] = t.line(of: "id")
                rules.append(rule)
            }
            return MatchingRules(rules: rules)
        } catch {
            throw error.located(in: file)
        }
    }

    private static func rule(_ t: TOMLTable) throws(TOMLError) -> MatchingRule {
        func one<T>(_ key: String, _ text: String, _ value: T?, _ allowed: String) throws(TOMLError) -> T {
            guard let value else { throw TOMLError(line: t.line(of: key), message: "\(key) = '\(text)' 不可用：应为 \(allowed)") }
            return value
        }
        func programme(_ key: String, _ text: String) throws(TOMLError) -> Programme {
            try one(key, text, Programme(parsing: text), Programme.allCases.map(\.code).joined(separator: "、") + "（或中文名称）")
        }
        let id = try t.string("id")
        guard !id.isEmpty, id.count <= 40, id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
            throw TOMLError(line: t.line(of: "id"), message: "规则编号 '\(id)' 须为 1–40 个英文字母、数字或连字符")
        }
        let listText = try t.string("list")
        let list = try one("list", listText, DepartmentList.named(listText),
                           DepartmentList.allCases.map { "\($0.chineseName)/\($0.rawValue)" }.joined(separator: "、"))
        let departmentText = try t.optionalString("department") ?? list.department
        let department = try one("department", departmentText, Codelist.department.contains(departmentText) ? departmentText : nil,
                                 Codelist.department.joined(separator: "、"))
        var recipients: [Programme] = []
        for text in try t.strings("recipients") { recipients.append(try programme("recipients", text)) }
        let basisText = try t.optionalString("basis") ?? "enrolled"
        let basis = try one("basis", basisText, MatchingRule.Basis(rawValue: basisText),
                            MatchingRule.Basis.allCases.map(\.rawValue).joined(separator: "、"))
        if basis != .any && recipients.isEmpty {
            throw TOMLError(line: t.line(of: "recipients"), message: "recipients 须列出至少一个救助项目（basis = \"any\" 的规则除外）")
        }
        let conditionText = try t.string("condition")
        let condition = try one("condition", conditionText, MatchingRule.Condition(rawValue: conditionText),
                                MatchingRule.Condition.allCases.map(\.rawValue).joined(separator: "、"))
        let labels = t["labels"] == nil ? nil : try t.strings("labels")
        let exceptLabels = t["except_labels"] == nil ? [] : try t.strings("except_labels")
        var moreThan: Int64?
        if let text = try t.optionalString("more_than") {
            do { moreThan = try Money.parseYuan(text).fen } catch {
                throw TOMLError(line: t.line(of: "more_than"), message: "more_than = '\(text)' 不是最多两位小数的数（写成文字，如 \"2000.00\"）")
            }
        }
        if condition == .amountAbove && moreThan == nil {
            throw TOMLError(line: t.line, message: "condition = \"amount_above\" 的规则须有 more_than（如 more_than = \"2000.00\"）")
        }
        if condition == .diedBeforeMonth && list != .deaths {
            throw TOMLError(line: t.line(of: "condition"), message: "died_before_month 只用于死亡名单（list = \"死亡\"）")
        }
        var without: Programme?
        if let text = try t.optionalString("without") { without = try programme("without", text) }
        if condition == .withoutProgramme && without == nil {
            throw TOMLError(line: t.line, message: "condition = \"without_programme\" 的规则须有 without（如 without = \"education\"）")
        }
        let window = Int(try t.optionalInteger("window_months") ?? 12)
        guard (1...120).contains(window) else {
            throw TOMLError(line: t.line(of: "window_months"), message: "window_months 须为 1–120 之间的整数")
        }
        var ages: ClosedRange<Int>?
        if t["ages"] != nil {
            let values = try t.array("ages")
            guard values.count == 2, case .integer(let low) = values[0], case .integer(let high) = values[1],
                  low >= 0, low <= high, high <= 150 else {
                throw TOMLError(line: t.line(of: "ages"), message: "ages 须为两个整数 [最小, 最大]，如 [6, 18]")
            }
            ages = Int(low)...Int(high)
        }
        let finding = try t.string("finding")
        guard !finding.isEmpty, finding.count <= 120 else {
            throw TOMLError(line: t.line(of: "finding"), message: "finding 须为 1–120 字（填入姓名等之后不超过比对事项的 200 字）")
        }
        var rest = Substring(finding)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else {
                throw TOMLError(line: t.line(of: "finding"), message: "finding 中的 { 没有对应的 }")
            }
            let name = String(rest[rest.index(after: open)..<close])
            guard MatchingRule.placeholders.contains(name) else {
                throw TOMLError(line: t.line(of: "finding"), message: "finding 中的 {\(name)} 不是可用的占位符（可用：\(MatchingRule.placeholders.map { "{\($0)}" }.joined(separator: "、"))）")
            }
            rest = rest[rest.index(after: close)...]
        }
        let explanation = try t.string("explanation")
        let programmeFound = try programme("programme", try t.string("programme"))
        let severityText = try t.string("severity")
        let severity = try one("severity", severityText, MatchingRule.severities.contains(severityText) ? severityText : nil,
                               MatchingRule.severities.joined(separator: "、"))
        return MatchingRule(id: id, list: list, department: department, recipients: recipients, basis: basis,
                            condition: condition, labels: labels, exceptLabels: exceptLabels, moreThan: moreThan,
                            without: without, windowMonths: window, ages: ages, finding: finding,
                            explanation: explanation, programme: programmeFound, severity: severity)
    }
}
