import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// The same application over a real socket (HummingbirdTesting `.live`): the peer address reaches
/// the audit log, and a login works end to end over HTTP.
@Suite struct LiveServerTests {
    @Test func loginOverASocketRecordsThePeerAddress() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.live) { client in
            var browser = Browser()
            #expect(try await browser.get(client, "/healthz").status == .ok)
            let response = try await browser.logIn(client, WebTestBed.login(for: .leader))
            #expect(response.status == .seeOther)
            #expect(try await browser.get(client, "/").status == .ok)
        }
        let logins = try bed.environment.audit.entries(.init(action: .login, outcome: .success))
        #expect(logins.last?.source == "127.0.0.1")
    }

    /// Issue 22: twenty wrong passwords for a 督办 from 127.0.0.2 do not stop the 督办 logging in
    /// from 127.0.0.1, and 127.0.0.2 is slowed down with 429 and Retry-After (audited).
    @Test func failuresFromOneAddressDoNotLockTheUserOutFromAnother() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        let login = WebTestBed.login(for: .supervisor)
        try await bed.application().test(.live) { client in
            var statuses: [Int] = []
            var retryAfter: String?
            let attacker = RawHTTPClient(source: "127.0.0.2", port: try #require(client.port))
            let form = try await attacker.send("GET", "/login")
            let cookie = try #require(form.header("Set-Cookie")?.split(separator: ";").first.map(String.init))
            let token = try #require(Browser.csrfToken(in: form.body))
            for _ in 0..<20 {
                let answer = try await attacker.send("POST", "/login", headers: [
                    "Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded",
                ], body: "username=\(login)&password=Wrong-pass-1&csrf_token=\(token)")
                statuses.append(answer.status)
                if answer.status == 429 { retryAfter = answer.header("Retry-After") }
            }
            var owner = Browser()
            #expect(try await owner.logIn(client, login).status == .seeOther, "the 督办 logs in from 127.0.0.1")
            #expect(try await owner.get(client, "/").status == .ok)
            #expect(Set(statuses).isSubset(of: [401, 429]) && statuses.contains(429), "\(statuses)")
            #expect(Int(retryAfter ?? "") != nil)
        }
        let audit = bed.environment.audit
        #expect(try audit.entries(AuditQuery(action: .loginThrottled)).allSatisfy { $0.source == "127.0.0.2" })
        #expect(try audit.count(AuditQuery(action: .loginThrottled)) >= 1)
        #expect(try audit.entries(AuditQuery(actor: login, action: .login, outcome: .success)).last?.source == "127.0.0.1")
    }
}
