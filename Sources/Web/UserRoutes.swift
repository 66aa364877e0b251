import Accounts
import Foundation
import GongkaiCore
import Hummingbird
import NIOPosix

/// `GET /users` and its forms, for the 系统管理员: add a user, set business roles and unit, reset a
/// password (三员分立, GB/T 22239-2019 level 2). Administrator roles are given only by `gongkai user`
/// on the server; roles that see callers (督办, 承办人) are proposals until the 安全管理员 approves
/// them (`RoleApprovalRoutes`), and the page shows their state; nobody changes their own roles; the
/// passwords of accounts that see callers or administer are reset by the 安全管理员 (`/policy`).
/// Locking and unlocking are the 安全管理员's too. The rules live in `AccountStore`, which audits
/// every change and every refusal.
enum UserRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/users", .permission(.manageUsers), summary: "the users, their roles and units") { request, context in
                try page(environment, request: request, context: context)
            },
            WebRoute(.post, "/users", .permission(.manageUsers), summary: "add a user with business roles (login, display_name, role…, unit, password); 督办 or 承办人 only as a proposal") { request, context in
                try await act(environment, request: request, context: context) { accounts, form, actor in
                    guard let login = form.trimmed("login"), let password = form["password"], !password.isEmpty else {
                        throw WebError(.badRequest, "请填写登录名和初始密码")
                    }
                    let asked = try roles(form)
                    let added = try accounts.addUser(login: login, displayName: form.trimmed("display_name"), roles: asked,
                                                     unit: form.trimmed("unit"), initialPassword: password, by: actor)
                    let pending = added.roles == asked ? "" : "其中" + names(asked.subtracting(added.roles)) + "须经安全管理员批准后生效。"
                    return "已添加用户 \(added.login)，首次登录时须修改密码。" + pending
                }
            },
            WebRoute(.post, "/users/roles", .permission(.manageUsers), summary: "set another user's business roles and unit (login, role…, unit); 督办 or 承办人 only as a proposal for the 安全管理员") { request, context in
                try await act(environment, request: request, context: context) { accounts, form, actor in
                    guard let login = form.trimmed("login") else { throw WebError(.badRequest, "请选择用户") }
                    switch try accounts.requestRoles(login: login, roles: try roles(form), unit: form.trimmed("unit"), by: actor) {
                    case .applied(let account): return "已修改 \(account.login) 的角色。"
                    case .proposed: return "已提交 \(Login.normalized(login)) 的角色申请：可查看来电人身份的角色须经安全管理员批准后生效。"
                    }
                }
            },
            WebRoute(.post, "/users/reset-password", .permission(.manageUsers), summary: "reset the password of another user who neither sees callers nor administers (login, password)") { request, context in
                try await act(environment, request: request, context: context) { accounts, form, actor in
                    guard let login = form.trimmed("login"), let password = form["password"], !password.isEmpty else {
                        throw WebError(.badRequest, "请选择用户并填写新密码")
                    }
                    try accounts.resetPassword(login: login, newPassword: password, by: actor)
                    return "已重置 \(login) 的密码，下次登录时须修改。"
                }
            },
        ]
    }

    /// "督办、承办人", for messages.
    static func names(_ roles: Set<Role>) -> String { roles.sorted().map(\.rawValue).joined(separator: "、") }

    static func roles(_ form: FormFields) throws -> Set<Role> {
        var roles: Set<Role> = []
        for name in form.all("role") { roles.insert(try Role.named(name)) }
        return roles
    }

    static func page(_ environment: WebEnvironment, request: Request, context: WebContext,
                     message: String? = nil, notice: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        let now = environment.clock.now()
        let users = try environment.accounts.users().map { account -> [String: Any] in
            [
                "login": account.login, "name": account.displayName, "unit": account.unit ?? "",
                "roles": account.roles.sorted().map(\.rawValue).joined(separator: "、"),
                "state": account.isLocked(at: now) ? "已锁定" : (account.mustChangePassword ? "待修改密码" : "正常"),
            ]
        }
        let proposals = try environment.accounts.proposals().map(RoleApprovalRoutes.row)
        var view: [String: Any] = [
            "users": users,
            "proposals": proposals, "hasProposals": !proposals.isEmpty,
            "roles": Role.allCases.filter { !$0.isAdministrator }.map {
                ["name": $0.rawValue, "needsApproval": $0.mayRevealCallers] as [String: Any]
            },
            "units": environment.accounts.townships.all.map { ["name": $0.name] },
            "rules": PasswordRoutes.rules(environment.policy),
        ]
        if let message { view["message"] = message }
        if let notice { view["notice"] = notice }
        return PageLayout.page("users", title: "用户管理", context: context, environment: environment, current: "/users", status: status, view)
    }

    /// Runs one change off the event loop (it may hash a password), then shows the list again with
    /// what happened; a refusal shows the list with the reason and status 400.
    static func act(_ environment: WebEnvironment, request: Request, context: WebContext,
                    _ change: @escaping @Sendable (AccountStore, FormFields, AuditActor) throws -> String) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let actor = AuditActor(login: account.login, source: context.clientAddress)
        let accounts = environment.accounts
        do {
            let notice = try await NIOThreadPool.singleton.runIfActive { try change(accounts, form, actor) }
            return try page(environment, request: request, context: context, notice: notice)
        } catch let error as WebError {
            return try page(environment, request: request, context: context, message: error.message, status: error.status)
        } catch let error as AccountError {
            return try page(environment, request: request, context: context, message: error.message, status: .badRequest)
        }
    }
}
