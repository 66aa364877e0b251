import Foundation
import GongkaiCore

/// What the desk records when a call, letter or visit comes in: the fields of complaints.csv
/// except the number (assigned) and the outcome (reached through the workflow).
public struct ComplaintIntake: Sendable, Equatable {
    /// "YYYY-MM-DD HH:MM" Beijing time; nil means now.
    public var receivedAt: String?
    public var channel: String
    public var type: String
    public var category: String
    public var programme: String?
    public var householdId: String?
    public var township: String?
    public var summary: String
    public var callerName: String?
    public var callerPhone: String?
    public var anonymous: Bool
    /// The earlier complaint (TS-…) this call repeats: linked both ways, counted as a new complaint.
    public var repeatOf: String?

    public init(receivedAt: String? = nil, channel: String, type: String, category: String,
                programme: String? = nil, householdId: String? = nil, township: String? = nil,
                summary: String, callerName: String? = nil, callerPhone: String? = nil, anonymous: Bool = false,
                repeatOf: String? = nil) {
        self.receivedAt = receivedAt; self.channel = channel; self.type = type; self.category = category
        self.programme = programme; self.householdId = householdId; self.township = township
        // A phone typed with an input method's full-width digits is the same number.
        self.summary = summary; self.callerName = callerName; self.callerPhone = callerPhone.map(TypedText.halfWidth)
        self.anonymous = anonymous; self.repeatOf = repeatOf
    }

    static let keys: Set<String> = ["received_at", "channel", "type", "category", "programme", "household_id",
                                    "township", "summary", "caller_name", "caller_phone", "anonymous", "repeat_of"]

    /// One JSON object whose keys are complaints.csv's English column names. `source` names the
    /// input in errors ("standard input:3").
    public init(json: some StringProtocol, source: String, line: Int? = nil) throws(InputError) {
        func fail(_ field: String?, _ reason: String) -> InputError {
            InputError(file: source, line: line, field: field, reason: reason)
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            throw fail(nil, "不是以 complaints.csv 列名为键的 JSON 对象")
        }
        for key in object.keys.sorted() where !Self.keys.contains(key) {
            throw fail(key, key == "complaint_id"
                       ? "编号由受理台分配：请不要给出 complaint_id"
                       : key == "closed_at" || key == "satisfaction"
                       ? "新投诉要经过办理流程（答复、回访、办结）才能办结和评价，不能在登记时给出"
                       : "未知的键（可用的键：\(Self.keys.sorted().joined(separator: ", "))）")
        }
        func text(_ key: String) throws(InputError) -> String? {
            let value: Any? = object[key]
            switch value {
            case nil, is NSNull: return nil
            case let s as String:
                let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
                return t.isEmpty ? nil : t
            default: throw fail(key, "须为文字")
            }
        }
        func required(_ key: String) throws(InputError) -> String {
            guard let v = try text(key) else { throw fail(key, "必须填写") }
            return v
        }
        let anonymous: Bool
        let flag: Any? = object["anonymous"]
        switch flag {
        case nil, is NSNull: anonymous = false
        case let s as String where Codelist.yesNo.contains(s): anonymous = s == "是"
        default: throw fail("anonymous", "须为 是 或 否")
        }
        self.init(receivedAt: try text("received_at"), channel: try required("channel"), type: try required("type"),
                  category: try required("category"), programme: try text("programme"),
                  householdId: try text("household_id"), township: try text("township"),
                  summary: try required("summary"), callerName: try text("caller_name"),
                  callerPhone: try text("caller_phone"), anonymous: anonymous, repeatOf: try text("repeat_of"))
    }

    /// Checks every field against the code lists; the first problem is reported with its field.
    func validate(source: String, townships: Townships) throws(InputError) -> (receivedAt: String, receivedOn: CivilDate, programme: Programme?) {
        func fail(_ field: String, _ reason: String) -> InputError { InputError(file: source, field: field, reason: reason) }
        func check(_ value: String, _ list: [String], _ field: String) throws(InputError) {
            guard list.contains(value) else { throw fail(field, "'\(value)' 不在可用值之列：\(list.joined(separator: "、"))") }
        }
        try check(channel, Codelist.complaintChannel, "channel")
        try check(type, Codelist.complaintType, "type")
        try check(category, Codelist.complaintCategory, "category")
        if let township { try check(township, townships.names, "township") }
        var parsedProgramme: Programme?
        if let programme {
            guard let p = Programme(parsing: programme) else {
                throw fail("programme", "'\(programme)' 不是救助项目（\(Programme.allCases.map(\.code).joined(separator: "、"))）")
            }
            parsedProgramme = p
        }
        if anonymous, callerName != nil || callerPhone != nil {
            throw fail("anonymous", "匿名投诉不能有来电人姓名或电话")
        }
        if let callerName, let problem = TypedText.nameProblem(callerName) {
            throw fail("caller_name", "\(problem)：请去掉后再填写")
        }
        if let callerPhone, !PhoneNumber.isValid(callerPhone) {
            throw fail("caller_phone", "不是手机号或固定电话号码")
        }
        guard let at = receivedAt, let date = ChinaTime.parseMinute(at) else {
            throw fail("received_at", "'\(receivedAt ?? "")' 不是时间（YYYY-MM-DD HH:MM）")
        }
        return (ChinaTime.minuteText(of: date), ChinaTime.civilDate(of: date), parsedProgramme)
    }
}
