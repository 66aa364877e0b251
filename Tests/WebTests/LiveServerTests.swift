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
}
