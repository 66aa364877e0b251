import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

@Suite struct CSRFTests {
    /// A signed-in supervisor's browser and a state-changing route they may use (/password).
    func signedIn(_ client: some TestClientProtocol) async throws -> Browser {
        var browser = Browser()
        _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
        #expect(browser.csrfToken != nil)
        return browser
    }

    @Test func aPostWithoutTheTokenIsRefused() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = try await signedIn(client)
            let response = try await browser.post(client, "/logout", token: .some(nil))
            #expect(response.status == .forbidden)
            #expect(String(buffer: response.body).contains("表单已过期"))
            // Still signed in: the refused logout did nothing.
            #expect(try await browser.get(client, "/").status == .ok)
        }
    }

    @Test func aPostWithAnotherTokenIsRefused() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = try await signedIn(client)
            let wrong = CSRFProtection.randomToken()
            #expect(try await browser.post(client, "/logout", token: .some(wrong)).status == .forbidden)
            // Another session's token is no better.
            var other = Browser()
            _ = try await other.logIn(client, WebTestBed.login(for: .leader))
            #expect(try await browser.post(client, "/logout", token: .some(other.csrfToken)).status == .forbidden)
            #expect(try await browser.post(client, "/logout").status == .seeOther, "the right token works")
        }
    }

    @Test func aForeignOriginIsRefusedEvenWithTheToken() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = try await signedIn(client)
            // Router tests address the server as http://localhost.
            let host: HTTPFields = [:]
            var foreign = host
            foreign[.origin] = "http://evil.example"
            #expect(try await browser.post(client, "/logout", headers: foreign).status == .forbidden)
            var foreignReferer = host
            foreignReferer[.referer] = "http://evil.example/localhost/"
            #expect(try await browser.post(client, "/logout", headers: foreignReferer).status == .forbidden)
            var nullOrigin = host
            nullOrigin[.origin] = "null"
            #expect(try await browser.post(client, "/logout", headers: nullOrigin).status == .forbidden)
            var ours = host
            ours[.origin] = "http://localhost"
            #expect(try await browser.post(client, "/logout", headers: ours).status == .seeOther)
        }
    }

    @Test func theLoginFormNeedsItsSignedCookie() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            let login = [("username", WebTestBed.login(for: .leader)), ("password", WebTestBed.password)]
            // No cookie at all: a token alone (even a well-signed one) is refused.
            var bare = Browser()
            bare.csrfToken = bed.environment.csrf.newLoginToken()
            let unsigned = try await bare.post(client, "/login", login)
            #expect(unsigned.status == .forbidden)
            // A cookie and a token that agree but were not signed by this server.
            var forged = Browser()
            forged.cookies[CSRFProtection.loginCookieName] = "abc.def"
            let forgery = try await forged.post(client, "/login", login, token: .some("abc.def"))
            #expect(forgery.status == .forbidden)
            // The real form works.
            var browser = Browser()
            let real = try await browser.logIn(client, WebTestBed.login(for: .leader))
            #expect(real.status == .seeOther)
        }
    }

    @Test func tokensCompareInConstantTimeShape() {
        #expect(CSRFProtection.constantTimeEqual("abc", "abc"))
        #expect(!CSRFProtection.constantTimeEqual("abc", "abd"))
        #expect(!CSRFProtection.constantTimeEqual("abc", "abcd"))
        let protection = CSRFProtection()
        let token = protection.newLoginToken()
        #expect(protection.isValidLoginToken(token))
        #expect(!CSRFProtection().isValidLoginToken(token), "another process's key does not verify it")
        #expect(!protection.isValidLoginToken(token + "x"))
        #expect(!protection.isValidLoginToken(""))
    }
}
