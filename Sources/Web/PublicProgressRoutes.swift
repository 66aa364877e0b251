import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import Publish
import Store

/// `GET/POST /progress` (fields `number`, `pin`, `csrf_token`) and `POST /rate` (also `rating`,
/// `comment`): a citizen follows a complaint with its number and PIN, and rates the answer once it
/// is 办结 (`ComplaintDesk.enquire`, `recordCallerRating`).
///
/// What the answer shows: the status in words, when it was received, the deadline (暂定 where
/// provisional), the unit handling it and, once 办结, the reply — never a caller field, a staff
/// name or any other note of the history; the reply itself only when it passes the publication
/// guard's value check. An unknown number and a wrong PIN get the same page; a number locked after
/// too many wrong PINs gets 429 whatever the address (and whether it exists or not).
enum PublicProgressRoutes {
    static let title = "查询办理进度"

    static func routes(_ channel: PublicChannel) -> [WebRoute] {
        [
            WebRoute(.get, "/progress", .anyone, summary: "the progress form (number and PIN)") { _, _ in
                form(channel)
            },
            WebRoute(.post, "/progress", .anyone,
                     summary: "progress of a complaint (number, pin, csrf_token): status, received, deadline, unit, the reply once concluded") { request, context in
                try await progress(channel, request: request, context: context)
            },
            WebRoute(.post, "/rate", .anyone,
                     summary: "the caller's own evaluation (number, pin, rating 满意/基本满意/不满意, comment, csrf_token), once, after 办结") { request, context in
                try await rate(channel, request: request, context: context)
            },
        ]
    }

    static func form(_ channel: PublicChannel, message: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        var view: [String: Any] = ["csrfToken": channel.newFormToken()]
        if let message { view["message"] = message }
        return channel.page("public-progress", title: title, status: status, view)
    }

    /// The checks every public form passes first, each refusal audited: its one-time token (served
    /// by this server, at least `minimum_form_seconds` earlier, not used before) and the empty
    /// honeypot `website`. nil: go on.
    static func formRefusal(_ channel: PublicChannel, _ fields: FormFields, request: Request, context: WebContext) throws -> Response? {
        if let refusal = try channel.useFormToken(fields[CSRFProtection.fieldName]) {
            channel.refuse(request, context, kind: refusal.rawValue)
            if refusal == .tooFast {
                return channel.page("public-error", title: "400 请求有误", status: .badRequest,
                                    ["message": "提交过快：请在打开页面、填写完毕后再提交。请返回上一页，刷新后重新填写。"])
            }
            return channel.page("public-error", title: "403 请求被拒绝", status: .forbidden,
                                ["message": "表单已过期或已提交过，请返回上一页，刷新后重新填写。"])
        }
        if !(fields["website"] ?? "").isEmpty {
            channel.refuse(request, context, kind: "honeypot field filled")
            return channel.page("public-error", title: "400 请求有误", status: .badRequest,
                                ["message": "提交未被受理。如需反映问题，请刷新页面重新填写，或拨打热线 \(channel.office.hotline)。"])
        }
        return nil
    }

    /// The number and PIN checked (`ComplaintDesk.enquire`): the progress, or the response that
    /// refuses (one page for an unknown number and a wrong PIN; 429 for a locked number).
    static func check(_ channel: PublicChannel, _ fields: FormFields, request: Request,
                      context: WebContext) throws -> Result<ComplaintDesk.Progress, Refusal> {
        let number = fields.trimmed("number") ?? "", pin = fields.trimmed("pin") ?? ""
        let limits = channel.limits
        switch try channel.desk.enquire(number: number, pin: pin,
                                        lock: .init(failures: limits.pinFailures, seconds: limits.pinLockSeconds)) {
        case .found(let progress):
            return .success(progress)
        case .refused:
            channel.refuse(request, context, kind: "unknown number or wrong PIN", outcome: .failure)
            return .failure(Refusal(response: form(channel, message: sameAnswer)))
        case let .locked(until, lockedNow):
            if lockedNow {
                channel.environment.record(.publicPINLock, object: String(number.prefix(32)), outcome: .success,
                                           detail: "\(limits.pinFailures) wrong PINs: enquiries locked for \(limits.pinLockMinutes) min",
                                           context: context)
            } else {
                channel.refuse(request, context, kind: "number locked after wrong PINs")
            }
            let wait = max(1, Int(until.timeIntervalSince(channel.environment.clock.now()).rounded(.up)))
            var page = form(channel, message: "该编号的查询因多次输错查询密码已暂时锁定，请约 \(PublicGateMiddleware.minutes(wait)) 分钟后再试，或拨打热线 \(channel.office.hotline) 查询。",
                            status: .tooManyRequests)
            page.headers[.retryAfter] = String(wait)
            return .failure(Refusal(response: page))
        }
    }

    /// A refusal's page, as an error for `Result`.
    struct Refusal: Error { let response: Response }

