import Accounts
import Foundation
import GongkaiCore
import Hummingbird
import NIOPosix

/// `GET /users/approvals` and its two forms, for the 安全管理员: the roles the 系统管理员 proposed
/// that let an account see callers (督办, 承办人), to approve or reject with a reason. Granting such a
/// role is an authorisation, decided by someone other than who asked (三员分立); each decision is
/// audited (`user.roles.approve`, `user.roles.reject`). An approval ends the account's sessions and
/// shows a one-time password, once, for the 安全管理员 to hand to the person: the 系统管理员, who set
/// the account's first password, never knows the password of an account that sees callers.
enum RoleApprovalRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/users/approvals", .permission(.approveRoles),
                     summary: "the role proposals that would let an account see callers, pending and decided") { _, context in
                try page(environment, context: context)
            },
            WebRoute(.post, "/users/approvals/approve", .permission(.approveRoles),
                     summary: "approve a proposal: the roles take effect, the account's sessions end, a one-time password is shown once (id, csrf_token); audited") { request, context in
                try await decide(environment, request: request, context: context) { accounts, id, _, actor in
                    let (account, password) = try accounts.approve(proposal: id, by: actor)
                    return ("已批准：\(account.login) 现为\(UserRoutes.names(account.roles))。", (account.login, password))
                }
            },
            WebRoute(.post, "/users/approvals/reject", .permission(.approveRoles),
                     summary: "reject a proposal with the reason (id, reason, csrf_token); audited") { request, context in
                try await decide(environment, request: request, context: context) { accounts, id, form, actor in
                    try accounts.reject(proposal: id, reason: form.trimmed("reason") ?? "", by: actor)
                    return ("已驳回该申请。", nil)
                }
            },
        ]
    }

    /// One proposal as the pages show it.
    static func row(_ p: RoleProposal) -> [String: Any] {
        let states = ["pending": "待批准", "approved": "已批准", "rejected": "已驳回", "withdrawn": "已撤回"]
        return [
            "id": String(p.id), "login": p.login, "roles": p.roles.joined(separator: "、"), "unit": p.unit ?? "",
            "proposedBy": p.proposedBy, "proposedAt": UTCTimestamp.date(p.proposedAt).map(ChinaTime.minuteText) ?? p.proposedAt,
            "state": states[p.state] ?? p.state, "pending": p.state == "pending",
            "decidedBy": p.decidedBy ?? "", "reason": p.reason ?? "",
        ]
    }

    static func page(_ environment: WebEnvironment, context: WebContext, message: String? = nil, notice: String? = nil,
                     oneTimePassword: (login: String, password: String)? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let rows = try environment.accounts.proposals().map(row)
        var view: [String: Any] = [
            "pending": rows.filter { $0["pending"] as? Bool == true }, "decided": rows.filter { $0["pending"] as? Bool != true },
        ]
        view["nonePending"] = (view["pending"] as? [Any])?.isEmpty ?? true
        if let message { view["message"] = message }
        if let notice { view["notice"] = notice }
        if let oneTimePassword { view["reset"] = ["login": oneTimePassword.login, "password": oneTimePassword.password] }
        var response = PageLayout.page("approvals", title: "授权审批", context: context, environment: environment,
                                       current: "/users/approvals", status: status, view)
        if oneTimePassword != nil { response.headers[.cacheControl] = "no-store" }
        return response
    }

    static func decide(_ environment: WebEnvironment, request: Request, context: WebContext,
                       _ decision: @escaping @Sendable (AccountStore, Int64, FormFields, AuditActor) throws
                           -> (notice: String, oneTimePassword: (login: String, password: String)?)) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        guard let id = form.trimmed("id").flatMap({ Int64($0) }) else {
            return try page(environment, context: context, message: "请选择一项申请", status: .badRequest)
        }
        let accounts = environment.accounts, actor = AuditActor(login: account.login, source: context.clientAddress)
        do {
            let done = try await NIOThreadPool.singleton.runIfActive { try decision(accounts, id, form, actor) }
            return try page(environment, context: context, notice: done.notice, oneTimePassword: done.oneTimePassword)
        } catch let error as AccountError {
            return try page(environment, context: context, message: error.message, status: .badRequest)
        }
    }
}
