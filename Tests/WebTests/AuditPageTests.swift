import Accounts
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Web

@Suite struct AuditPageTests {
    @Test func theAuditorFiltersPagesAndDownloads() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        let auditor = WebTestBed.login(for: .auditAdministrator)
        try await bed.application().test(.router) { client in
            // Some failures to find, one of them with a name that is a spreadsheet formula and HTML.
            var stranger = Browser()
            _ = try await stranger.logIn(client, "=cmd|' /c calc'!A1", "Wrong-pass-1")
            _ = try await stranger.logIn(client, WebTestBed.login(for: .leader), "<b>Wrong</b>-1")
            var browser = Browser()
            _ = try await browser.logIn(client, auditor)
            let all = try await browser.get(client, "/audit")
            #expect(all.status == .ok)
            let failures = try await browser.get(client, "/audit?outcome=failure&action=login")
            let html = String(buffer: failures.body)
            #expect(html.contains("共 2 条"), "\(html)")
            #expect(!html.contains("<b>Wrong"), "outside text is escaped")
            let byActor = String(buffer: try await browser.get(client, "/audit?actor=\(WebTestBed.login(for: .leader))&outcome=failure").body)
            #expect(byActor.contains("共 1 条"))
            let future = String(buffer: try await browser.get(client, "/audit?from=2030-01-01").body)
            #expect(future.contains("共 0 条"))
            let bad = try await browser.get(client, "/audit?from=yesterday")
            #expect(bad.status == .badRequest)
            #expect(String(buffer: bad.body).contains("YYYY-MM-DD"))
            let csv = try await browser.get(client, "/audit.csv?outcome=failure")
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType] == "text/csv; charset=utf-8")
            let bytes = Array(csv.body.readableBytesView)
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "UTF-8 with BOM for Excel and WPS")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            #expect(text.hasPrefix(AuditLog.csvHeader.joined(separator: ",")))
            #expect(!text.contains(",=cmd"), "a formula cell is neutralised: \(text)")
        }
        #expect(try bed.environment.audit.count(AuditQuery(actor: auditor, action: .auditExport)) == 1)
    }

    @Test func pagingWalksEveryRecord() async throws {
        let bed = try WebTestBed()
        try bed.addUsers()
        for i in 0..<120 {
            try bed.environment.audit.record(AuditEvent(time: bed.time.clock.now(), actor: AuditActor(login: "u\(i)", source: "cli"),
                                                        action: AuditAction("test.step"), outcome: .success))
        }
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .auditAdministrator))
            let first = String(buffer: try await browser.get(client, "/audit?action=test.step").body)
            #expect(first.contains("共 120 条，第 1/3 页"))
            #expect(first.contains("/audit?action=test.step&amp;page=2"))
            let last = String(buffer: try await browser.get(client, "/audit?action=test.step&page=3").body)
            #expect(last.contains("第 3/3 页"))
            #expect(last.components(separatedBy: "<tr><td data-label=\"序号\">").count - 1 == 20)
        }
    }
}
