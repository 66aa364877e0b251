import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// Every refusal is evidence (issue 22, item 6): CSRF and Origin refusals, 413, 429 and access
/// denials are audit records the 审计管理员 finds in /audit.
@Suite struct RefusalAuditTests {
    @Test func everyRefusalKindAppearsInTheAuditLog() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var leader = Browser()
            _ = try await leader.logIn(client, WebTestBed.login(for: .leader))
            _ = try await leader.get(client, "/password")
            #expect(try await leader.post(client, "/password", [("current_password", "x"), ("new_password", "y")], token: "forged").status == .forbidden)
            #expect(try await leader.post(client, "/password", [("current_password", "x")], headers: [.origin: "http://evil.example"]).status == .forbidden)
            let huge = String(repeating: "a", count: 100 * 1024)
            #expect(try await leader.post(client, "/password", [("current_password", huge)]).status == .contentTooLarge)
            #expect(try await leader.get(client, "/audit").status == .forbidden)
            #expect(try await client.execute(uri: "/dashboard", method: .get).status == .unauthorized)
            var guesser = Browser()
            _ = try await guesser.get(client, "/login")
            var last = HTTPResponse.Status.ok
            for i in 0..<11 { last = try await guesser.post(client, "/login", [("username", "nobody\(i)"), ("password", "Wrong-pass-1")]).status }
            #expect(last == .tooManyRequests)

            bed.time.advance(61)   // the router tests' one address ("unknown") may log in again
            var auditor = Browser()
            _ = try await auditor.logIn(client, WebTestBed.login(for: .auditAdministrator))
            for (action, evidence) in [("request.csrf", "no valid token"), ("request.csrf", "another site"), ("request.tooLarge", "POST /password"),
                                       ("login.throttled", "须等待"), ("access.denied", "GET /audit"), ("access.denied", "not signed in")] {
                let page = String(buffer: try await auditor.get(client, "/audit?action=\(action)").body)
                #expect(page.contains(evidence), "\(action): \(evidence)")
            }
        }
    }

    @Test func aPostBeforeTheRequiredPasswordChangeIsRefusedAndAudited() async throws {
        let bed = try WebTestBed()
        try bed.addUsers(mustChange: true)
        try await bed.application().test(.router) { client in
            var clerk = Browser()
            _ = try await clerk.logIn(client, WebTestBed.login(for: .intake), WebTestBed.initialPassword)
            #expect(try await clerk.post(client, "/complaints/new", [("summary", "x")]).status == .forbidden)
        }
        let denied = try bed.environment.audit.entries(AuditQuery(action: .accessDenied))
        #expect(denied.contains { $0.object == "POST /complaints/new" && $0.detail == "must change the password first" })
    }
}
