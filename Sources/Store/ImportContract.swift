import GongkaiCore

/// The kinds of file the office exports, in the order an import applies them (households first,
/// because everything else refers to them).
public enum ImportKind: String, CaseIterable, Sendable {
    case households, enrolments, payments, services, staff, matches, complaints

    public var fileName: String { "\(rawValue).csv" }

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
            .init("户编号", "household_id"), .init("乡镇", "township", aliases: ["乡镇(街道)", "乡镇（街道）"]),
            .init("村", "village", aliases: ["社区", "村(社区)", "村（社区）"]),
            .init("户主姓名", "head_name"), .init("户主身份证号", "head_id_number"),
            .init("联系电话", "phone", required: false), .init("家庭人口", "household_size"), .init("城乡", "area"),
        ]
        case .enrolments: [
            .init("户编号", "household_id"), .init("救助项目", "programme"), .init("类别", "category", required: false),
            .init("保障人数", "covered_persons"), .init("金额", "amount"), .init("发放方式", "frequency"),
            .init("申请日期", "applied_on"), .init("审批日期", "approved_on"), .init("起始月份", "start_month"),
            .init("停发月份", "stop_month", required: false), .init("终止原因", "exit_reason", required: false),
            .init("事由", "reason", required: false),
        ]
        case .payments: [
            .init("户编号", "household_id"), .init("救助项目", "programme"), .init("所属月份", "month"),
            .init("金额", "amount"), .init("发放日期", "paid_on"),
        ]
        case .services: [
            .init("户编号", "household_id"), .init("服务类型", "service_type"), .init("提供方", "provider"),
            .init("提供方类型", "provider_kind"), .init("开始日期", "started_on"),
            .init("结束日期", "ended_on", required: false), .init("结果", "outcome", required: false),
            .init("满意度", "satisfaction", required: false),
        ]
        case .staff: [
            .init("工号", "staff_id"), .init("姓名", "name"), .init("岗位", "role"), .init("持证", "certificate"),
            .init("取证日期", "certified_on", required: false), .init("本年培训学时", "training_hours", required: false),
        ]
        case .matches: [
            .init("比对批次", "batch"), .init("推送部门", "department"), .init("户编号", "household_id"),
            .init("比对事项", "finding"), .init("推送日期", "pushed_on"), .init("核查结果", "result"),
            .init("处理日期", "resolved_on", required: false),
        ]
        case .complaints: [
            .init("编号", "complaint_id"), .init("受理时间", "received_at"), .init("渠道", "channel"),
            .init("类型", "type"), .init("类别", "category"), .init("涉及项目", "programme", required: false),
            .init("涉及户编号", "household_id", required: false), .init("乡镇", "township", required: false),
            .init("内容", "summary"), .init("来电人", "caller_name", required: false),
            .init("来电号码", "caller_phone", required: false), .init("匿名", "anonymous", required: false),
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

    init(_ chinese: String, _ english: String, aliases: [String] = [], required: Bool = true) {
        self.chinese = chinese; self.english = english; self.aliases = aliases; self.required = required
    }

    func matches(_ header: String) -> Bool {
        header == chinese || header.lowercased() == english || aliases.contains(header)
    }
}

/// A file's header resolved against the contract: where each known column is, and what was ignored.
struct ResolvedHeader {
    /// Position of each contract column in the file's rows, by English name.
    let position: [String: Int]
    /// The header text as written in the file, by English name (errors quote what the user sees).
    let written: [String: String]
    let fieldCount: Int
    let ignored: [String]

    init(_ table: CSVTable, kind: ImportKind, file: String) throws(InputErrors) {
        var position: [String: Int] = [:], written: [String: String] = [:], ignored: [String] = []
        var errors: [InputError] = []
        for (i, name) in table.header.enumerated() {
            let clean = name.hasPrefix("\u{FEFF}") ? String(name.dropFirst()) : name
            guard let column = kind.columns.first(where: { $0.matches(clean) }) else {
                if !clean.isEmpty { ignored.append(clean) }
                continue
            }
            if position[column.english] != nil {
                errors.append(InputError(file: file, line: table.headerLine, field: clean,
                                         reason: "column appears twice (as '\(written[column.english]!)' and '\(clean)')"))
            }
            position[column.english] = i
            written[column.english] = clean
        }
        for column in kind.columns where column.required && position[column.english] == nil {
            errors.append(InputError(file: file, line: table.headerLine, field: column.chinese,
                                     reason: "required column is missing (name it '\(column.chinese)' or '\(column.english)')"))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        self.position = position; self.written = written; self.fieldCount = table.header.count; self.ignored = ignored
    }
}
