import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import Store
import StoreTestSupport
import Testing
@testable import Web

/// Every page of the office's application on PostgreSQL is the page it is on SQLite, byte for byte:
/// the store of the Chinese-only walk (a complaint in every state) made on each database, then every
/// GET route walked by every role with the walk's paths — queues, filters, search, dashboard months,
/// statistics, each complaint — and each answer's status and body compared (the session's CSRF token,
/// random by design, set aside). No page may fail with a server error on either.
@Suite struct PagesOnBothDatabasesTests {
    /// Status and body of every page, in walk order, for one store.
    static func walk(_ backend: TestBackend) async throws -> [(path: String, status: Int, body: String)] {
        let (bed, ids) = try ChineseOnlyPageTests.bed(store: try await backend.store())
        let routes = WebApplication.routes(bed.environment).filter { $0.method == .get && !ChineseOnlyPageTests.skipped.contains($0.path) }
        return try await bed.application().test(.router) { client in
            var pages: [(path: String, status: Int, body: String)] = []
            for role in Role.allCases {
                var browser = Browser()
                _ = try await browser.logIn(client, WebTestBed.login(for: role))
                for route in routes where route.access.allows(roles: [role]) {
                    for path in ChineseOnlyPageTests.paths(route, ids: ids) {
                        let page = try await browser.get(client, path)
                        var body = String(buffer: page.body)
                        if let token = browser.csrfToken { body = body.replacingOccurrences(of: token, with: "«csrf»") }
                        pages.append(("\(role.rawValue) \(path)", Int(page.status.code), body))
                    }
                }
            }
            return pages
        }
    }

    @Test func everyPageIsTheSameOnBothDatabases() async throws {
        let sqlite = try await Self.walk(.sqlite)
        let postgres = try await Self.walk(.postgres)
        #expect(sqlite.count > 300, "the walk renders every page: \(sqlite.count)")
        #expect(sqlite.map(\.path) == postgres.map(\.path))
        for (s, p) in zip(sqlite, postgres) {
            #expect(s.status < 500 && p.status < 500, "\(s.path): \(s.status) on SQLite, \(p.status) on PostgreSQL")
            #expect(s.status == p.status, "\(s.path): \(s.status) on SQLite, \(p.status) on PostgreSQL")
            if s.body != p.body {
                let line = zip(s.body.split(separator: "\n"), p.body.split(separator: "\n")).first { $0 != $1 }
                Issue.record("\(s.path) differs: SQLite «\(line?.0.prefix(200) ?? "")» PostgreSQL «\(line?.1.prefix(200) ?? "")»")
            }
        }
    }
}
