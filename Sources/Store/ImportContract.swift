import GongkaiCore

/// The kinds of file the office exports, in the order an import applies them (households first,
/// because everything else refers to them).
public enum ImportKind: String, CaseIterable, Sendable, ContractTable {
    case households, members, enrolments, payments, services, staff, matches, complaints

    public var fileName: String { "\(rawValue).csv" }

    /// The table's Chinese name: a sheet named this (or the English name) in a workbook is this table.
    public var chineseName: String {
        switch self {
        case .households: "家庭"
        case .members: "家庭成员"
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
        case .members: "身份证号"
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
            .init("户编号", "household_id", textOnly: true, limit: .key), .init("乡镇", "township", aliases: ["乡镇(街道)", "乡镇（街道）"], limit: .place),
            .init("村", "village", aliases: ["社区", "村(社区)", "村（社区）"], limit: .place),
            .init("户主姓名", "head_name", limit: .name), .init("户主身份证号", "head_id_number", textOnly: true, limit: .number),
            .init("联系电话", "phone", required: false, textOnly: true, limit: .number), .init("家庭人口", "household_size", limit: .number),
            .init("城乡", "area", limit: .code),
        ]
        case .members: [
            .init("户编号", "household_id", textOnly: true, limit: .key),
            .init("身份证号", "id_number", textOnly: true, limit: .number), .init("姓名", "name", limit: .name),
            .init("与户主关系", "relation", limit: .code), .init("出生日期", "birth_date", limit: .number),
        ]
        case .enrolments: [
            .init("户编号", "household_id", textOnly: true, limit: .key), .init("救助项目", "programme", limit: .code),
            .init("类别", "category", required: false, limit: .label),
            .init("保障人数", "covered_persons", limit: .number), .init("金额", "amount", limit: .number),
            .init("发放方式", "frequency", limit: .code),
            .init("申请日期", "applied_on", limit: .number), .init("审批日期", "approved_on", limit: .number),
            .init("起始月份", "start_month", limit: .number),
            .init("停发月份", "stop_month", required: false, limit: .number),
            .init("终止原因", "exit_reason", required: false, limit: .code),
            .init("事由", "reason", required: false, limit: .code),
        ]
        case .payments: [
            .init("户编号", "household_id", textOnly: true, limit: .key), .init("救助项目", "programme", limit: .code),
            .init("所属月份", "month", limit: .number), .init("金额", "amount", limit: .number),
            .init("发放日期", "paid_on", limit: .number),
        ]
        case .services: [
            .init("户编号", "household_id", textOnly: true, limit: .key), .init("服务类型", "service_type", limit: .code),
            .init("提供方", "provider", limit: .label), .init("提供方类型", "provider_kind", limit: .code),
            .init("开始日期", "started_on", limit: .number),
            .init("结束日期", "ended_on", required: false, limit: .number),
            .init("结果", "outcome", required: false, limit: .code),
            .init("满意度", "satisfaction", required: false, limit: .number),
        ]
        case .staff: [
            .init("工号", "staff_id", limit: .key), .init("姓名", "name", limit: .name), .init("岗位", "role", limit: .code),
            .init("持证", "certificate", limit: .code),
            .init("取证日期", "certified_on", required: false, limit: .number),
            .init("本年培训学时", "training_hours", required: false, limit: .number),
        ]
        case .matches: [
            .init("比对批次", "batch", limit: .key), .init("推送部门", "department", limit: .code),
            .init("户编号", "household_id", textOnly: true, limit: .key),
            .init("比对事项", "finding", limit: .finding), .init("推送日期", "pushed_on", limit: .number),
            .init("核查结果", "result", limit: .code),
            .init("处理日期", "resolved_on", required: false, limit: .number),
        ]
        case .complaints: [
            .init("编号", "complaint_id", limit: .key), .init("受理时间", "received_at", limit: .number),
            .init("渠道", "channel", limit: .code),
            .init("类型", "type", limit: .code), .init("类别", "category", limit: .code),
            .init("涉及项目", "programme", required: false, limit: .code),
            .init("涉及户编号", "household_id", required: false, textOnly: true, limit: .key),
            .init("乡镇", "township", required: false, limit: .place),
            .init("内容", "summary", limit: .summary), .init("来电人", "caller_name", required: false, limit: .name),
            .init("来电号码", "caller_phone", required: false, textOnly: true, limit: .number),
            .init("匿名", "anonymous", required: false, limit: .code),
            .init("办结时间", "closed_at", required: false, limit: .number),
            .init("满意度", "satisfaction", required: false, limit: .code),
        ]
        }
    }
}