    /// The one answer for an unknown number and a wrong PIN.
    static let sameAnswer = "编号或查询密码不正确，请核对后重新输入。忘记查询密码的，请拨打热线查询。"

    static func progress(_ channel: PublicChannel, request: Request, context: WebContext) async throws -> Response {
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: PublicChannel.maximumBody)))
        if let refusal = try formRefusal(channel, fields, request: request, context: context) { return refusal }
        switch try check(channel, fields, request: request, context: context) {
        case .failure(let refusal): return refusal.response
        case .success(let progress):
            channel.environment.record(.publicEnquiry, object: progress.view.id, outcome: .success, context: context)
            return try page(channel, progress, pin: fields.trimmed("pin") ?? "")
        }
    }

    static func rate(_ channel: PublicChannel, request: Request, context: WebContext) async throws -> Response {
        var request = request
        let fields = FormFields(String(buffer: try await request.collectBody(upTo: PublicChannel.maximumBody)))
        if let refusal = try formRefusal(channel, fields, request: request, context: context) { return refusal }
        let progress: ComplaintDesk.Progress
        switch try check(channel, fields, request: request, context: context) {
        case .failure(let refusal): return refusal.response
        case .success(let found): progress = found
        }
        let pin = fields.trimmed("pin") ?? ""
        let comment = fields.trimmed("comment")
        guard (comment?.count ?? 0) <= PublicChannel.maximumComment else {
            return try page(channel, progress, pin: pin, message: "意见最多 \(PublicChannel.maximumComment) 字，请精简后再提交。", status: .badRequest)
        }
        do {
            let view = try channel.desk.recordCallerRating(id: progress.view.id, rating: fields.trimmed("rating") ?? "", comment: comment)
            channel.environment.record(.publicRating, object: view.id, outcome: .success, context: context)
            return try page(channel, ComplaintDesk.Progress(view: view, reply: progress.reply), pin: pin, notice: "感谢您的评价，我们已收到。")
        } catch let refusal as ComplaintDesk.CallerRatingRefusal {
            channel.refuse(request, context, kind: "rating refused: \(refusal)", outcome: .failure)
            let message = switch refusal {
            case .notClosed: "办结后才能评价。"
            case .alreadyRated: "该诉求已评价过，每件只能评价一次。"
            case .unknownRating: "请选择评价：满意、基本满意或不满意。"
            }
            return try page(channel, progress, pin: pin, message: message, status: .badRequest)
        }
    }

    /// The progress page; the rating form (with the number and PIN again) while it may be rated.
    static func page(_ channel: PublicChannel, _ progress: ComplaintDesk.Progress, pin: String, message: String? = nil,
                     notice: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let view = progress.view
        var values: [String: Any] = [
            "number": view.id, "status": statusText(view.status), "received": String(view.receivedAt.prefix(10)),
            "due": view.status.isOpen ? (view.dueText ?? "") : "",
            "unit": view.assignedUnit ?? (view.status.isOpen ? "尚未转交办理单位" : ""),
        ]
        if let reply = progress.reply {
            values["reply"] = try publishable(channel, reply) ? reply : "答复中含有个人信息，不在网上显示。请拨打热线 \(channel.office.hotline) 查询答复内容。"
        }
        if let rating = view.callerRating {
            values["rated"] = rating
        } else if view.status == .closed {
            values["rateForm"] = ["csrfToken": channel.newFormToken(), "number": view.id, "pin": pin]
        }
        if let message { values["message"] = message }
        if let notice { values["notice"] = notice }
        return channel.page("public-progress", title: title, status: status, values)
    }

    /// Whether `text` passes the publication guard's value check: no identifier, no name the store
    /// knows (households' heads, callers, staff), the office's own numbers allowed.
    static func publishable(_ channel: PublicChannel, _ text: String) throws -> Bool {
        let environment = channel.environment
        let townships = environment.schedule.townships.names
        let guardian = PublicationGuard(
            people: try PersonNames.people(in: environment.store, identity: environment.identity),
            places: [channel.office.district, environment.schedule.townships.districtName] + townships
                + townships.map(Townships.shortName(of:)) + environment.schedule.settings.units,
            publicNumbers: [channel.office.hotline, channel.office.supervisionPhone], showsHeadsInFull: false)
        do {
            try guardian.check(value: text, label: "答复")
            return true
        } catch is PublicationGuard.Leak {
            return false
        }
    }

    /// The status in a citizen's words.
    static func statusText(_ status: ComplaintStatus) -> String {
        switch status {
        case .registered: "已收到，等待受理"
        case .accepted: "已受理，正在安排办理"
        case .transferred: "已转交办理单位"
        case .inProgress: "正在办理"
        case .replied: "已答复，等待回访"
        case .calledBack: "已回访，即将办结"
        case .closed: "已办结"
        case .returned: "不属于本局职责，已告知其他途径"
        case .redo: "重新办理中"
        case .review: "复查中"
        case .merged: "与同一事项合并办理"
        }
    }
}
