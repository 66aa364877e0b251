import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import Store

extension AuditAction {
    /// A complaint recorded at intake (object: its number; never the caller or the PIN).
    static let complaintAdd = AuditAction("complaint.add")
    /// A duplicate check at intake (object: its kind — phone, household or both; never the value;
    /// detail: how many were found, or why it was refused).
    static let duplicateCheck = AuditAction("complaint.duplicateCheck")
}

/// `GET /complaints/new` (the intake form) and `POST /complaints/new` (fields named like the English
/// columns of complaints.csv — received_at, channel, type, category, programme, household_id, township,
/// summary, caller_name, caller_phone, anonymous — plus `issue_pin` and `csrf_token`), for the 登记员
/// and the 督办. The desk numbers the complaint, seals the caller with the server's key and hashes
/// the PIN; the answer shows the number and the PIN once, and is never cached. Possible duplicates
/// (`ComplaintDesk.possibleDuplicates`) are shown first, and the complaint is saved only when the
/// form comes back with `confirm=是` (the same form, Enter again). Each check tells whether a phone
/// or household has called before, so each is audited (its kind, never the value), an account runs
/// at most `SecurityPolicy.duplicateChecksPerHour` an hour (429 after), and a role that may not
/// reveal callers sees the earlier complaints' numbers only.
///
/// A possible duplicate can be taken as the earlier call of a repeat (`repeat_of`, the button
/// "作为重复来电关联" on its row): the complaint is then saved linked to it.
///
/// Keyboard-first: the summary has the focus, the usual answers are preset (now, 监督电话, 投诉), and
/// every field is one line, so Enter submits from anywhere in the form; the save button comes before
/// the household lookup's button (`lookup`), so Enter saves.
enum IntakeRoutes {
    static let title = "登记投诉"

    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/complaints/new", .permission(.recordComplaint),
                     summary: "the intake form (keyboard-first, defaults now and 监督电话); lookup=1 with household_query and township looks a household up (audited)") { request, context in
                let fields = FormFields(request.uri.query ?? "")
                let found = try fields["lookup"] == nil ? [:] : lookUp(environment, fields: fields, context: context)
                return form(environment, context: context, form: fields, lookup: found)
            },
            WebRoute(.post, "/complaints/new", .permission(.recordComplaint),
                     summary: "record a complaint (the columns of complaints.csv, repeat_of, issue_pin, csrf_token); shows the number and the PIN once; lookup looks a household up instead; audited") { request, context in
                try await add(environment, request: request, context: context)
            },
        ]
    }

    /// The form, filled with what was typed (after a refusal) or the defaults.
    static func form(_ environment: WebEnvironment, context: WebContext, form: FormFields,
                     message: String? = nil, duplicates: [ComplaintView] = [], lookup: [String: Any] = [:],
                     status: HTTPResponse.Status = .ok) -> Response {
        func options(_ name: String, _ list: [(String, String)], _ preset: String?, blank: String?) -> [[String: Any]] {
            let chosen = form[name] ?? preset ?? ""
            return (blank.map { [("", $0)] } ?? []).map { ["value": $0.0, "label": $0.1, "selected": chosen.isEmpty] }
                + list.map { ["value": $0.0, "label": $0.1, "selected": chosen == $0.0] }
        }
        func same(_ list: [String]) -> [(String, String)] { list.map { ($0, $0) } }
        var view: [String: Any] = [
            "receivedAt": form["received_at"] ?? ChinaTime.minuteText(of: environment.clock.now()),
            "summary": form["summary"] ?? "", "householdId": form["household_id"] ?? "",
            "callerName": form["caller_name"] ?? "", "callerPhone": form["caller_phone"] ?? "",
            "anonymous": form["anonymous"] == "是", "issuePIN": form["issue_pin"] == "是",
            "channels": options("channel", same(Codelist.complaintChannel), "监督电话", blank: nil),
            "types": options("type", same(Codelist.complaintType), "投诉", blank: nil),
            "categories": options("category", same(Codelist.complaintCategory), nil, blank: "请选择"),
            "programmes": options("programme", Programme.allCases.map { ($0.code, $0.chineseName) }, nil, blank: "（无）"),
            "townships": options("township", same(environment.schedule.townships.names), nil, blank: "（未知）"),
            "householdQuery": form["household_query"] ?? "",
        ]
        if let repeatOf = form.trimmed("repeat_of") { view["repeatOf"] = repeatOf }
        view.merge(lookup) { _, found in found }
        if let message { view["message"] = message }
        if !duplicates.isEmpty {
            view["duplicates"] = duplicates.map {
                ["number": $0.id, "receivedAt": $0.receivedAt, "status": $0.status.rawValue, "category": $0.category,
                 "township": $0.township ?? "", "household": $0.householdId ?? ""]
            }
            view["confirm"] = true
            view["numbersOnly"] = context.identity?.has(.revealCallerIdentity) != true
        }
        return PageLayout.page("intake", title: title, context: context, environment: environment, current: "/complaints/new", status: status, view)
    }

    static func add(_ environment: WebEnvironment, request: Request, context: WebContext) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        if fields["lookup"] != nil {
            return form(environment, context: context, form: fields, lookup: try lookUp(environment, fields: fields, context: context))
        }
        func refuse(_ message: String) -> Response {
            environment.record(.complaintAdd, outcome: .failure, detail: message, context: context)
            return form(environment, context: context, form: fields, message: message, status: .badRequest)
        }
        guard let summary = fields.trimmed("summary") else { return refuse("请填写诉求摘要。") }
        guard let category = fields.trimmed("category") else { return refuse("请选择类别。") }
        for name in ["summary", "caller_name", "household_id", "repeat_of"] where (fields[name]?.count ?? 0) > ComplaintRoutes.maximumText {
            return refuse("“\(label(name))”过长。")
        }
        let anonymous = fields["anonymous"] == "是"
        let intake = ComplaintIntake(
            receivedAt: fields.trimmed("received_at"), channel: fields.trimmed("channel") ?? "监督电话",
            type: fields.trimmed("type") ?? "投诉", category: category, programme: fields.trimmed("programme"),
            householdId: fields.trimmed("household_id"), township: fields.trimmed("township"), summary: summary,
            callerName: anonymous ? nil : fields.trimmed("caller_name"), callerPhone: anonymous ? nil : fields.trimmed("caller_phone"),
            anonymous: anonymous, repeatOf: fields.trimmed("repeat_of"))
        let desk = ComplaintDesk(store: environment.store, schedule: environment.schedule, clock: environment.clock,
                                 identity: environment.identity)
        if fields["confirm"] != "是" && intake.repeatOf == nil, let kind = duplicateCheckKind(intake) {
            let since = environment.clock.now().addingTimeInterval(-3600)
            let checks = try environment.audit.count(AuditQuery(since: since, actor: account.login, action: .duplicateCheck, outcome: .success))
            guard checks < environment.policy.duplicateChecksPerHour else {
                environment.record(.duplicateCheck, object: kind, outcome: .refused,
                                   detail: "over \(environment.policy.duplicateChecksPerHour) checks an hour", context: context)
                return form(environment, context: context, form: fields,
                            message: "尚未保存：本小时查重次数已达上限（\(environment.policy.duplicateChecksPerHour) 次），请稍后再登记，或请督办登记。",
                            status: .tooManyRequests)
            }
            let duplicates = try desk.possibleDuplicates(of: intake)
            environment.record(.duplicateCheck, object: kind, outcome: .success, detail: "\(duplicates.count) found", context: context)
            if !duplicates.isEmpty {
                return form(environment, context: context, form: fields,
                            message: "尚未保存：发现 \(duplicates.count) 件可能重复的投诉（同一户或同一电话、同一类别、\(ComplaintDesk.duplicateWindowDays)日内），见下表。确认不是重复后，再按回车保存。",
                            duplicates: duplicates, status: .conflict)
            }
        }
        var random = SystemRandomNumberGenerator()
        let saved: ComplaintDesk.Intake
        do {
            saved = try desk.add(intake, by: .account(account), issuePIN: fields["issue_pin"] == "是",
                                 source: "登记表", random: &random)
        } catch let error as InputError {
            return refuse("请检查“\(label(error.field ?? ""))”：\(error.reason)")
        } catch is CallerIdentityKeyMissing {
            return refuse("服务器未配置来电人身份密钥，不能登记来电人姓名和电话：请改为匿名或不填姓名电话，并通知管理员。")
        }
        environment.record(.complaintAdd, object: saved.id, outcome: .success,
                           detail: intake.repeatOf.map { "repeat of \($0)" } ?? "", context: context)
        var view: [String: Any] = ["number": saved.id, "saved": true]
        if let pin = saved.pin { view["pin"] = pin }
        if saved.due.isProvisional {
            view["uncovered"] = "办结期限 \(saved.due.text)：该年的节假日安排尚未添加（templates/calendar/），暂按只扣除周末计算；添加后系统会自动重新计算"
        }
        view["notice"] = "已登记，编号 \(saved.id)。" + (intake.repeatOf.map { "已作为 \($0) 的重复来电关联。" } ?? "")
        return PageLayout.page("intake", title: title, context: context, environment: environment, current: "/complaints/new", view)
    }

    /// What a duplicate check of `intake` compares: "phone", "household", both, or nil when it has
    /// neither (no check is run).
    static func duplicateCheckKind(_ intake: ComplaintIntake) -> String? {
        let kinds = [(!intake.anonymous && intake.callerPhone != nil) ? "phone" : nil, intake.householdId != nil ? "household" : nil]
        let kind = kinds.compactMap { $0 }.joined(separator: "+")
        return kind.isEmpty ? nil : kind
    }

    /// The form's Chinese label of a complaints.csv column, for messages.
    static func label(_ field: String) -> String {
        [
            "received_at": "收到时间", "channel": "渠道", "type": "类型", "category": "类别", "programme": "项目",
            "household_id": "户编号", "township": "乡镇（街道）", "summary": "诉求摘要", "caller_name": "来电人姓名",
            "caller_phone": "来电人电话", "anonymous": "匿名", "repeat_of": "重复来电关联",
        ][field] ?? field
    }
}
