import GongkaiCore

/// The lists other departments push every month for data matching (数据比对, docs/matching.md): one
/// contract per kind, with Chinese and English column names, read as CSV or .xlsx with the same checks
/// as the office's own import. A file (or sheet) is named after its kind in English or Chinese:
/// `deaths.csv`, `死亡.csv`, a sheet `死亡` of any workbook.
public enum DepartmentList: String, CaseIterable, Sendable, ContractTable {
    case deaths, pensions, employment, students, monitoring, vehicles, property, businesses

    public var fileName: String { "\(rawValue).csv" }

    public var chineseName: String {
        switch self {
        case .deaths: "死亡"
        case .pensions: "社保"
        case .employment: "就业"
        case .students: "在校生"
        case .monitoring: "防返贫监测"
        case .vehicles: "车辆"
        case .property: "不动产"
        case .businesses: "市场主体"
        }
    }

    /// The department that usually pushes the list (a rule of templates/matching.toml may name another,
    /// 公安 for deaths).
    public var department: String {
        switch self {
        case .deaths: "卫健"
        case .pensions, .employment: "人社"
        case .students: "教育"
        case .monitoring: "农业农村"
        case .vehicles: "车管"
        case .property: "不动产"
        case .businesses: "市场监管"
        }
    }

    public static func named(_ name: String) -> DepartmentList? {
        let clean = name.trimmingASCIIWhitespace().lowercased()
        return allCases.first { $0.rawValue == clean || $0.chineseName == clean }
    }

    /// `deaths.csv` or `死亡.csv`: a department's file is named after its kind in either language.
    public static func csvNamed(_ fileName: String) -> DepartmentList? {
        let lower = fileName.lowercased()
        guard lower.hasSuffix(".csv") else { return nil }
        return named(String(lower.dropLast(4)))
    }

    /// The column that holds the person's ID number (the household head's, for 防返贫监测).
    var idColumn: String { self == .monitoring ? "head_id_number" : "id_number" }

    public var columns: [ImportColumn] {
        let id = ImportColumn("身份证号", "id_number", textOnly: true, limit: .number)
        let start = ImportColumn("起始月份", "start_month", aliases: ["起始月"], limit: .number)
        switch self {
        case .deaths: return [id, .init("姓名", "name", limit: .name), .init("死亡日期", "died_on", limit: .number)]
        case .pensions: return [
            id, .init("险种", "insurance", limit: .label),
            .init("月待遇", "monthly_benefit", required: false, limit: .number),
            .init("缴费基数", "contribution_base", required: false, limit: .number),
            start, .init("终止月份", "end_month", aliases: ["终止月", "截止月份"], required: false, limit: .number),
        ]
        case .employment: return [id, .init("单位", "employer", limit: .label), start]
        case .students: return [
            id, .init("学校", "school", limit: .label), .init("学段", "stage", limit: .code),
            .init("学年", "school_year", limit: .number),
        ]
        case .monitoring: return [
            .init("户主身份证号", "head_id_number", textOnly: true, limit: .number),
            .init("监测类型", "monitoring_type", limit: .label), .init("纳入日期", "included_on", limit: .number),
        ]
        case .vehicles: return [id, .init("车辆类型", "vehicle_type", limit: .label), .init("登记日期", "registered_on", limit: .number)]
        case .property: return [
            id, .init("类型", "property_type", limit: .label), .init("面积", "floor_area", limit: .number),
            .init("登记日期", "registered_on", limit: .number),
        ]
        case .businesses: return [
            id, .init("主体类型", "entity_type", limit: .label),
            .init("注册资本", "registered_capital", required: false, limit: .number),
            .init("成立日期", "founded_on", limit: .number),
        ]
        }
    }

    /// 学段 of a pupil or student in the 在校生 list.
    public static let stages = ["学前", "小学", "初中", "高中", "中职", "高职", "本科", "研究生"]
}

