import Accounts
import Foundation
import GongkaiCore
import Hummingbird
import NIOPosix

/// `GET /policy` (the password, lockout and session policy in force, the locked accounts and the
/// addresses locked out of an account, each with its unlock button) and
/// `POST /policy/unlock`, `POST /policy/lock`, `POST /policy/reset-password` (field `login`), for the
/// 安全管理员. A reset here gives a one-time password, shown once, which must be changed at the next
/// login: the way to reset an account that sees callers or administers.
///
/// The policy itself is changed in templates/security.toml (reviewed like any template) and takes
/// effect at the next start; this page shows what is in force.
enum PolicyRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/policy", .permission(.manageSecurityPolicy), summary: "the security policy in force and the locked accounts") { request, context in
                try page(environment, request: request, context: context)
            },
            WebRoute(.post, "/policy/unlock", .permission(.unlockAccounts), summary: "unlock an account (login, csrf_token)") { request, context in
                try await act(environment, request: request, context: context, unlock: true)
            },
            WebRoute(.post, "/policy/lock", .permission(.lockAccounts), summary: "lock an account by hand (login, csrf_token)") { request, context in
                try await act(environment, request: request, context: context, unlock: false)
            },
            WebRoute(.post, "/policy/reset-password", .permission(.resetPrivilegedPasswords),
                     summary: "reset another account's password to a one-time password shown once, changed at the next login (login, csrf_token); audited") { request, context in
                try await reset(environment, request: request, context: context)
            },
        ]
    }

    static func page(_ environment: WebEnvironment, request: Request, context: WebContext,
                     message: String? = nil, oneTimePassword: (login: String, password: String)? = nil,
                     status: HTTPResponse.Status = .ok) throws -> Response {
        let policy = environment.policy
        let now = environment.clock.now()
        let rows: [(String, String)] = [
            ("密码最短长度", "\(policy.passwordMinLength) 个字符"),
            ("密码字符类别", "大写字母、小写字母、数字、其他符号中至少 \(policy.passwordRequiredClasses) 类"),
            ("首次登录须改密码", policy.changeOnFirstLogin ? "是" : "否"),
            ("密码有效期", "\(policy.passwordMaxAgeDays) 天"),
            ("不得重复使用最近的密码", "\(policy.passwordHistory) 个"),
            ("密码散列强度（计算轮数的以 2 为底的对数）", "\(policy.bcryptCost)"),
            ("登录失败锁定", "同一地址对同一账号 \(policy.lockoutMinutes) 分钟内失败 \(policy.lockoutFailures) 次，该地址暂停登录该账号 \(policy.lockoutMinutes) 分钟；\(policy.lockoutAddresses) 个地址都达到时，账号对所有地址锁定"),
            ("同一地址每分钟登录失败上限", "\(policy.addressFailuresPerMinute) 次，超过后须等待一分钟再试"),
            ("登记查重上限", "每个账号每小时 \(policy.duplicateChecksPerHour) 次"),
            ("会话空闲超时", "\(policy.sessionIdleMinutes) 分钟"),
            ("会话最长时间", "\(policy.sessionAbsoluteHours) 小时"),
            ("审计记录至少保存", "\(policy.auditRetentionDays) 天"),
        ]
        let users = try environment.accounts.users()
        let names = Dictionary(users.map { ($0.login, $0.displayName) }, uniquingKeysWith: { first, _ in first })
        let locked = users.filter { $0.isLocked(at: now) }.map { account -> [String: Any] in
            [
                "login": account.login, "name": account.displayName,
                "why": account.lockedByAdministrator ? "管理员锁定" : "多个地址登录失败过多，对所有地址锁定至 \(account.lockedUntil.map(ChinaTime.minuteText) ?? "")",
            ]
        } + (try environment.accounts.addressLockouts()).map { lockout -> [String: Any] in
            [
                "login": lockout.login, "name": names[lockout.login] ?? lockout.login,
                "why": "地址 \(lockout.source) 登录失败过多，该地址暂停登录至 \(ChinaTime.minuteText(of: lockout.until))（其他地址不受影响）",
            ]
        }
        let open = users.filter { !$0.isLocked(at: now) }.map { ["login": $0.login, "name": $0.displayName] }
        let others = users.filter { $0.login != context.identity?.login }.map { ["login": $0.login, "name": $0.displayName] }
        var view: [String: Any] = [
            "policy": rows.map { ["name": $0.0, "value": $0.1] },
            "locked": locked, "noneLocked": locked.isEmpty,
            "unlocked": open, "others": others,
            "mayReset": context.identity?.has(.resetPrivilegedPasswords) == true,
            "mayUnlock": context.identity?.has(.unlockAccounts) == true,
            "mayLock": context.identity?.has(.lockAccounts) == true,
        ]
        if let message { view["message"] = message }
        if let oneTimePassword { view["reset"] = ["login": oneTimePassword.login, "password": oneTimePassword.password] }
        if request.uri.queryParameters["done"] == "unlock" { view["notice"] = "账号已解锁。" }
        if request.uri.queryParameters["done"] == "lock" { view["notice"] = "账号已锁定。" }
        return PageLayout.page("policy", title: "安全策略", context: context, environment: environment, current: "/policy", status: status, view)
    }

    static func act(_ environment: WebEnvironment, request: Request, context: WebContext, unlock: Bool) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        guard let login = form.trimmed("login") else {
            return try page(environment, request: request, context: context, message: "请选择账号", status: .badRequest)
        }
        let actor = AuditActor(login: account.login, source: context.clientAddress)
        do {
            if unlock { try environment.accounts.unlock(login: login, by: actor) } else { try environment.accounts.lock(login: login, by: actor) }
        } catch let error as AccountError {
            return try page(environment, request: request, context: context, message: error.message, status: .badRequest)
        }
        return .seeOther(unlock ? "/policy?done=unlock" : "/policy?done=lock")
    }

    /// Resets `login`'s password to a one-time password and shows it once (never cached). BLOCKING
    /// work (bcrypt) runs off the event loop.
    static func reset(_ environment: WebEnvironment, request: Request, context: WebContext) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        guard let login = form.trimmed("login") else {
            return try page(environment, request: request, context: context, message: "请选择账号", status: .badRequest)
        }
        let actor = AuditActor(login: account.login, source: context.clientAddress)
        let accounts = environment.accounts
        do {
            let password = try await NIOThreadPool.singleton.runIfActive { try accounts.resetWithOneTimePassword(login: login, by: actor) }
            var response = try page(environment, request: request, context: context, oneTimePassword: (Login.normalized(login), password))
            response.headers[.cacheControl] = "no-store"
            return response
        } catch let error as AccountError {
            return try page(environment, request: request, context: context, message: error.message, status: .badRequest)
        }
    }
}
