import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

@Suite struct LoginTests {
    /// The page without its CSRF token (which differs per form).
    static func withoutToken(_ html: String) -> String {
        html.replacingOccurrences(of: #"value="[A-Za-z0-9_\-]+\.[A-Za-z0-9_\-]+""#, with: "value=\"\"", options: .regularExpression)
    }

    @Test func unknownUserAndWrongPasswordLookTheSame() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var a = Browser(), b = Browser()
            let unknown = try await a.logIn(client, "nobody-here", "Whatever-2026")
            let wrong = try await b.logIn(client, WebTestBed.login(for: .leader), "Whatever-2026")
            #expect(unknown.status == .unauthorized)
            #expect(wrong.status == unknown.status)
            let unknownPage = Self.withoutToken(String(buffer: unknown.body))
            #expect(unknownPage == Self.withoutToken(String(buffer: wrong.body)))
            #expect(unknownPage.contains(AuthenticationResult.refusalMessage))
            #expect(a.cookies[WebConfiguration.sessionCookieName] == nil)
        }
    }

    /// Issue 22: the 安全管理员 sees an address locked out of an account on /policy and can unlock it.
    @Test func theSecurityAdministratorSeesAndEndsAnAddressLockout() async throws {
        let bed = try WebTestBed(trustedProxies: ["unknown"])
        try bed.addUsers()
        let login = WebTestBed.login(for: .intake)
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.get(client, "/login")
            let proxy: HTTPFields = [WebHeader.forwardedFor: "10.9.8.7"]
            for _ in 0..<5 { _ = try await browser.post(client, "/login", [("username", login), ("password", "Wrong-pass-1")], headers: proxy) }
            var security = Browser()
            _ = try await security.logIn(client, WebTestBed.login(for: .securityAdministrator))
            let page = String(buffer: try await security.get(client, "/policy").body)
            #expect(page.contains("地址 10.9.8.7 登录失败过多") && page.contains("解锁 \(login)"))
            #expect(try await security.post(client, "/policy/unlock", [("login", login)]).status == .seeOther)
            #expect(!String(buffer: try await security.get(client, "/policy").body).contains("10.9.8.7"))
            #expect(try await browser.post(client, "/login", [("username", login), ("password", WebTestBed.password)], headers: proxy).status == .seeOther)
        }
    }

    @Test func fiveFailuresLockTheAccountAndAreAuditedWithTheAddress() async throws {
        // Router tests have no socket: the peer is "unknown", trusted here as the proxy.
        let bed = try WebTestBed(trustedProxies: ["unknown"])
        try bed.addUsers()
        let login = WebTestBed.login(for: .intake)
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.get(client, "/login")
            let proxy: HTTPFields = [WebHeader.forwardedFor: "10.9.8.7, 192.0.2.44"]
            for _ in 0..<5 {
                let r = try await browser.post(client, "/login", [("username", login), ("password", "Wrong-pass-1")], headers: proxy)
                #expect(r.status == .unauthorized)
            }
            let right = try await browser.post(client, "/login", [("username", login), ("password", WebTestBed.password)], headers: proxy)
            #expect(right.status == .unauthorized, "locked: the right password is refused too")
            #expect(String(buffer: right.body).contains(AuthenticationResult.refusalMessage))
            // 30 minutes later the lock has ended.
            bed.time.advance(31 * 60)
            #expect(try await browser.logIn(client, login).status == .seeOther)
        }
        let failures = try bed.environment.audit.entries(AuditQuery(actor: login, action: .login, outcome: .failure))
        #expect(failures.count == 5)
        #expect(failures.allSatisfy { $0.source == "192.0.2.44" }, "the address the proxy appended, not the one the client wrote")
        #expect(try bed.environment.audit.count(AuditQuery(action: .lockout)) == 1)
    }

    @Test func aUserWhoMustChangeThePasswordIsSentToPasswordFirst() async throws {
        let bed = try WebTestBed()
        try bed.addUsers(mustChange: true)
        let login = WebTestBed.login(for: .auditAdministrator)
        try await bed.application().test(.router) { client in
            var browser = Browser()
            let response = try await browser.logIn(client, login, WebTestBed.initialPassword)
            #expect(response.status == .seeOther)
            #expect(response.headers[.location] == "/password")
            let audit = try await browser.get(client, "/audit")
            #expect(audit.status == .seeOther)
            #expect(audit.headers[.location] == "/password")
            _ = try await browser.get(client, "/password")
            let weak = try await browser.post(client, "/password", [("current_password", WebTestBed.initialPassword), ("new_password", "short")])
            #expect(weak.status == .badRequest)
            let changed = try await browser.post(client, "/password", [("current_password", WebTestBed.initialPassword), ("new_password", WebTestBed.password)])
            #expect(changed.status == .seeOther)
            #expect(try await browser.get(client, "/audit").status == .ok)
        }
        #expect(try bed.environment.audit.count(AuditQuery(actor: login, action: .passwordChange, outcome: .success)) == 1)
    }

    @Test func logoutDeletesTheServerSession() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            let stolen = browser.cookies
            #expect(try bed.store.webSessionCount() == 1)
            let out = try await browser.post(client, "/logout")
            #expect(out.status == .seeOther)
            #expect(try bed.store.webSessionCount() == 0)
            // The old cookie, replayed, is worth nothing.
            var replay = Browser()
            replay.cookies = stolen
            let page = try await replay.get(client, "/")
            #expect(page.status == .unauthorized)
        }
        #expect(try bed.environment.audit.count(AuditQuery(action: .logout)) == 1)
    }

    @Test func everyLoginGetsANewSessionID() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            let first = browser.cookies[WebConfiguration.sessionCookieName]
            // A planted session id (fixation) is not kept either.
            browser.cookies[WebConfiguration.sessionCookieName] = first
            _ = try await browser.get(client, "/login")
            var again = browser
            again.cookies[WebConfiguration.sessionCookieName] = "planted-by-an-attacker"
            _ = try await again.logIn(client, WebTestBed.login(for: .leader))
            let second = again.cookies[WebConfiguration.sessionCookieName]
            #expect(first != nil && second != nil && first != second && second != "planted-by-an-attacker")
        }
    }
}