/// One row of a department's list, as the store holds it until the batch is matched: the person's
/// normalised ID number and the few fields the rules read. Which field holds what depends on the list:
/// `label` is 险种, 单位, 学校, 监测类型, 车辆类型, 不动产类型 or 主体类型; `amount` (hundredths) is 月待遇,
/// 面积 or 注册资本; `day` is the list's date (死亡日期, 纳入日期, 登记日期, 成立日期); `start`/`end` are
/// month indexes (社保's 起止月, 就业's 起始月, 在校生's school year September to August).
struct DepartmentRow {
    let list: DepartmentList
    let line: Int
    let idNumber: IDNumber
    var name: String? = nil
    var label: String? = nil
    var stage: String? = nil
    var amount: Int64? = nil
    var base: Int64? = nil
    var day: CivilDate? = nil
    var start: Int? = nil
    var end: Int? = nil

    init(list: DepartmentList, line: Int, idNumber: IDNumber) {
        self.list = list; self.line = line; self.idNumber = idNumber
    }

    /// Parses a data row; nil (with the row's errors in `r`) when any cell is wrong.
    init?(_ list: DepartmentList, _ r: inout FieldReader) {
        let id = r.idNumber(list.idColumn)
        var row: DepartmentRow?
        switch list {
        case .deaths:
            let name = r.personName("name"), died = r.date("died_on")
            if let id, let name, let died { row = Self(list: list, line: r.line, idNumber: id); row?.name = name; row?.day = died }
        case .pensions:
            let insurance = r.text("insurance"), benefit = r.optionalMoney("monthly_benefit"), base = r.optionalMoney("contribution_base")
            let start = r.month("start_month"), end = r.month("end_month", required: false)
            if benefit.value == nil && base.value == nil && benefit.valid && base.valid {
                r.fail("monthly_benefit", "月待遇和缴费基数须至少填写一项")
            } else if let start, let end, end < start {
                r.fail("end_month", "终止月份 \(end) 早于起始月份 \(start)")
            } else if let id, let insurance, let start, benefit.valid, base.valid {
                row = Self(list: list, line: r.line, idNumber: id)
                row?.label = insurance; row?.amount = benefit.value?.fen; row?.base = base.value?.fen
                row?.start = start.index; row?.end = end?.index
            }
        case .employment:
            let employer = r.text("employer"), start = r.month("start_month")
            if let id, let employer, let start { row = Self(list: list, line: r.line, idNumber: id); row?.label = employer; row?.start = start.index }
        case .students:
            let school = r.text("school"), stage = r.code("stage", in: Self.stages), year = r.schoolYear("school_year")
            if let id, let school, let stage, let year {
                row = Self(list: list, line: r.line, idNumber: id)
                row?.label = school; row?.stage = stage
                // A school year runs from September to the August after.
                row?.start = year * 12 + 8; row?.end = year * 12 + 19
            }
        case .monitoring:
            let type = r.text("monitoring_type"), included = r.date("included_on")
            if let id, let type, let included { row = Self(list: list, line: r.line, idNumber: id); row?.label = type; row?.day = included }
        case .vehicles:
            let type = r.text("vehicle_type"), registered = r.date("registered_on")
            if let id, let type, let registered { row = Self(list: list, line: r.line, idNumber: id); row?.label = type; row?.day = registered }
        case .property:
            let type = r.text("property_type"), area = r.hundredths("floor_area"), registered = r.date("registered_on")
            if let id, let type, let area, let registered {
                row = Self(list: list, line: r.line, idNumber: id); row?.label = type; row?.amount = area; row?.day = registered
            }
        case .businesses:
            let type = r.text("entity_type"), capital = r.hundredths("registered_capital", required: false)
            let founded = r.date("founded_on")
            if let id, let type, let founded {
                row = Self(list: list, line: r.line, idNumber: id); row?.label = type; row?.amount = capital; row?.day = founded
            }
        }
        guard let row else { return nil }
        self = row
    }

    static let stages = DepartmentList.stages
}
