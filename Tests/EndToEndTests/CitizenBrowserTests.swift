import Foundation
import Testing

/// The public channel in a real browser (issue 24, "Tests"): tools/citizentest.py drives Debian's
/// headless chromium through selenium over the built `gongkai serve --listen … --public-listen …`,
/// on free loopback ports, over a database made by `gongkai demo` with a 督办 and a 承办人 of 三营镇 (desktest.py's TOWNSHIP),
/// made by `gongkai user add`. A citizen on a 390 px phone submits and gets a number and a PIN; the
/// 督办 finds it in 全部 with channel 网上 and dispatches it; the 承办人 replies; the 督办 closes it; the
/// citizen sees the reply with number and PIN and rates 满意, which the desk then shows; axe-core and
/// the Nu checker are clean on every public page at 390 and 1366 px. Screenshots land in
/// .build/test-output/browser-public/.
@Suite(.serialized) struct CitizenBrowserTests {
    static let screenshots = Binary.packageRoot.appendingPathComponent(".build/test-output/browser-public")

    static let accounts: [(login: String, role: String, displayName: String, unit: String?)] = [
        ("qian.du", "督办", "钱督办", nil), ("zhao.ban", "承办人", "赵承办", "三营镇"),
    ]
    static let initialPassword = "Chu-shi-mi-ma1"
    /// Within the holiday calendars templates/calendar has, as DeskBrowserTests' clock.
    static let start = "2026-09-01T09:30:00+08:00"

    @Test func aComplaintGoesFromACitizensPhoneToTheDeskAndBackToTheCitizensRating() async throws {
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
        let file = dir.appendingPathComponent("citizentest.json")
        try JSONSerialization.data(withJSONObject: config).write(to: file)

        let report = try await ToolScript.report("citizentest.py", [file.path])
        let cases = report["cases"] as? [[String: Any]] ?? []
        let names = cases.compactMap { $0["case"] as? String }
        #expect(names == ["submit", "dispatch", "reply", "close", "follow", "rate", "desk", "vnu", "axe"], "cases run: \(names)")
        for failed in cases where failed["ok"] as? Bool != true {
            Issue.record("\(failed["case"] as? String ?? "?"): \(failed["detail"] ?? "")")
        }
        for name in ["public-receipt-390", "public-rated-390", "public-home-390", "public-home-1366", "public-submit-390", "public-closed-1366"] {
            let shot = Self.screenshots.appendingPathComponent("\(name).png").path
            #expect(FileManager.default.fileExists(atPath: shot), "no screenshot \(shot)")
        }
    }
}
