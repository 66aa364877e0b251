import Foundation

/// The complaint desk's time limits, units and reply templates, from templates/desk.toml.
///
/// Every limit has a statutory default (docs/domain.md §2a) so a missing key falls back to the law, and
/// every key present is checked with its line, because office staff edit this file.
public struct DeskSettings: Sendable, Equatable {
    /// Written 告知 of acceptance (信访工作条例 §23: 15日).
    public var acknowledge = Limit.days(15)
    /// Dispatch of a work order to the unit (宁夏12345: 1个工作日).
    public var dispatch = Limit.workdays(1)
    /// Conclusion (信访工作条例 §34: 60日 from acceptance).
    public var conclude = Limit.days(60)
    /// Longest single extension, in calendar days (§34: ≤ 30日).
    public var extensionMaxDays = 30
    /// Returning an item outside our remit (§23: 5个工作日).
    public var returnWithin = Limit.workdays(5)
    /// Callback after the reply.
    public var callbackAfterReply = Limit.workdays(3)
    /// How long after the reply the caller may ask for 复查 (§35: 30日).
    public var reopenWithin = Limit.days(30)
    /// Time to answer a 复查 (§35: 30日).
    public var review = Limit.days(30)
    /// Two complaints on the same matter and household within this many days count as repeated.
    public var repeatWindowDays = 90
    /// An open complaint whose conclusion deadline falls within this limit of today shows a yellow
    /// light (即将到期); past the deadline, red. The 12345 platforms warn two working days ahead.
    public var dueSoon = Limit.workdays(2)
    /// A complaint transferred to a unit should be signed for (the `assign` step) within this limit;
    /// after it, the complaint shows in the 待签收 queue. The 12345 practice is 1 working day.
    public var signWithin = Limit.workdays(1)
    /// The most working days a complaint's clock may stand still, over all its pauses (waiting on the
    /// caller). 30 is an office default, NOT CONFIRMED by a rule.
    public var pauseMaxDays = 30
    /// Model answers the reply form offers for a category, and a programme where one is named
    /// (`[[reply_template]]`); the text is a starting point the handler edits before sending.
    public var replyTemplates: [ReplyTemplate] = []
    /// Per complaint type (咨询, 投诉, …) overrides of acknowledge, dispatch and conclude.
    public var byType: [String: TypeLimits] = [:]
    /// The centre's own 办理单位 (`[[unit]]` without a township): 社会救助股, 低保中心 …
    public var units: [String] = []
    /// A township's unit under another name than its 民政办 (`[[unit]]` with `township = "…"`), by
    /// township. Every township has its unit whether or not desk.toml names it (`ComplaintSchedule.units`).
    public var townshipUnits: [String: String] = [:]

    public struct TypeLimits: Sendable, Equatable {
        public var acknowledge: Limit?
        public var dispatch: Limit?
        public var conclude: Limit?
    }

    public struct ReplyTemplate: Sendable, Equatable {
        public var category: String
        /// The programme it answers for; nil: offered whatever the complaint's programme.
        public var programme: Programme?
        public var title: String
        public var text: String
    }

    public init() {}

    /// The reply templates that fit a complaint: its category, and either no programme or the
    /// complaint's own, in the file's order. A template for 低保 is never offered on a 临时救助 matter.
    public func replyTemplates(category: String, programme: Programme?) -> [ReplyTemplate] {
        replyTemplates.filter { $0.category == category && ($0.programme == nil || $0.programme == programme) }
    }

    public func acknowledge(type: String) -> Limit { byType[type]?.acknowledge ?? acknowledge }
    public func dispatch(type: String) -> Limit { byType[type]?.dispatch ?? dispatch }
    public func conclude(type: String) -> Limit { byType[type]?.conclude ?? conclude }

    /// desk.toml, its units' townships checked against `townships` (templates/townships.toml).
    public static func load(templates: String, townships: Townships = .none) throws(InputError) -> DeskSettings {
        let file = try TemplateFile.read("desk.toml", in: templates)
        return try parse(file.text, file: file.path, townships: townships)
    }

