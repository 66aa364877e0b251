import Foundation
import Testing

/// The complaint desk in a real browser (issue 13, "Tests"): tools/desktest.py drives Debian's
/// headless chromium through selenium over the built `gongkai serve`, on a free loopback port, over a
/// database made by `gongkai demo` with one account per role made by `gongkai user add`. The script
/// starts the server (and restarts it with a later GONGKAI_NOW for the red light) and reports each
/// case; this test fails on any failed case. The approval case walks 三员分立 (issue 22): a 督办 proposed
/// by the 系统管理员 sees no caller until the 安全管理员 approves. The phone case walks every desk page of every role at
/// 390 px (no sideways scroll, no cell narrower than two characters). The last case repeats an intake and a 受理 in headless
/// Firefox ESR, driven through Marionette. Screenshots of intake, a red queue, a complaint and the
/// dashboard at 1366 and 390 px, and the Firefox's complaint at 1366 px, land in .build/test-output/browser/.
@Suite(.serialized) struct DeskBrowserTests {
    static let screenshots = Binary.packageRoot.appendingPathComponent(".build/test-output/browser")

    /// One account per role, as tools/demo-accounts.sh makes them; the 承办人 works for the township
    /// the script's complaints are recorded in.
    static let accounts: [(login: String, role: String, displayName: String, unit: String?)] = [
        ("li.deng", "登记员", "李登记", nil), ("zhao.ban", "承办人", "赵承办", "三营镇"), ("qian.du", "督办", "钱督办", nil),
        ("sun.ling", "领导", "孙领导", nil), ("zhou.xi", "系统管理员", "周系统", nil), ("wu.an", "安全管理员", "吴安全", nil),
        ("zheng.shen", "审计管理员", "郑审计", nil),
    ]
    static let initialPassword = "Chu-shi-mi-ma1"
    /// The clock at the start: the new complaints' 60-day deadline falls within the holiday calendars
    /// templates/calendar has (2025–2026), and so does the later clock past it.
    static let start = "2026-09-01T09:30:00+08:00"

    @Test func theDeskWorksInChromiumAndFirefoxForEveryRole() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try? FileManager.default.removeItem(at: Self.screenshots)  // a screenshot must come from this run
        let demo = try await Binary.run(["demo", "--households", "200", "--db", "s.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        for account in Self.accounts {
            let add = try await Binary.run(["user", "add", account.login, "--role", account.role, "--display-name", account.displayName]
                                     + (account.unit.map { ["--unit", $0] } ?? []) + ["--db", "s.sqlite"],
                                     in: dir, stdin: Self.initialPassword + "\n")
            #expect(add.status == 0, "\(add.output)")
        }
        let environment = Binary.environment()
        let config: [String: Any] = [
            "binary": Binary.path, "directory": dir.path, "database": "s.sqlite", "output": "output",
            "environment": ["GONGKAI_TEMPLATES": environment["GONGKAI_TEMPLATES"] ?? "",
                            "GONGKAI_IDENTITY_KEY": environment["GONGKAI_IDENTITY_KEY"] ?? ""],
            "now": Self.start, "initialPassword": Self.initialPassword, "screenshots": Self.screenshots.path,
            "accounts": Self.accounts.map { ["login": $0.login, "role": $0.role, "displayName": $0.displayName] },
        ]
        let file = dir.appendingPathComponent("desktest.json")
        try JSONSerialization.data(withJSONObject: config).write(to: file)

        let report = try await ToolScript.report("desktest.py", [file.path])
        let cases = report["cases"] as? [[String: Any]] ?? []
        let names = cases.compactMap { $0["case"] as? String }
        #expect(names == ["login", "intake", "handling", "dispatch", "red", "leader", "csrf", "approval", "vnu", "axe-390", "axe-1366", "phone-390", "firefox"],
                "cases run: \(names)")
        for failed in cases where failed["ok"] as? Bool != true {
            Issue.record("\(failed["case"] as? String ?? "?"): \(failed["detail"] ?? "")")
        }
        // Every intake took fewer than 10 keystrokes after the summary (also a case of its own).
        let keystrokes = report["keystrokes"] as? [[String]] ?? []
        #expect(keystrokes.count == 2 && keystrokes.allSatisfy { $0.count < 10 }, "keystrokes after the summary: \(keystrokes)")
        for name in ["intake", "queue-red", "complaint", "dashboard"] {
            for width in [390, 1366] {
                let shot = Self.screenshots.appendingPathComponent("\(name)-\(width).png").path
                #expect(FileManager.default.fileExists(atPath: shot), "no screenshot \(shot)")
            }
        }
        // Issue 23, item 8: the first screens as each role sees them, on a phone and a desk.
        for account in Self.accounts {
            var pages = ["home"]
            if ["登记员", "承办人", "督办", "领导"].contains(account.role) { pages += ["queue", "complaint"] }
            if ["督办", "领导"].contains(account.role) { pages += ["statistics", "dashboard"] }
            for page in pages {
                for width in [390, 1366] {
                    let shot = Self.screenshots.appendingPathComponent("\(account.login)-\(page)-\(width).png").path
                    #expect(FileManager.default.fileExists(atPath: shot), "no screenshot \(shot)")
                }
            }
        }
        let firefox = Self.screenshots.appendingPathComponent("firefox-complaint-1366.png").path
        #expect(FileManager.default.fileExists(atPath: firefox), "no screenshot \(firefox)")
    }
}
