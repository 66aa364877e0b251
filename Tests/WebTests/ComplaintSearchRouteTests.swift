import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

/// `GET /complaints?q=…`: full-text search in the queues (issue 13, item 3).
@Suite struct ComplaintSearchRouteTests {
    @Test func theSearchCombinesWithQueuesFiltersAndTheUnitAndNeverFindsTheCaller() async throws {
        let (bed, ids) = try ComplaintListRouteTests.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let expected: [(String, Set<String>)] = [
                ("?q=10-08", ["A"]),                       // trigram: the summary "摘要 2026-10-08 10:00"
                ("?q=答复", ["D", "E"]),                    // two characters: LIKE, over the reply notes
                ("?q=答复&queue=closed", ["D"]), ("?q=答复&township=三营镇", []),
                ("?q=\(ComplaintListRouteTests.caller)", []), ("?q=\(ComplaintListRouteTests.phone)", []),
            ]
            for (query, names) in expected {
                let uri = query.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? query
                let page = try await browser.get(client, "/complaints" + uri)
                #expect(page.status == .ok, "\(query)")
                #expect(ComplaintListRouteTests.numbers(String(buffer: page.body), ids) == names, "\(query)")
            }
            let kept = String(buffer: try await browser.get(client, "/complaints?q=%E7%AD%94%E5%A4%8D").body)
            #expect(kept.contains("name=\"q\" type=\"search\" value=\"答复\""))
            #expect(kept.contains("format=csv") && kept.contains("q=%E7%AD%94%E5%A4%8D"), "the export keeps the search")
            let csv = try await browser.get(client, "/complaints?q=%E7%AD%94%E5%A4%8D&format=csv")
            #expect(String(buffer: csv.body).contains(ids["D"] ?? "?") && !String(buffer: csv.body).contains(ids["A"] ?? "?"))
            let long = try await browser.get(client, "/complaints?q=" + String(repeating: "a", count: 65))
            #expect(long.status == .badRequest)

            var handler = Browser()
            _ = try await handler.logIn(client, WebTestBed.login(for: .handler))
            let own = String(buffer: try await handler.get(client, "/complaints?q=10-08").body)
            #expect(ComplaintListRouteTests.numbers(own, ids).isEmpty, "another township's complaint is not found")
        }
    }
}
