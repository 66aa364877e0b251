import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import Store
import Testing
@testable import Web

@Suite struct SessionTests {
    @Test func anIdleSessionEndsAfterThirtyMinutes() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            bed.time.advance(29 * 60)
            #expect(try await browser.get(client, "/").status == .ok, "29 minutes idle: still signed in")
            bed.time.advance(29 * 60)
            #expect(try await browser.get(client, "/").status == .ok, "a request renews the idle limit")
            bed.time.advance(30 * 60)
            let expired = try await browser.get(client, "/")
            #expect(expired.status == .unauthorized && String(buffer: expired.body).contains("href=\"/login\""))
            #expect(try bed.store.webSessionCount() == 0, "the ended session's row is deleted")
        }
    }

    @Test func aSessionEndsEightHoursAfterLoginHoweverBusy() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            for _ in 0..<(8 * 3 - 1) {
                bed.time.advance(20 * 60)
                #expect(try await browser.get(client, "/").status == .ok)
            }
            bed.time.advance(20 * 60)
            let expired = try await browser.get(client, "/")
            #expect(expired.status == .unauthorized && String(buffer: expired.body).contains("href=\"/login\""))
        }
    }

    @Test func aSessionSurvivesARestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        let time = ManualClock()
        let bed = try WebTestBed(store: StoreDatabase(path: path), time: time)
        try bed.addUsers()
        let copy = try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .auditAdministrator))
            #expect(try await browser.get(client, "/audit").status == .ok)
            return browser
        }
        let restarted = try WebTestBed(store: StoreDatabase(path: path, access: .readWrite), time: time)
        try await restarted.application().test(.router) { client in
            var browser = copy
            let audit = try await browser.get(client, "/audit")
            #expect(audit.status == .ok, "the new process knows the session")
            let logout = try await browser.post(client, "/logout")
            #expect(logout.status == .seeOther, "and its CSRF token")
        }
    }

    @Test func aLockedAccountsSessionEndsAtOnce() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            let login = WebTestBed.login(for: .leader)
            _ = try await browser.logIn(client, login)
            try bed.environment.accounts.lock(login: login, by: .init(login: "cli:test", source: "cli"))
            #expect(try await browser.get(client, "/").status == .unauthorized)
        }
    }

    @Test func theSessionCookieIsHttpOnlyStrictAndSecureWhenAsked() async throws {
        for secure in [false, true] {
            let bed = try WebTestBed()
            try bed.addUsers()
            var configuration = bed.environment.configuration
            configuration.secureCookies = secure
            let environment = try WebEnvironment(configuration: configuration, store: bed.store, accounts: bed.environment.accounts,
                                                 clock: bed.time.clock)
            var logger = Logger(label: "t")
            logger.logLevel = .warning
            let app = Application(router: WebApplication.router(environment), logger: logger)
            try await app.test(.router) { client in
                var browser = Browser()
                let response = try await browser.logIn(client, WebTestBed.login(for: .leader))
                let cookie = try #require(response.headers[values: .setCookie].first { $0.hasPrefix(WebConfiguration.sessionCookieName + "=") })
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Strict"))
                #expect(cookie.contains("Path=/"))
                #expect(cookie.contains("Secure") == secure)
            }
        }
    }
}
