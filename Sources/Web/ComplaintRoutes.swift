import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import Store

/// `GET /complaints/{number}` (every field, the history, the deadline and its light, the steps the
/// user may take) and `POST /complaints/{number}/{action}` (one desk step, through the same
/// `ComplaintDesk.perform` the CLI uses, under the account's display name). Each step is audited
/// (`complaint.step`: success, failure with the desk's reason, or refused); a 承办人 sees and acts
/// only on their own township's complaints (`ComplaintAccess`).
enum ComplaintRoutes {
    /// Longest note or reason a form may carry (a reply is a few sentences; the history keeps it all).
    static let maximumText = 2000

    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/complaints/{number}", .anyPermission([.viewComplaints, .viewOwnUnitComplaints]),
                     summary: "a complaint: every field, its history, deadline and light, the steps the user may take",
                     example: "/complaints/TS-202610-0001") { request, context in
                try show(environment, request: request, context: context)
            },
            WebRoute(.post, "/complaints/{number}/{action}", .anyPermission([.handleComplaint, .superviseComplaint, .callBack]),
                     summary: "one desk step (accept, transfer, assign, send_back, reply, callback, close, extend, extend_request, extend_approve, extend_reject, pause, resume, return, reopen, supervise, urge, merge; unit, assignee, rating, days, reason, note, into, csrf_token); audited",
                     example: "/complaints/TS-202610-0001/accept") { request, context in
                try await perform(environment, request: request, context: context)
            },
        ]
    }

    static func desk(_ environment: WebEnvironment) -> ComplaintDesk {
        ComplaintDesk(store: environment.store, schedule: environment.schedule, clock: environment.clock)
    }

    /// The complaint as the account may see it; 404 when there is none, and the same 404 (audited as
    /// a refusal) when it is another unit's, so a 承办人 cannot learn which numbers exist elsewhere.
    static func detail(_ environment: WebEnvironment, number: String, access: ComplaintAccess,
                       context: WebContext) throws -> ComplaintDesk.Detail {
        guard try environment.store.complaint(id: number) != nil else { throw WebError.notFound }
        do {
            // The desk reads another unit's complaint as one that does not exist (`ComplaintAccess.mayView`).
            return try desk(environment).show(id: number, revealReason: nil, by: .account(access.account))
        } catch is ComplaintNotFound {
            environment.record(.accessDenied, object: "GET /complaints/\(number)", outcome: .refused,
                               detail: "another unit's complaint", context: context)
            throw WebError.notFound
        }
    }

    static func show(_ environment: WebEnvironment, request: Request, context: WebContext) throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        let number = try CallerIdentityRoutes.number(context)
        let access = ComplaintAccess(account: account)
        let detail = try detail(environment, number: number, access: access, context: context)
        var page = try page(environment, detail: detail, access: access)
        page.replyTemplate = request.uri.queryParameters["template"].flatMap { Int(String($0)) }
        var values = page.values
        if let done = request.uri.queryParameters["done"].map(String.init) {
            if done == ComplaintDesk.signEvent { values["notice"] = "已签收。" }
            else if let action = ComplaintAction(rawValue: done) { values["notice"] = "已\(ComplaintStepLabel.name(action))。" }
        }
        if request.uri.queryParameters["attached"] != nil { values["notice"] = "已上传附件。" }
        return PageLayout.page("complaint", title: "投诉 \(number)", context: context, environment: environment, current: "", values)
    }

    static func perform(_ environment: WebEnvironment, request: Request, context: WebContext) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        let number = try CallerIdentityRoutes.number(context)
        guard let action = context.parameters.get("action").flatMap(ComplaintAction.init(rawValue:)) else { throw WebError.notFound }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let access = ComplaintAccess(account: account)
        let before = try detail(environment, number: number, access: access, context: context)
        func audit(_ outcome: AuditOutcome, _ detail: String) {
            environment.record(.complaintStep, object: number, outcome: outcome, detail: detail, context: context)
        }
        func again(_ message: String, _ status: HTTPResponse.Status) throws -> Response {
            audit(.failure, "\(action.rawValue): \(message)")
            let now = try self.detail(environment, number: number, access: access, context: context)
            var values = try page(environment, detail: now, access: access).values
            values["message"] = message
            return PageLayout.page("complaint", title: "投诉 \(number)", context: context, environment: environment,
                                   current: "", status: status, values)
        }
        guard access.mayPerform(action, on: before.view) else {
            audit(.refused, "\(action.rawValue): not this role's step or not this unit's complaint")
            throw WebError.forbidden
        }
        let details: ComplaintDesk.StepDetails
        do {
            details = try stepDetails(form, action: action, access: access)
        } catch let problem as WebError {
            return try again(problem.message, .badRequest)
        }
        do {
            try desk(environment).perform(action, on: number, by: .account(account), details: details)
        } catch let error as DeskError {
            if case .ownReplyCallback = error {
                audit(.refused, "\(action.rawValue): \(error)")
                throw WebError.forbidden
            }
            return try again(ComplaintStepLabel.refusal(error), .conflict)
        } catch let error as CalendarError {
            return try again("无法计算期限：\(error.chinese)", .conflict)
        } catch let error as ComplaintNotFound {
            // Only a merge names a second complaint: the one typed may not exist.
            return try again("没有编号为 \(error.id) 的投诉，请核对编号。", .conflict)
        }
        audit(.success, action.rawValue)
        let path = number.addingPercentEncoding(withAllowedCharacters: AuditRoutes.Filters.unreserved) ?? ""
        let signed = action == .assign && !access.supervises(.assign)
        return .seeOther("/complaints/\(path)?done=\(signed ? ComplaintDesk.signEvent : action.rawValue)")
    }

    /// The page's view model, with the 承办人 a 督办 can give the complaint to.
    static func page(_ environment: WebEnvironment, detail: ComplaintDesk.Detail, access: ComplaintAccess) throws -> ComplaintPage {
        var page = ComplaintPage(detail: detail, schedule: environment.schedule, today: environment.clock.today, access: access)
        if access.supervises(.assign) { page.assignees = try desk(environment).assignees(township: detail.view.township) }
        return page
    }

    /// The form's fields for the step; a 承办人 signing for a complaint takes it themselves.
    static func stepDetails(_ form: FormFields, action: ComplaintAction, access: ComplaintAccess) throws -> ComplaintDesk.StepDetails {
        func text(_ name: String) throws -> String? {
            guard let value = form.trimmed(name) else { return nil }
            guard value.count <= maximumText else { throw WebError(.badRequest, "填写的内容过长（最多 \(maximumText) 字）。") }
            return value
        }
        var details = ComplaintDesk.StepDetails(unit: try text("unit"), assignee: try text("assignee"), rating: try text("rating"),
                                                reason: try text("reason"), note: try text("note"), into: try text("into"))
        if let days = try text("days") {
            guard let n = Int(days) else { throw WebError(.badRequest, "延期天数应为整数。") }
            details.days = n
        }
        if action == .assign {
            if access.supervises(.assign) {
                guard details.assignee != nil else { throw WebError(.badRequest, "请填写承办人。") }
            } else {
                details.assignee = access.account.displayName
            }
        }
        return details
    }
}
