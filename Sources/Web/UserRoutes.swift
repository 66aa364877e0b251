import Accounts
import Foundation
import GongkaiCore
import Hummingbird
import NIOPosix

/// `GET /users` and its forms, for the 系统管理员: add a user, set roles and unit, reset a password.
/// Locking and unlocking are the 安全管理员's (`/policy`). The same rules hold as for `gongkai user`:
/// they live in `AccountStore`, which audits every change.
enum UserRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/users", .permission(.manageUsers), summary: "the users, their roles and units") { request, context in
                try page(environment, request: request, context: context)
            },
            WebRoute(.post, "/users", .permission(.manageUsers), summary: "add a user (login, display_name, role…, unit, password)") { request, context in
                try await act(environment, request: request, context: context) { accounts, form, actor in
                    guard let login = form.trimmed("login"), let password = form["password"], !password.isEmpty else {
                        throw WebError(.badRequest, "请填写登录名和初始密码")
                    }
                    try accounts.addUser(login: login, displayName: form.trimmed("display_name"), roles: try roles(form),
                                         unit: form.trimmed("unit"), initialPassword: password, by: actor)
                    return "已添加用户 \(login)，首次登录时须修改密码。"
                }
            },
            WebRoute(.post, "/users/roles", .permission(.manageUsers), summary: "set a user's roles and unit (login, role…, unit)") { request, context in
                try await act(environment, request: request, context: context) { accounts, form, actor in
                    guard let login = form.trimmed("login") else { throw WebError(.badRequest, "请选择用户") }
                    try accounts.setRoles(login: login, roles: try roles(form), unit: form.trimmed("unit"), by: actor)
                    return "已修改 \(login) 的角色。"
                }
            },
            WebRoute(.post, "/users/reset-password", .permission(.manageUsers), summary: "reset a user's password (login, password)") { request, context in
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
        var view: [String: Any] = [
            "users": users,
            "roles": Role.allCases.map { ["name": $0.rawValue, "administrator": $0.isAdministrator] as [String: Any] },
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
