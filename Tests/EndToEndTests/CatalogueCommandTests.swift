import Foundation
import OfficeTools
import Testing

/// The 政府信息公开 metadata through the built binary: every page's catalogue entry, site header and
/// footer, the same values in the PDFs and manifest.json, and the 公示期 of the notices.
@Suite(.serialized) struct CatalogueCommandTests {
    static func publish(in dir: URL, templates: String? = nil) async throws -> URL {
        let demo = try await Binary.run(["demo", "--households", "200", "--db", "s.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        var args = ["publish", "--month", "2026-10", "--db", "s.sqlite"]
        if let templates { args += ["--templates", templates] }
        let result = try await Binary.run(args, in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        return dir.appendingPathComponent("output/2026-10")
    }

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }

    /// A page as read: without the no-break spans that keep dates and numbers with units whole.
    static func shown(_ url: URL) throws -> String {
        try text(url).replacingOccurrences(of: "<span class=\"nobr\">", with: "").replacingOccurrences(of: "</span>", with: "")
    }

    @Test func everyPageAndPDFCarriesItsCatalogueEntryAndTheManifestTheSame() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let month = try await Self.publish(in: dir)
        // Published 2026-11-05 (the tests' clock), for October, release 1.
        let expected: [String: String] = [
            "notice-dibao": "640402-MZJ/2026-01001", "notice-tekun": "640402-MZJ/2026-01002", "policy": "640402-MZJ/2026-01020",
            "notice-complaints": "640402-MZJ/2026-01021", "evaluation": "640402-MZJ/2026-01022", "index": "640402-MZJ/2026-01030",
        ]
        for (name, number) in expected {
            let html = try Self.shown(month.appendingPathComponent(name + ".html"))
            #expect(html.contains("<div><dt>索引号</dt><dd>\(number)</dd></div>"), "\(name).html")
            #expect(html.contains("<div><dt>发布机构</dt><dd>固原市原州区民政局</dd></div>"), "\(name).html")
            #expect(html.contains("<div><dt>发文日期</dt><dd>2026年11月5日</dd></div>"), "\(name).html")
            #expect(html.contains("<div><dt>主题分类</dt><dd>社会救助</dd></div>"), "\(name).html")
            #expect(!html.contains("<dt>文号</dt>"), "\(name).html has a 文号 though none is configured")
            if name != "index" {
                let pdf = try await ExternalTool.run("/usr/bin/pdftotext", ["-l", "1", month.appendingPathComponent(name + ".pdf").path, "-"]).output
                for line in ["索引号：\(number)", "发布机构：固原市原州区民政局", "发文日期：2026年11月5日", "主题分类：社会救助"] {
                    #expect(pdf.contains(line), "\(name).pdf page 1 lacks \(line)")
                }
            }
        }
        // The site header and footer on every page, the archive too.
        for page in ["notice-dibao.html", "policy.html", "evaluation.html", "notice-complaints.html", "index.html", "../index.html"] {
            let html = try Self.text(month.appendingPathComponent(page))
            #expect(html.contains("<p class=\"masthead\"><span class=\"masthead-office\">固原市原州区民政局</span> <span class=\"banner\">政府信息公开</span></p>"), "\(page)")
            #expect(html.contains("<footer class=\"site-footer\">"), "\(page)")
            #expect(html.contains("<p>社会救助服务热线：12349</p>"), "\(page)")
            #expect(html.contains("地址：宁夏固原市原州区政府街民政局信访接待室（邮编 756000）"), "\(page)")
            #expect(!html.contains("网站标识码"), "\(page) shows an empty record")
        }
        // manifest.json: 发布机构, 主题分类, 发文日期 and each document's 索引号 (PDF and HTML alike).
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: month.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect(manifest["publisher"] as? String == "固原市原州区民政局")
        #expect(manifest["category"] as? String == "社会救助")
        #expect(manifest["publicationDate"] as? String == "2026-11-05")
        let files = try #require(manifest["files"] as? [[String: Any]])
        for (name, number) in expected {
            for ext in name == "index" ? ["html"] : ["pdf", "html"] {
                let file = files.first { $0["path"] as? String == "\(name).\(ext)" }
                #expect(file?["indexNumber"] as? String == number, "\(name).\(ext)")
            }
        }
        #expect(files.first { $0["path"] as? String == "indicators.csv" }?["indexNumber"] == nil)

        // The 公示期 in the 低保 notice, on the page and in the PDF: 11月5日 + 7 calendar days = 11月12日.
        let notice = try Self.shown(month.appendingPathComponent("notice-dibao.html"))
        #expect(notice.contains("公示期：2026年11月5日至2026年11月12日，共7天"))
        let pdf = try await ExternalTool.run("/usr/bin/pdftotext", [month.appendingPathComponent("notice-dibao.pdf").path, "-"]).output
        #expect(pdf.replacingOccurrences(of: "\n", with: "").contains("请于2026年11月12日（含当日）前"))
    }

    @Test func configuredRecordsAndDocumentNumbersArePrinted() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Binary.templates, toPath: templates.path)
        let toml = templates.appendingPathComponent("office.toml")
        var text = try Self.text(toml)
        for (old, new) in [("# \"2026-10/notice-dibao\" = \"原民发〔2026〕12号\"", "\"2026-10/notice-dibao\" = \"原民发〔2026〕12号\""),
                           ("site_code = \"\"", "site_code = \"6404020001\""), ("icp = \"\"", "icp = \"宁ICP备00000001号\""),
                           ("banner = \"政府信息公开\"", "banner = \"原州区人民政府 政府信息公开\""),
                           ("publicity_days = 7", "publicity_days = 10")] {
            #expect(text.contains(old), "office.toml no longer has \(old)")
            text = text.replacingOccurrences(of: old, with: new)
        }
        try text.write(to: toml, atomically: true, encoding: .utf8)
        let month = try await Self.publish(in: dir, templates: templates.path)
        let notice = try Self.text(month.appendingPathComponent("notice-dibao.html"))
        let shown = try Self.shown(month.appendingPathComponent("notice-dibao.html"))
        #expect(shown.contains("<div><dt>文号</dt><dd>原民发〔2026〕12号</dd></div>"))
        #expect(notice.contains("<span class=\"banner\">原州区人民政府 政府信息公开</span>"))
        #expect(notice.contains("<span class=\"record\">网站标识码：6404020001</span>"))
        #expect(notice.contains("<span class=\"record\">ICP备案号：宁ICP备00000001号</span>"))
        #expect(!notice.contains("公安机关备案号"))
        // 11月5日 + 10 calendar days = 11月15日, a Sunday: the period ends on Monday 11月16日 (民法典 §203), 11 days.
        #expect(shown.contains("公示期：2026年11月5日至2026年11月16日，共11天"))
        #expect(!(try Self.text(month.appendingPathComponent("notice-tekun.html"))).contains("<dt>文号</dt>"))
        let pdf = try await ExternalTool.run("/usr/bin/pdftotext", ["-l", "1", month.appendingPathComponent("notice-dibao.pdf").path, "-"]).output
        #expect(pdf.contains("文号：原民发〔2026〕12号"))
        let manifest = try Self.text(month.appendingPathComponent("manifest.json"))
        #expect(manifest.contains("\"documentNumber\" : \"原民发〔2026〕12号\""))
    }
}
