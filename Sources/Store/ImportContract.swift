import GongkaiCore

/// The kinds of file the office exports, in the order an import applies them (households first,
/// because everything else refers to them).
public enum ImportKind: String, CaseIterable, Sendable {
    case households, enrolments, payments, services, staff, matches, complaints

    public var fileName: String { "\(rawValue).csv" }

    /// The table's Chinese name: a sheet named this (or the English name) in a workbook is this table.
    public var chineseName: String {
        switch self {
        case .households: "家庭"
        case .enrolments: "保障"
        case .payments: "发放"
        case .services: "服务"
        case .staff: "工作人员"
        case .matches: "比对"
        case .complaints: "投诉"
        }
    }

    /// The kind a workbook's sheet (or a file's name without extension) names, by English or Chinese name.
    public static func named(_ name: String) -> ImportKind? {
        let clean = name.trimmingASCIIWhitespace().lowercased()
        return allCases.first { $0.rawValue == clean || $0.chineseName == clean }
    }

    /// The columns that identify a row, as the contract names them (an error quotes them).
    public var keyDescription: String {
        switch self {
        case .households: "户编号"
        case .enrolments: "户编号+救助项目+起始月份"
        case .payments: "户编号+救助项目+所属月份"
        case .services: "户编号+服务类型+开始日期"
        case .staff: "工号"
        case .matches: "比对批次+户编号+比对事项"
        case .complaints: "编号"
        }
    }

    /// The CSV contract (README, "CSV contract"): each column's Chinese and English names, and
    /// whether it is required. Columns are matched by either name, in any order.
    public var columns: [ImportColumn] {
        switch self {
        case .households: [
            .init("户编号", "household_id", textOnly: true), .init("乡镇", "township", aliases: ["乡镇(街道)", "乡镇（街道）"]),
            .init("村", "village", aliases: ["社区", "村(社区)", "村（社区）"]),
            .init("户主姓名", "head_name"), .init("户主身份证号", "head_id_number", textOnly: true),
            .init("联系电话", "phone", required: false, textOnly: true), .init("家庭人口", "household_size"), .init("城乡", "area"),
        ]
        case .enrolments: [
            .init("户编号", "household_id", textOnly: true), .init("救助项目", "programme"), .init("类别", "category", required: false),
            .init("保障人数", "covered_persons"), .init("金额", "amount"), .init("发放方式", "frequency"),
            .init("申请日期", "applied_on"), .init("审批日期", "approved_on"), .init("起始月份", "start_month"),
            .init("停发月份", "stop_month", required: false), .init("终止原因", "exit_reason", required: false),
            .init("事由", "reason", required: false),
        ]
        case .payments: [
            .init("户编号", "household_id", textOnly: true), .init("救助项目", "programme"), .init("所属月份", "month"),
            .init("金额", "amount"), .init("发放日期", "paid_on"),
        ]
        case .services: [
            .init("户编号", "household_id", textOnly: true), .init("服务类型", "service_type"), .init("提供方", "provider"),
            .init("提供方类型", "provider_kind"), .init("开始日期", "started_on"),
            .init("结束日期", "ended_on", required: false), .init("结果", "outcome", required: false),
            .init("满意度", "satisfaction", required: false),
        ]
        case .staff: [
            .init("工号", "staff_id"), .init("姓名", "name"), .init("岗位", "role"), .init("持证", "certificate"),
            .init("取证日期", "certified_on", required: false), .init("本年培训学时", "training_hours", required: false),
        ]
        case .matches: [
            .init("比对批次", "batch"), .init("推送部门", "department"), .init("户编号", "household_id", textOnly: true),
            .init("比对事项", "finding"), .init("推送日期", "pushed_on"), .init("核查结果", "result"),
            .init("处理日期", "resolved_on", required: false),
        ]
        case .complaints: [
            .init("编号", "complaint_id"), .init("受理时间", "received_at"), .init("渠道", "channel"),
            .init("类型", "type"), .init("类别", "category"), .init("涉及项目", "programme", required: false),
            .init("涉及户编号", "household_id", required: false, textOnly: true), .init("乡镇", "township", required: false),
            .init("内容", "summary"), .init("来电人", "caller_name", required: false),
            .init("来电号码", "caller_phone", required: false, textOnly: true), .init("匿名", "anonymous", required: false),
            .init("办结时间", "closed_at", required: false), .init("满意度", "satisfaction", required: false),
        ]
        }
    }
}

