import GongkaiCore

/// The verifiers' worksheet (核查表) of a batch: one row per finding, with what a verifier needs to
/// find the household and the person, and blank 核查结果 / 处理日期 / 说明 columns that
/// `gongkai match results` reads back (`MatchResultsReader`). The same columns go out and come back,
/// so a round trip needs no retyping.
public enum MatchWorksheet: String, CaseIterable, Sendable, ContractTable {
    case worksheet

    public var fileName: String { "核查表.csv" }
    public var chineseName: String { "核查表" }

    public static func named(_ name: String) -> MatchWorksheet? {
        name.trimmingASCIIWhitespace() == "核查表" || name.lowercased() == "worksheet" ? .worksheet : nil
    }

    /// The columns, in the worksheet's order. Only 比对批次, 户编号 and 比对事项 (the finding's key) and the
    /// three result columns are read back; the others are there for the verifier.
    public var columns: [ImportColumn] {
        [
            .init("序号", "number", required: false, limit: .number),
            .init("比对批次", "batch", limit: .key), .init("乡镇", "township", required: false, limit: .place),
            .init("村", "village", required: false, limit: .place),
            .init("户编号", "household_id", textOnly: true, limit: .key),
            .init("户主姓名", "head_name", required: false, limit: .name),
            .init("涉及人员", "person_name", required: false, limit: .name),
            .init("推送部门", "department", required: false, limit: .code),
            .init("规则", "rule_id", required: false, limit: .label),
            .init("比对事项", "finding", limit: .finding),
            .init("规则说明", "explanation", required: false, limit: .summary),
            .init("核查结果", "result", required: false, limit: .code),
            .init("处理日期", "resolved_on", required: false, limit: .number),
            .init("说明", "note", required: false, limit: .finding),
        ]
    }

    /// The column titles as the worksheet writes them.
    public static var titles: [String] { MatchWorksheet.worksheet.columns.map(\.chinese) }

    /// A finding as the worksheet shows it.
    public struct Row: Sendable, Equatable {
        public let batch: String
        public let township: String
        public let village: String
        public let householdID: String
        public let headName: String
        public let personName: String?
        public let department: String
        public let ruleID: String?
        public let finding: String
        public let programme: String?
        public let severity: String?
        public let pushedOn: String
        public let result: String
        public let resolvedOn: String?
        public let note: String?
    }

    /// The batch's findings, by township, village and household.
    public static func rows(batch: MatchBatch, in store: StoreDatabase) throws -> [Row] {
        try store.session(readOnly: true) { session in
            try session.rows("""
                SELECT m.batch, h.township, h.village, m.household_id, h.head_name, m.person_name, m.department, m.rule_id,
                       m.finding, m.programme, m.severity, m.pushed_on, m.result, m.resolved_on, m.note
                FROM data_match m JOIN household h ON h.household_id = m.household_id
                WHERE m.batch = ? ORDER BY h.township, h.village, m.household_id, m.rule_id, m.finding
                """, batch.description).map { r in
                func field(_ column: String) throws -> String? { try r.checked(column, key: "data_match") }
                return Row(batch: try field("batch") ?? "", township: try field("township") ?? "", village: try field("village") ?? "",
                           householdID: try field("household_id") ?? "", headName: try field("head_name") ?? "",
                           personName: try field("person_name"), department: try field("department") ?? "",
                           ruleID: try field("rule_id"), finding: try field("finding") ?? "", programme: try field("programme"),
                           severity: try field("severity"), pushedOn: try field("pushed_on") ?? "", result: try field("result") ?? "",
                           resolvedOn: try field("resolved_on"), note: try field("note"))
            }
        }
    }
}