/// The most characters a cell of a column may hold (docs/csv-contract.md, "Limits"). Checked on
/// the trimmed cell before anything else, in CSV files and workbooks alike: a 100 MB cell is refused
/// at the door with its place, never stored, searched or typeset, and no error quotes it.
public enum ColumnLimit: Int, Sendable {
    /// Keys and codes an office system assigns (户编号, 工号, 编号, 比对批次).
    case key = 32
    /// Townships and villages (乡镇, 村/社区): the longest official names are far shorter.
    case place = 50
    /// A person's name (户主姓名, 姓名, 来电人): long enough for 阿依古丽·买买提 and longer transcribed names.
    case name = 30
    /// Numbers, amounts, dates, months and times, ID numbers and phones, full-width forms included.
    case number = 25
    /// A value of a code list (救助项目, 发放方式, 渠道 …), in Chinese or as a code.
    case code = 20
    /// A short label the office words itself (类别, 提供方).
    case label = 100
    /// What a data match found (比对事项).
    case finding = 200
    /// A complaint's summary (内容).
    case summary = 2_000

    public var characters: Int { rawValue }
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
    /// The most characters a cell of this column may hold.
    public let limit: ColumnLimit

    init(_ chinese: String, _ english: String, aliases: [String] = [], required: Bool = true, textOnly: Bool = false,
         limit: ColumnLimit) {
        self.chinese = chinese; self.english = english; self.aliases = aliases; self.required = required
        self.textOnly = textOnly; self.limit = limit
    }

    func matches(_ header: String) -> Bool {
        header == chinese || header.lowercased() == english || aliases.contains(header)
    }
}

/// A file's header resolved against the contract: where each known column is, and what was ignored.
struct ResolvedHeader {
    /// How one contract column's cells are read: where the column is in the file's rows (nil when
    /// the file has no such column), the most characters a cell may hold (`ImportColumn.limit`),
    /// and whether it must be stored as text (`ImportColumn.textOnly`).
    struct Column {
        let position: Int?
        let limit: Int
        let textOnly: Bool
    }
    /// Every contract column, by English name: one look-up per cell read.
    let columns: [String: Column]
    /// The header text as written in the file, by English name (errors quote what the user sees).
    let written: [String: String]
    /// Each contract column's Chinese name, by English name: an error about a column the file does
    /// not have names it as the contract does.
    let chinese: [String: String]
    let fieldCount: Int
    let ignored: [String]

    init(_ headerRow: SourceRow, kind: some ContractTable, file: String) throws(InputErrors) {
        let line = headerRow.line
        let header = headerRow.fields.map { String($0.trimmingASCIIWhitespace()) }
        if let problem = Self.otherDelimiter(header) {
            throw InputErrors([InputError(file: file, line: line, reason: problem)])
        }
        let unreadable = header.enumerated().compactMap { i, name in
            CellText.problem(in: Substring(name), multiline: false).map {
                InputError(file: file, line: line, reason: "表头第 \(i + 1) 列\($0)")
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
                                         reason: "该列出现了两次（'\(first)' 和 '\(clean)'）"))
            }
            position[column.english] = i
            written[column.english] = clean
        }
        for column in kind.columns where column.required && position[column.english] == nil {
            errors.append(InputError(file: file, line: line, field: column.chinese,
                                     reason: "缺少必需的列（列名为 '\(column.chinese)' 或 '\(column.english)'）"))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        self.columns = Dictionary(uniqueKeysWithValues: kind.columns.map {
            ($0.english, Column(position: position[$0.english], limit: $0.limit.characters, textOnly: $0.textOnly))
        })
        self.chinese = Dictionary(uniqueKeysWithValues: kind.columns.map { ($0.english, $0.chinese) })
        self.written = written; self.fieldCount = header.count; self.ignored = ignored
    }

    /// A header of one cell that holds semicolons, TABs or bars: a file separated by those, not commas.
    static func otherDelimiter(_ header: [String]) -> String? {
        guard header.count == 1, let only = header.first else { return nil }
        for (delimiter, name) in [(";", "分号（;）"), ("\t", "制表符"), ("|", "竖线（|）")] where only.contains(delimiter) {
            return "表头用\(name)而不是逗号分隔：请另存为“CSV UTF-8（逗号分隔）”后重新导入"
        }
        return nil
    }

    /// What is wrong with a header that names no contract column at all, said once instead of as
    /// every required column missing: text garbled by a wrong conversion, or a first row that is data.
    static func wholeHeaderProblem(_ header: [String], kind: some ContractTable) -> String? {
        guard !header.contains(where: { name in kind.columns.contains { $0.matches(name) } }) else { return nil }
        // U+FFFD is what a failed conversion leaves; Latin-1 letters (æˆ·ç¼–å·) are UTF-8 read as
        // a Western encoding and saved again.
        if header.contains(where: { $0.unicodeScalars.contains { $0.value == 0xFFFD || (0xA0...0xFF).contains($0.value) } }) {
            return "表头是乱码（'\(header.joined(separator: ","))'）：文件被以错误的编码转换过；请从系统中重新导出为 CSV UTF-8 或 GBK"
        }
        let expected = kind.columns.filter(\.required).map(\.chinese).joined(separator: "、")
        return "第一行不是 \(kind.fileName) 的表头：没有一个单元格是约定的列名（应为 \(expected)，或它们的英文名）；请把表头放在第一行"
    }
}