public struct ImportColumn: Sendable {
    public let chinese: String
    public let english: String
    public let aliases: [String]
    public let required: Bool
    /// An identifier of digits (ID numbers, phones, bank accounts, household keys) that a spreadsheet
    /// must store as text: as a number, Excel keeps only 15 significant digits and drops leading zeros,
    /// so such a cell is refused, never repaired.
    public let textOnly: Bool

    init(_ chinese: String, _ english: String, aliases: [String] = [], required: Bool = true, textOnly: Bool = false) {
        self.chinese = chinese; self.english = english; self.aliases = aliases; self.required = required
        self.textOnly = textOnly
    }

    func matches(_ header: String) -> Bool {
        header == chinese || header.lowercased() == english || aliases.contains(header)
    }
}

/// A file's header resolved against the contract: where each known column is, and what was ignored.
struct ResolvedHeader {
    /// Position of each contract column in the file's rows, by English name.
    let position: [String: Int]
    /// The English names of the columns that must be stored as text (`ImportColumn.textOnly`).
    let textOnly: Set<String>
    /// The header text as written in the file, by English name (errors quote what the user sees).
    let written: [String: String]
    let fieldCount: Int
    let ignored: [String]

    init(_ headerRow: SourceRow, kind: ImportKind, file: String) throws(InputErrors) {
        let line = headerRow.line
        let header = headerRow.fields.map { String($0.trimmingASCIIWhitespace()) }
        if let problem = Self.otherDelimiter(header) {
            throw InputErrors([InputError(file: file, line: line, reason: problem)])
        }
        let unreadable = header.enumerated().compactMap { i, name in
            CellText.problem(in: Substring(name), multiline: false).map {
                InputError(file: file, line: line, reason: "the header's column \(i + 1) \($0)")
            }
        }
        guard unreadable.isEmpty else { throw InputErrors(unreadable) }
        if let problem = Self.wholeHeaderProblem(header, kind: kind) {
            throw InputErrors([InputError(file: file, line: line, reason: problem)])
        }
        var position: [String: Int] = [:], written: [String: String] = [:], ignored: [String] = []
        var errors: [InputError] = []
        for (i, clean) in header.enumerated() {
            guard let column = kind.columns.first(where: { $0.matches(clean) }) else {
                if !clean.isEmpty { ignored.append(clean) }
                continue
            }
            if let first = written[column.english] {
                errors.append(InputError(file: file, line: line, field: clean,
                                         reason: "column appears twice (as '\(first)' and '\(clean)')"))
            }
            position[column.english] = i
            written[column.english] = clean
        }
        for column in kind.columns where column.required && position[column.english] == nil {
            errors.append(InputError(file: file, line: line, field: column.chinese,
                                     reason: "required column is missing (name it '\(column.chinese)' or '\(column.english)')"))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        self.textOnly = Set(kind.columns.filter(\.textOnly).map(\.english))
        self.position = position; self.written = written; self.fieldCount = header.count; self.ignored = ignored
    }

    /// A header of one cell that holds semicolons, TABs or bars: a file separated by those, not commas.
    static func otherDelimiter(_ header: [String]) -> String? {
        guard header.count == 1, let only = header.first else { return nil }
        for (delimiter, name) in [(";", "semicolons (;)"), ("\t", "TABs"), ("|", "bars (|)")] where only.contains(delimiter) {
            return "the header is separated by \(name), not commas: save the file as \"CSV UTF-8 (逗号分隔)\" and import again"
        }
        return nil
    }

    /// What is wrong with a header that names no contract column at all, said once instead of as
    /// every required column missing: text garbled by a wrong conversion, or a first row that is data.
    static func wholeHeaderProblem(_ header: [String], kind: ImportKind) -> String? {
        guard !header.contains(where: { name in kind.columns.contains { $0.matches(name) } }) else { return nil }
        // U+FFFD is what a failed conversion leaves; Latin-1 letters (æˆ·ç¼–å·) are UTF-8 read as
        // a Western encoding and saved again.
        if header.contains(where: { $0.unicodeScalars.contains { $0.value == 0xFFFD || (0xA0...0xFF).contains($0.value) } }) {
            return "the header is garbled ('\(header.joined(separator: ","))'): the file was converted with a wrong encoding; export it again from the system as CSV UTF-8 or GBK"
        }
        let expected = kind.columns.filter(\.required).map(\.chinese).joined(separator: ", ")
        return "the first row is not a header of \(kind.fileName): none of its cells names a contract column (expected \(expected), or their English names); put the header row first"
    }
}
