import Accounts
import Foundation
import Hummingbird
import NIOPosix

/// `GET/POST /login` and `POST /logout`: the routes scripts rely on (form fields `username`,
/// `password`, `csrf_token`).
///
/// An unknown user, a wrong password and a locked account get the same page, message and status
/// (401): `AccountStore.authenticate` answers `.refused` for all three and audits the real cause
/// with the client address. An address that failed too often in the last minute gets 429 with
/// Retry-After, whatever the account (audited by `authenticate`). bcrypt runs on NIO's thread pool,
/// never on the event loop.
enum LoginRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/login", .anyone, summary: "login form") { request, context in
                if context.identity != nil { return .seeOther("/") }
                return loginPage(environment, request: request, context: context)
            },
            WebRoute(.post, "/login", .anyone, summary: "log in (username, password, csrf_token)") { request, context in
                try await logIn(environment, request: request, context: context)
            },
            WebRoute(.post, "/logout", .signedIn, summary: "log out: deletes the server-side session") { _, context in
                environment.record(.logout, object: context.identity?.login ?? "", outcome: .success, context: context)
                context.sessions.clearSession()
                return .seeOther("/login")
            },
        ]
    }

    /// The form, with a login CSRF token: the one the browser's cookie holds, or a new one set now.
    static func loginPage(_ environment: WebEnvironment, request: Request, context: WebContext,
                          message: String? = nil, status: HTTPResponse.Status = .ok) -> Response {
        var context = context
        var cookie: Cookie?
        if context.csrfToken == nil {
            let token = environment.csrf.newLoginToken()
            context.csrfToken = token
            cookie = Cookie(name: CSRFProtection.loginCookieName, value: token, path: "/",
                            secure: environment.configuration.secureCookies, httpOnly: true, sameSite: .strict)
        }
        var view: [String: Any] = [:]
        if let message { view["message"] = message }
        var response = PageLayout.page("login", title: "登录", context: context, environment: environment, current: "/login",
                                       status: status, view)
        if let cookie { response.setCookie(cookie) }
        return response
    }

    static func logIn(_ environment: WebEnvironment, request: Request, context: WebContext) async throws -> Response {
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let login = form.trimmed("username") ?? ""
        let password = form["password"] ?? ""
        guard !login.isEmpty, !password.isEmpty else {
            return loginPage(environment, request: request, context: context, message: "请输入用户名和密码", status: .badRequest)
        }
        let accounts = environment.accounts, source = context.clientAddress
        let result = try await NIOThreadPool.singleton.runIfActive {
            try accounts.authenticate(login: login, password: password, source: source)
        }
        let account: Account
        let mustChange: Bool
        switch result {
        case .refused:
            context.logger.notice("login refused", metadata: ["source": .string(source)])
            return loginPage(environment, request: request, context: context, message: AuthenticationResult.refusalMessage,
                             status: .unauthorized)
        case .throttled(let wait):
            context.logger.notice("login throttled", metadata: ["source": .string(source)])
            var page = loginPage(environment, request: request, context: context, message: AuthenticationResult.throttledMessage,
                                 status: .tooManyRequests)
            page.headers[.retryAfter] = String(wait)
            return page
        case .success(let a): account = a; mustChange = false
        case .mustChangePassword(let a, _): account = a; mustChange = true
        }
        try await openSession(for: account, environment, request: request, context: context)
        context.logger.info("login", metadata: ["user": .string(account.login), "source": .string(source)])
        return .seeOther(mustChange ? "/password" : "/")
    }

    /// A new session id for `account` (no fixation): the one the browser had, if any, is deleted.
    /// At every login, and after a password change (OWASP ASVS 3.3).
    static func openSession(for account: Account, _ environment: WebEnvironment, request: Request, context: WebContext) async throws {
        if environment.sessionStorage.getId(request: request) != nil {
            _ = try? await environment.sessionStorage.delete(request: request)
        }
        context.sessions.createSession(WebSession(account: account, now: environment.nowSeconds),
                                       expiresIn: .seconds(Int64(environment.policy.sessionAbsoluteSeconds)))
    }
}
