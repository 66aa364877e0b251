import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import Store

/// `GET /complaints/{number}/reveal` (the form asking why) and `POST /complaints/{number}/reveal`
/// (field `reason`, `csrf_token`): a caller's name and phone, for the 督办 and for the 承办人 the
/// complaint is assigned to, only after they type a reason. The reveal goes into the complaint's
/// history (who, why) and the audit log; a refusal is audited too. The page is never cached.
enum CallerIdentityRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/complaints/{number}/reveal", .permission(.revealCallerIdentity),
                     summary: "the form to see a caller's identity (reason required)",
                     example: "/complaints/TS-202610-0001/reveal") { request, context in
                try form(environment, context: context, number: try number(context))
            },
            WebRoute(.post, "/complaints/{number}/reveal", .permission(.revealCallerIdentity),
                     summary: "a caller's name and phone, with the reason typed (reason, csrf_token); audited",
                     example: "/complaints/TS-202610-0001/reveal") { request, context in
                try await reveal(environment, request: request, context: context)
            },
        ]
    }

    static func number(_ context: WebContext) throws -> String {
        guard let number = context.parameters.get("number"), !number.isEmpty, number.count <= 64 else { throw WebError.notFound }
        return number
    }

    static func form(_ environment: WebEnvironment, context: WebContext, number: String,
                     message: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        var view: [String: Any] = ["number": number]
        if let message { view["message"] = message }
        return PageLayout.page("reveal", title: "查看来电人身份", context: context, environment: environment,
                               current: "", status: status, view)
    }

    static func reveal(_ environment: WebEnvironment, request: Request, context: WebContext) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        let number = try number(context)
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        guard let reason = form.trimmed("reason") else {
            return try self.form(environment, context: context, number: number, message: "请填写查看原因（将被记录）", status: .badRequest)
        }
        guard let record = try environment.store.complaint(id: number) else { throw WebError.notFound }
        // A 承办人 sees callers only of complaints assigned to them; the 督办 of every complaint.
        let supervisor = account.roles.contains(.supervisor)
        let assigned = record.assignedHandler.map { $0 == account.displayName || $0 == account.login } ?? false
        guard supervisor || assigned else {
            environment.record(.revealCallerIdentity, object: number, outcome: .refused, detail: "not assigned: \(reason)", context: context)
            // A complaint the account may not even see (another unit's) answers as a missing one: 404.
            _ = try ComplaintRoutes.detail(environment, number: number, access: ComplaintAccess(account: account), context: context)
            throw WebError.forbidden
        }
        guard let identity = environment.identity else {
            return try self.form(environment, context: context, number: number,
                                 message: "服务器未配置来电人身份密钥，无法查看。", status: .serviceUnavailable)
        }
        let desk = ComplaintDesk(store: environment.store, schedule: environment.schedule, clock: environment.clock,
                                 identity: identity)
        let detail = try desk.show(id: number, revealReason: reason, by: .account(account))
        environment.record(.revealCallerIdentity, object: number, outcome: .success, detail: reason, context: context)
        return PageLayout.page("reveal", title: "来电人身份", context: context, environment: environment, current: "", [
            "number": number, "revealed": true, "reason": reason,
            "callerName": detail.caller?.name ?? "（未登记）", "callerPhone": detail.caller?.phone ?? "（未登记）",
            "anonymous": detail.view.anonymous,
        ])
    }
}
