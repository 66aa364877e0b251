import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

@Suite struct HeadersTests {
    static func checkSecurityHeaders(_ response: TestResponse, _ what: String) {
        let csp = response.headers[.contentSecurityPolicy] ?? ""
        #expect(csp.contains("script-src 'none'") || csp.contains("script-src 'self'"), "\(what): \(csp)")
        #expect(csp.contains("frame-ancestors 'none'"), "\(what)")
        #expect(csp.contains("form-action 'self'"), "\(what)")
        #expect(csp.contains("base-uri 'none'"), "\(what)")
        #expect(response.headers[.xContentTypeOptions] == "nosniff", "\(what)")
        #expect(response.headers[WebHeader.referrerPolicy] == "same-origin", "\(what)")
    }

    @Test func everyResponseCarriesTheSecurityHeaders() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            Self.checkSecurityHeaders(try await browser.get(client, "/login"), "login page")
            Self.checkSecurityHeaders(try await browser.get(client, "/no-such-page"), "404")
            Self.checkSecurityHeaders(try await browser.get(client, "/healthz"), "healthz")
            Self.checkSecurityHeaders(try await browser.post(client, "/logout", token: .some(nil)), "CSRF refusal")
            _ = try await browser.logIn(client, WebTestBed.login(for: .auditAdministrator))
            let audit = try await browser.get(client, "/audit")
            Self.checkSecurityHeaders(audit, "audit page")
            #expect(audit.headers[.cacheControl] == "no-store")
            Self.checkSecurityHeaders(try await browser.get(client, "/audit.csv"), "CSV")
        }
    }

    @Test func noPageHasAScriptOrInlineStyle() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var pages: [String] = []
            var browser = Browser()
            pages.append(String(buffer: try await browser.get(client, "/login").body))
            for role in [WebTestBed.login(for: .auditAdministrator), WebTestBed.login(for: .securityAdministrator), WebTestBed.login(for: .systemAdministrator)] {
                var b = Browser()
                _ = try await b.logIn(client, role)
                for path in ["/", "/password", "/audit", "/policy", "/users"] {
                    let r = try await b.get(client, path)
                    if r.status == .ok { pages.append(String(buffer: r.body)) }
                }
            }
            #expect(pages.count >= 9)
            for page in pages {
                #expect(page.hasPrefix("<!DOCTYPE html>"), "nothing before the doctype (a template comment holding braces leaks text): \(page.prefix(80))")
                #expect(!page.lowercased().contains("<script"))
                #expect(!page.contains("style="))
                #expect(!page.lowercased().contains("<style"))
                #expect(!page.contains("http://") && !page.contains("https://"), "no outside address (no CDN)")
            }
        }
    }

    @Test func healthzAnswersWithoutASession() async throws {
        let bed = try WebTestBed()
        try await bed.application().test(.router) { client in
            let response = try await client.execute(uri: "/healthz", method: .get)
            #expect(response.status == .ok)
            #expect(String(buffer: response.body) == "ok\n")
        }
    }
}
