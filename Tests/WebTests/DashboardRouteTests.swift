import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// The leaders' dashboard (issue 13, item 6 in part): the month's desk figures, the lights now, the
/// township comparison and the sparkline, for the 领导 and the 督办 only, never a caller.
@Suite struct DashboardRouteTests {
    @Test func theLeaderSeesTheMonthsFiguresLightsAndTownships() async throws {
        let (bed, _) = try ComplaintListRouteTests.bed()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            let page = try await browser.get(client, "/dashboard?month=2026-11")
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            for text in ["2026年11月 投诉办理指标", "收到投诉</th><td>4</td>", "红灯（超期）：1 件", "黄灯（即将到期）：1 件",
                         "href=\"/complaints?queue=overdue\"", "<th scope=\"row\">三营镇</th><td data-label=\"本月收到\">0</td><td data-label=\"未办结\">2</td><td data-label=\"红灯\">1</td><td data-label=\"黄灯\">1</td>",
                         "<polyline points=", "2025年11月至2026年11月每月收到：", "href=\"/dashboard?month=2026-12\""] {
                #expect(html.contains(text), "\(text)")
            }
            #expect(!html.contains(ComplaintListRouteTests.caller) && !html.contains(ComplaintListRouteTests.phone))
            #expect(try await browser.get(client, "/dashboard?month=2027-01").status == .badRequest)
            #expect(try await browser.get(client, "/dashboard?month=x").status == .badRequest)
        }
    }

    /// Stores a snapshot as `publish` does: one row per (month, indicator, township) of programme "all".
    static func snapshot(_ rows: [(String, String, String, String?, String?)], at time: String, fingerprint: String,
                         in store: StoreDatabase) throws {
        try IndicatorSnapshots.save(rows.map { month, indicator, township, value, status in
            IndicatorSnapshots.Row(month: YearMonth(parsing: month)!, indicator: indicator, programme: "all", township: township,
                                   numerator: nil, denominator: nil, value: value, status: status)
        }, dataFingerprint: fingerprint, definitionsVersion: "test", definitionsSHA256: "sha",
           computedAt: ChinaTime.parseMinute(time)!, in: store)
    }

    @Test func theKeyIndicatorsShowValueTargetStatusInWordsAndSparklinesFromTheSnapshots() async throws {
        let (bed, _) = try ComplaintListRouteTests.bed()
        // An earlier snapshot of November (superseded) says 未达标; the latest says 预警.
        try Self.snapshot([("2026-11", "payments_on_time_rate", "all", "90", "未达标")], at: "2026-12-01 08:00", fingerprint: "a", in: bed.store)
        try Self.snapshot([("2026-11", "payments_on_time_rate", "all", "97.5", "预警"),
                           ("2026-11", "payments_on_time_rate", "三营镇", "80", "未达标"),
                           ("2026-11", "payments_on_time_rate", "南关街道", "99", "达标"),
                           ("2026-11", "approval_working_days_median", "all", "12", "达标"),
                           ("2026-11", "complaints_per_1000_households", "all", nil, "不公布")],
                          at: "2026-12-02 08:00", fingerprint: "b", in: bed.store)
        try Self.snapshot([("2026-09", "payments_on_time_rate", "all", "98.5", "达标")], at: "2026-10-02 08:00", fingerprint: "c", in: bed.store)
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .leader))
            // A published month: its latest snapshot; the months not published computed from the
            // data (here without payments: no value) and marked 未发布.
            let html = String(buffer: try await browser.get(client, "/dashboard?month=2026-11").body)
            for text in ["2026年11月 关键指标", "<th scope=\"row\">资金按时发放率</th><td data-label=\"本月\">97.5%</td><td data-label=\"目标\">≥98%（预警 ≥95%）</td>",
                         "<span class=\"status near\">预警（接近目标）</span>", "<span class=\"status met\">达标</span>",
                         "<span class=\"status withheld\">不公布</span>", "<span class=\"status none\">无数据</span>",
                         "<title id=\"i0-title\">资金按时发放率近13个月走势</title>",
                         "2025年11月至2026年11月各月：" + Array(repeating: "—（未发布）", count: 10).joined(separator: "、") + "、98.5%、—（未发布）、97.5%",
                         "<th scope=\"row\">三营镇</th><td data-label=\"达标\">0</td><td data-label=\"预警\">0</td><td data-label=\"未达标\">1</td><td data-label=\"未达标的指标\">资金按时发放率</td>",
                         "<th scope=\"row\">南关街道</th><td data-label=\"达标\">1</td><td data-label=\"预警\">0</td><td data-label=\"未达标\">0</td><td data-label=\"未达标的指标\">—</td>",
                         "2026年11月尚未发布（发布由系统管理员在服务器上进行）", "href=\"/complaints/statistics?month=2026-11\"",
                         "href=\"/dashboard?month=2026-12\""] {
                #expect(html.contains(text), "\(text)")
            }
            #expect(!html.contains("<td data-label=\"本月\">90%</td>") && !html.contains("<script") && !html.contains("2026年11月未发布："))
            // Two runs of months with figures: September alone, November alone, each a dot; no line across the gap.
            #expect(html.components(separatedBy: "<circle").count - 1 >= 2)
            let empty = String(buffer: try await browser.get(client, "/dashboard?month=2026-08").body)
            #expect(empty.contains("2026年8月未发布：本月指标按目前的数据计算，发布该月时才保存为快照。"))
            #expect(empty.contains("<th scope=\"row\">资金按时发放率</th><td data-label=\"本月\">—</td>"))
            // The latest published month is one link away from any other.
            #expect(empty.contains("<a href=\"/dashboard?month=2026-11\">最近发布的月份（2026年11月）</a>"))
        }
    }

    /// Issue 23, item 5: the dashboard opens on the clock's month, and a sparkline's months are the
    /// indicator computed from the data, a published month's snapshot kept. 按期办结率 by hand: in
    /// November D was closed on 11-23 before its deadline (1/1), but November's publication stored
    /// 90; in December A, due 12-07, is closed on 12-08 (0/1); no other month closed anything.
    @Test func theDashboardOpensOnTheCurrentMonthWithSparklinesComputedForEveryMonth() async throws {
        let (bed, ids) = try ComplaintListRouteTests.bed()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock)
        let a = try #require(ids["A"])
        try desk.perform(.accept, on: a, by: .system)
        try desk.perform(.reply, on: a, by: .system, details: .init(note: "已答复"))
        try desk.perform(.callback, on: a, by: .system, details: .init(rating: "满意"))
        try desk.perform(.close, on: a, by: .system)
        try Self.snapshot([("2026-11", "complaints_closed_on_time_rate", "all", "90", "未达标")], at: "2026-12-01 08:00", fingerprint: "a", in: bed.store)
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let html = String(buffer: try await browser.get(client, "/dashboard").body)
            let months = Array(repeating: "—（未发布）", count: 11) + ["90.0%", "0.0%（未发布）"]
            for text in ["<h1>工作台 2026年12月</h1>", "2026年12月 关键指标",
                         "2026年12月未发布：本月指标按目前的数据计算",
                         "<th scope=\"row\">按期办结率</th><td data-label=\"本月\">0.0%</td><td data-label=\"目标\">≥95%（预警 ≥90%）</td>",
                         "按期办结率近13个月走势</title><desc id=", "2025年12月至2026年12月各月：" + months.joined(separator: "、"),
                         "<a href=\"/dashboard?month=2026-11\">最近发布的月份（2026年11月）</a>"] {
                #expect(html.contains(text), "\(text)")
            }
            #expect(!html.contains("href=\"/dashboard?month=2027-01\""), "no month after the current one")
            // November asked: its published 90, not the 100 the data would give now.
            let november = String(buffer: try await browser.get(client, "/dashboard?month=2026-11").body)
            #expect(november.contains("<th scope=\"row\">按期办结率</th><td data-label=\"本月\">90.0%</td>") && !november.contains("2026年11月未发布"))
        }
    }

    @Test func theMonthsPublishedFilesAreLinkedFromItsLatestRelease() async throws {
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("dashboard-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        func manifest(_ release: Int, in folder: URL) throws {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let json = """
                {"generator":"gongkai","month":"2026-11","release":\(release),"channel":"web","splitByTownship":false,
                 "publicationDate":"2026-12-01","dataFingerprint":"f","definitionsVersion":"v","definitionsSHA256":"s",
                 "templatesSHA256":"t","signingKeySHA256":null,"files":[
                 {"path":"evaluation.pdf","title":"评估报告 r\(release)","bytes":1,"sha256":"x"},
                 {"path":"evaluation.html","title":"评估报告 r\(release)","bytes":1,"sha256":"x"},
                 {"path":"indicators.csv","title":"指标数据","bytes":1,"sha256":"x"}]}
                """
            try Data(json.utf8).write(to: folder.appendingPathComponent("manifest.json"))
        }
        let month = output.appendingPathComponent("2026-11")
        try manifest(1, in: month)
        try manifest(2, in: month.appendingPathComponent("r2"))
        let identity = try CallerIdentityCipher(secret: Data(repeating: 9, count: 32))
        let bed = try WebTestBed(time: ManualClock(try #require(ChinaTime.parseMinute("2026-12-08 09:00"))), output: output.path, identity: identity)
        try bed.addUsers()
        try await bed.application().test(.router) { client in
            var browser = Browser()
            _ = try await browser.logIn(client, WebTestBed.login(for: .supervisor))
            let html = String(buffer: try await browser.get(client, "/dashboard?month=2026-11").body)
            for text in ["<a href=\"/publications/2026-11/r2/\">2026年11月发布页（第 2 版）</a>",
                         "<a href=\"/publications/2026-11/r2/evaluation.pdf\">评估报告 r2（PDF）</a>",
                         "<a href=\"/publications/2026-11/r2/evaluation.html\">评估报告 r2（网页）</a>",
                         "<a href=\"/publications/\">已公布的月份（档案）</a>"] {
                #expect(html.contains(text), "\(text)")
            }
            #expect(!html.contains("indicators.csv") && !html.contains("评估报告 r1") && !html.contains("尚未发布"))
        }
    }

    @Test func theSparklineSpansTheBoxWithTheHighestMonthAtTheTop() {
        #expect(Sparkline(values: [0, 2, 1]).points == "0.0,28.0 65.0,2.0 130.0,15.0")
        #expect(Sparkline(values: [0, 0]).points == "0.0,28.0 130.0,28.0")
    }

    @Test func aSparklineOfRatesIsCutAtAMissingMonthAndSpansItsTarget() {
        let spark = Sparkline(values: [90, nil, 95, 100], including: [98])
        #expect(spark.segments == ["0.0,28.0", "86.7,15.0 130.0,2.0"])
        #expect(spark.dots.count == 3)
        #expect(String(format: "%.1f", spark.y(98)) == "7.2")
    }
}
