import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// Issue 28 (desk pages under load): the queue, a search, a complaint's page and the dashboard are
/// rendered faster, but their bytes stay those the templates gave before — pinned here on a fixed
/// fixture (Golden/desk-*.html, recorded with the Mustache-only renderer). A change to a template
/// changes these files on purpose: `GONGKAI_UPDATE_GOLDEN=1` rewrites them, to be reviewed in the diff.
@Suite struct DeskPageBytesTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// The list fixture plus complaints whose text needs escaping or cutting: markup and quotes in the
    /// summary, a summary longer than a row shows, one urged after its signing ran late, and a
    /// complaint without programme or township.
    static func bed() throws -> (WebTestBed, [String: String]) {
        let (bed, listed) = try ComplaintListRouteTests.bed()
        var ids = listed
        let identity = try CallerIdentityCipher(secret: Data(repeating: 9, count: 32))
        func desk(_ at: String) -> ComplaintDesk {
            ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: .fixed(ChinaTime.parseMinute(at)!), identity: identity)
        }
        var random = SystemRandomNumberGenerator()
        func add(_ at: String, _ township: String?, programme: String?, summary: String) throws -> String {
            try desk(at).add(ComplaintIntake(receivedAt: at, channel: "来信", type: "投诉", category: "发放时限", programme: programme,
                                             township: township, summary: summary, callerName: nil, callerPhone: nil, anonymous: true),
                             by: .system, issuePIN: false, source: "test", random: &random).id
        }
        ids["H"] = try add("2026-11-02 08:15", "三营镇", programme: "特困",
                           summary: "<script>alert('x')</script> & \"引号\" 'single' > < &amp; 低保金未到账")
        ids["J"] = try add("2026-11-03 16:40", nil, programme: nil,
                           summary: "一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十超出三十个字的部分不在队列里显示")
        try desk("2026-11-04 09:00").perform(.accept, on: ids["H"]!, by: .system)
        try desk("2026-11-30 09:00").perform(.transfer, on: ids["H"]!, by: .system, details: .init(unit: "三营镇民政办"))
        try desk("2026-12-01 09:00").perform(.urge, on: ids["H"]!, by: .system, details: .init(note: "请尽快 <办理> & 答复"))
        return (bed, ids)
    }

    /// The page's bytes with the session's CSRF token (random per login) replaced by a fixed word.
    static func stable(_ html: String, token: String?) -> String {
        guard let token, !token.isEmpty else { return html }
        return html.replacingOccurrences(of: token, with: "CSRF-TOKEN")
    }

    static func check(_ html: String, _ name: String) throws {
        let file = golden.appendingPathComponent("desk-\(name).html")
        if ProcessInfo.processInfo.environment["GONGKAI_UPDATE_GOLDEN"] == "1" {
            try Data(html.utf8).write(to: file)
        }
        let expected = try String(contentsOf: file, encoding: .utf8)
        #expect(html == expected, "the page differs from Golden/desk-\(name).html; GONGKAI_UPDATE_GOLDEN=1 rewrites it after review")
    }

    @Test func theDeskPagesKeepTheirBytes() async throws {
        let (bed, ids) = try Self.bed()
        try Self.snapshotIndicators(bed.store)
        let pages: [(String, String)] = [
            ("queue", "/complaints?sort=due"),
            ("queue-overdue", "/complaints?queue=overdue&township=%E4%B8%89%E8%90%A5%E9%95%87"),
            ("search", "/complaints?q=%E4%BD%8E%E4%BF%9D%E9%87%91"),
            ("complaint", "/complaints/\(try #require(ids["H"]))"),
            ("dashboard", "/dashboard?month=2026-11"),
            ("home", "/"),
        ]
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            for (name, path) in pages {
                let page = try await browser.get(client, path)
                #expect(page.status == .ok, "\(path)")
                try Self.check(Self.stable(String(buffer: page.body), token: browser.csrfToken), name)
            }
        }
    }

    /// A published November for the dashboard's key indicators, as `publish` stores it.
    static func snapshotIndicators(_ store: StoreDatabase) throws {
        try DashboardRouteTests.snapshot([("2026-11", "payments_on_time_rate", "all", "97.5", "预警"),
                                          ("2026-11", "payments_on_time_rate", "三营镇", "80", "未达标"),
                                          ("2026-11", "approval_working_days_median", "all", "12", "达标")],
                                         at: "2026-12-02 08:00", fingerprint: "b", in: store)
    }
}
