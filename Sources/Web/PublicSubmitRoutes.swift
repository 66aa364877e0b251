import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import Store

/// `GET /submit` (the form) and `POST /submit` (fields `category`, `township`, `programme`,
/// `summary`, `caller_name`, `caller_phone`, `anonymous`, `consent`, `csrf_token` and the honeypot
/// `website`): a citizen's complaint or question enters the desk as channel 网上, registered by
/// 网上群众, with the legal time limits from now and the caller's identity sealed, like a call
/// taken at the desk (`ComplaintDesk.add`, the intake's own rules). The answer shows the number and
/// a new PIN once.
///
/// No page echoes a name or phone back: a refused form comes back with the other fields kept and
/// those two empty. The type is 咨询 for a policy question (category 政策咨询), else 投诉: the
/// desk's time limits follow it.
enum PublicSubmitRoutes {
    static let title = "网上提交诉求"

    static func routes(_ channel: PublicChannel) -> [WebRoute] {
        [
            WebRoute(.get, "/submit", .anyone, summary: "the public complaint form, with the personal-information notice") { _, _ in
                form(channel, FormFields(""))
            },
            WebRoute(.post, "/submit", .anyone,
                     summary: "submit a complaint (category, township, programme, summary, caller_name, caller_phone, anonymous, consent, csrf_token, website empty); shows the number and PIN once") { request, context in
                try await submit(channel, request: request, context: context)
            },
        ]
    }

    /// The form, filled with `form`'s non-personal fields (after a refusal) and a new token.
    static func form(_ channel: PublicChannel, _ form: FormFields, message: String? = nil,
                     status: HTTPResponse.Status = .ok) -> Response {
        func options(_ name: String, _ list: [(String, String)], blank: String) -> [[String: Any]] {
            let chosen = form[name] ?? ""
            return [["value": "", "label": blank, "selected": chosen.isEmpty]]
                + list.map { ["value": $0.0, "label": $0.1, "selected": chosen == $0.0] }
        }
        var view: [String: Any] = [
            "csrfToken": channel.newFormToken(),
            "categories": options("category", Codelist.complaintCategory.map { ($0, $0) }, blank: "请选择"),
            "townships": options("township", channel.environment.schedule.townships.names.map { ($0, $0) }, blank: "请选择"),
            "programmes": options("programme", Programme.allCases.map { ($0.code, $0.chineseName) }, blank: "不清楚或不涉及"),
            "summary": form["summary"] ?? "", "anonymous": form["anonymous"] == "是",
            "maximumSummary": PublicChannel.maximumSummary,
        ]
        if let message { view["message"] = message }
        return channel.page("public-submit", title: title, status: status, view)
    }

    static func submit(_ channel: PublicChannel, request: Request, context: WebContext) async throws -> Response {
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: PublicChannel.maximumBody)))
        if let refusal = try PublicProgressRoutes.formRefusal(channel, fields, request: request, context: context) { return refusal }
        func refuse(_ message: String) -> Response {
            channel.refuse(request, context, kind: "form not valid", action: .complaintAdd, outcome: .failure)
            return form(channel, fields, message: message, status: .badRequest)
        }
        guard let category = fields.trimmed("category"), Codelist.complaintCategory.contains(category) else { return refuse("请选择问题类别。") }
        guard let township = fields.trimmed("township"), channel.environment.schedule.townships.names.contains(township) else {
            return refuse("请选择您所在的乡镇（街道）。")
        }
        let programme = fields.trimmed("programme")
        if let programme, Programme(parsing: programme) == nil { return refuse("请从列表中选择救助项目，或选“不清楚或不涉及”。") }
        guard let summary = fields.trimmed("summary") else { return refuse("请写明您反映的问题或咨询的事项。") }
        guard summary.count <= PublicChannel.maximumSummary else {
            return refuse("诉求内容最多 \(PublicChannel.maximumSummary) 字，现在是 \(summary.count) 字，请精简。")
        }
        let anonymous = fields["anonymous"] == "是"
        var name: String?, phone: String?
        if !anonymous {
            guard let typedName = fields.trimmed("caller_name") else { return refuse("请填写姓名，或选择匿名提交。") }
            guard typedName.count <= PublicChannel.maximumName else { return refuse("姓名过长，请重新填写。") }
            guard TypedText.nameProblem(typedName) == nil else { return refuse("姓名中间不能有空格或看不见的字符，请重新填写姓名和电话。") }
            guard let typedPhone = fields.trimmed("caller_phone").map(TypedText.halfWidth), PhoneNumber.isValid(typedPhone) else {
                return refuse("请填写正确的手机号码或带区号的固定电话，便于回访；不愿留下的，可选择匿名提交。请重新填写姓名和电话。")
            }
            name = typedName
            phone = typedPhone
        }
        guard fields["consent"] == "是" else { return refuse("请阅读“个人信息告知”，勾选同意后再提交。") }
        let intake = ComplaintIntake(channel: "网上", type: category == "政策咨询" ? "咨询" : "投诉", category: category,
                                     programme: programme, township: township, summary: summary,
                                     callerName: name, callerPhone: phone, anonymous: anonymous)
        var random = SystemRandomNumberGenerator()
        let saved: ComplaintDesk.Intake
        do {
            saved = try channel.desk.add(intake, by: .citizen, issuePIN: true, source: "网上表单", random: &random)
        } catch is InputError {
            return refuse("提交的内容有误，请检查后重新填写。")
        } catch is CallerIdentityKeyMissing {
            return refuse("暂时不能受理实名提交，请选择匿名提交，或拨打热线 \(channel.office.hotline)。")
        }
        channel.environment.record(.complaintAdd, object: saved.id, outcome: .success, detail: "public channel", context: context)
        return channel.page("public-submitted", title: "已收到您的诉求", [
            "number": saved.id, "pin": saved.pin ?? "", "due": saved.due.text, "anonymous": anonymous,
        ])
    }
}