    public static func parse(_ text: String, file: String, townships: Townships = .none) throws(InputError) -> DeskSettings {
        do throws(TOMLError) {
            let root = try TOML.parse(text)
            var s = DeskSettings()
            if let limits = try root.optionalTable("limits") {
                s.acknowledge = try limit(limits, "acknowledge") ?? s.acknowledge
                s.dispatch = try limit(limits, "dispatch") ?? s.dispatch
                s.conclude = try limit(limits, "conclude") ?? s.conclude
                s.returnWithin = try limit(limits, "return_within") ?? s.returnWithin
                s.callbackAfterReply = try limit(limits, "callback_after_reply") ?? s.callbackAfterReply
                s.reopenWithin = try limit(limits, "reopen_within") ?? s.reopenWithin
                s.review = try limit(limits, "review") ?? s.review
                s.dueSoon = try limit(limits, "due_soon") ?? s.dueSoon
                s.signWithin = try limit(limits, "sign_within") ?? s.signWithin
                s.pauseMaxDays = try count(limits, "pause_max_days", in: 0...Limit.maximumAmount) ?? s.pauseMaxDays
                s.extensionMaxDays = try count(limits, "extension_max_days", in: 1...Limit.maximumAmount) ?? s.extensionMaxDays
                s.repeatWindowDays = try count(limits, "repeat_window_days", in: 0...Limit.maximumAmount) ?? s.repeatWindowDays
                if let types = try limits.optionalTable("by_type") {
                    for type in types.keys {
                        guard Codelist.complaintType.contains(type) else {
                            throw TOMLError(line: types.line(of: type), message: "'\(type)' 不是投诉类型（\(Codelist.complaintType.joined(separator: "、"))）")
                        }
                        let t = try types.table(type)
                        s.byType[type] = TypeLimits(acknowledge: try limit(t, "acknowledge"),
                                                    dispatch: try limit(t, "dispatch"),
                                                    conclude: try limit(t, "conclude"))
                    }
                }
            }
            if let handler = try root.tables("handler").first {
                throw TOMLError(line: handler.line(of: "name"), message: "[[handler]] 已停用：受理台的每一步由账号完成（浏览器登录，或命令行 --as 登录名 / 环境变量 GONGKAI_USER），按账号的角色授权。请删除 [[handler]] 各段，并用 gongkai user add 为经办人建立账号")
            }
            try units(root, townships: townships, into: &s)
            s.replyTemplates = try replyTemplates(root)
            return s
        } catch {
            throw error.located(in: file)
        }
    }

    private static func limit(_ table: TOMLTable, _ key: String) throws(TOMLError) -> Limit? {
        guard let text = try table.optionalString(key) else { return nil }
        guard let limit = Limit(parsing: text) else {
            throw TOMLError(line: table.line(of: key), message: "'\(key)' 须形如 \"15 days\" 或 \"5 workdays\"（最多 \(Limit.maximumAmount)），实际为 \"\(text)\"")
        }
        return limit
    }

    private static func count(_ table: TOMLTable, _ key: String, in range: ClosedRange<Int>) throws(TOMLError) -> Int? {
        guard let n = try table.optionalInteger(key) else { return nil }
        guard n >= range.lowerBound, n <= range.upperBound else {
            throw TOMLError(line: table.line(of: key), message: "'\(key)' 须在 \(range.lowerBound) 至 \(range.upperBound) 之间，实际为 \(n)")
        }
        return Int(n)
    }

    /// `[[reply_template]]` entries: a known category, optionally a programme, a title and a text,
    /// none empty.
    private static func replyTemplates(_ root: TOMLTable) throws(TOMLError) -> [ReplyTemplate] {
        try root.tables("reply_template").map { entry throws(TOMLError) in
            let category = try entry.string("category").trimmingASCIIWhitespace()
            guard Codelist.complaintCategory.contains(String(category)) else {
                throw TOMLError(line: entry.line(of: "category"), message: "'\(category)' 不是投诉类别（\(Codelist.complaintCategory.joined(separator: "、"))）")
            }
            var programme: Programme?
            if let name = try entry.optionalString("programme") {
                guard let named = Programme(parsing: name) else {
                    throw TOMLError(line: entry.line(of: "programme"), message: "'\(name)' 不是救助项目，应为：\(Programme.allCases.map(\.chineseName).joined(separator: "、"))（或其简称、代码）")
                }
                programme = named
            }
            let title = try entry.string("title").trimmingASCIIWhitespace()
            let text = try entry.string("text").trimmingASCIIWhitespace()
            guard !title.isEmpty, !text.isEmpty else {
                throw TOMLError(line: entry.line(of: "title"), message: "每个 [[reply_template]] 都须有非空的 title 和 text")
            }
            return ReplyTemplate(category: String(category), programme: programme, title: String(title), text: String(text))
        }
    }

    /// `[[unit]]` entries with a distinct `name`: the centre's units, and with `township` a township's
    /// unit under its own name. A name that is a township's default (三营镇民政办) is that township's
    /// unit, not a second one.
    private static func units(_ root: TOMLTable, townships: Townships, into s: inout DeskSettings) throws(TOMLError) {
        var seen: Set<String> = []
        for entry in try root.tables("unit") {
            let name = String(try entry.string("name").trimmingASCIIWhitespace())
            guard !name.isEmpty, seen.insert(name).inserted else {
                throw TOMLError(line: entry.line(of: "name"), message: "每个 [[unit]] 都须有不重复、非空的 name")
            }
            if let township = try entry.optionalString("township").map({ String($0.trimmingASCIIWhitespace()) }) {
                guard townships.names.contains(township) else {
                    throw TOMLError(line: entry.line(of: "township"), message: "'\(township)' 不是 templates/townships.toml 中的乡镇（街道）")
                }
                guard s.townshipUnits[township] == nil else {
                    throw TOMLError(line: entry.line(of: "township"), message: "\(township) 已有办理单位 \(s.townshipUnits[township] ?? "")：每个乡镇（街道）只有一个")
                }
                s.townshipUnits[township] = name
            } else if !townships.names.contains(where: { DeskUnit.defaultName(of: $0) == name }) {
                s.units.append(name)
            }
        }
    }
}
