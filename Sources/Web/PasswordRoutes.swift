import Accounts
import Foundation
import Hummingbird
import NIOPosix

/// `GET/POST /password` (fields `current_password`, `new_password`, `csrf_token`): where a user who
/// must change their password is sent after login, and where anyone changes their own. A change
/// ends every other session of the account and gives this browser a new session id.
enum PasswordRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/password", .signedIn, summary: "change one's own password (form)") { _, context in
                page(environment, context: context)
            },
            WebRoute(.post, "/password", .signedIn, summary: "change one's own password (current_password, new_password, csrf_token)") { request, context in
                try await change(environment, request: request, context: context)
            },
        ]
    }

    static func page(_ environment: WebEnvironment, context: WebContext, message: String? = nil,
                     status: HTTPResponse.Status = .ok) -> Response {
        var view: [String: Any] = ["rules": rules(environment.policy)]
        if let account = context.identity,
           let reason = account.passwordChangeReason(at: environment.clock.now(), policy: environment.policy) {
            view["reason"] = reason.message
        }
        if let message { view["message"] = message }
        return PageLayout.page("password", title: "修改密码", context: context, environment: environment, current: "/password",
                               status: status, view)
    }

    static func rules(_ policy: SecurityPolicy) -> String {
        "至少 \(policy.passwordMinLength) 个字符，包含大写字母、小写字母、数字、其他符号中的至少 \(policy.passwordRequiredClasses) 类；不得与最近 \(policy.passwordHistory) 次使用过的密码相同；每 \(policy.passwordMaxAgeDays) 天须更换。"
    }

    static func change(_ environment: WebEnvironment, request: Request, context: WebContext) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let current = form["current_password"] ?? "", new = form["new_password"] ?? ""
        guard !current.isEmpty, !new.isEmpty else {
            return page(environment, context: context, message: "请填写当前密码和新密码", status: .badRequest)
        }
        let accounts = environment.accounts, source = context.clientAddress
        let changed: Account
        do {
            changed = try await NIOThreadPool.singleton.runIfActive {
                try accounts.changeOwnPassword(login: account.login, currentPassword: current, newPassword: new, source: source)
            }
        } catch let error as AccountError {
            return page(environment, context: context, message: error.message, status: .badRequest)
        }
        // The change ended every session of the account (a stolen one too); this browser goes on
        // under a new session id.
        try await LoginRoutes.openSession(for: changed, environment, request: request, context: context)
        return .seeOther("/?password=changed")
    }
}
