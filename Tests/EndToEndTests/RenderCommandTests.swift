import Foundation
import OfficeTools
import Testing

/// `gongkai render` through the real binary, checked with poppler's tools as a reader's software sees it.
@Suite struct RenderCommandTests {
    static let example = Binary.templates + "/examples/document.json"

    static func tool(_ name: String, _ args: [String]) async throws -> String {
        try await ExternalTool.run("/usr/bin/" + name, args).output
    }

    @Test func exampleRendersToCheckablePDFAndHTML() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("a.pdf").path, html = dir.appendingPathComponent("a.html").path
        let result = try await Binary.run(["render", Self.example, "--pdf", pdf, "--html", html])
        #expect(result.status == 0, "\(result.output)")

        let fonts = try await Self.tool("pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for line in fonts {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            // name type… encoding emb sub uni object ID
            #expect(columns[columns.count - 5] == "yes" && columns[columns.count - 4] == "yes", "not embedded as a subset: \(line)")
        }

        let text = try await Self.tool("pdftotext", [pdf, "-"])
        let title = try #require(text.range(of: "原州区2026年1月城乡最低生活保障对象公布"))
        let jiXiang = try #require(text.range(of: "张\u{20BB7}祥"))
        let ayiguli = try #require(text.range(of: "阿依古丽·买买提"))
        let signature = try #require(text.range(of: "2026年1月5日", options: .backwards))
        #expect(title.lowerBound < jiXiang.lowerBound && jiXiang.lowerBound < ayiguli.lowerBound
                && ayiguli.lowerBound < signature.lowerBound)
        #expect(text.contains("— 1 —"))
        #expect(text.contains("— 2 —"))

        let info = try await Self.tool("pdfinfo", ["-f", "1", "-l", "99", pdf])
        let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }
        #expect(sizes.count > 3)
        for size in sizes { #expect(size.contains("595.276 x 841.89 pts"), "\(size)") }
        #expect(info.contains("Author:          固原市原州区民政局"))

        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("阿依古丽·买买提") && page.contains("<html lang=\"zh-CN\">"))
    }

    /// The four-across key figures once printed 万元 as 万, and the narrow 乡镇 column wrapped
    /// 南关街道小计 as 南关街道小 / 计: the reader's text must hold both whole.
    @Test func noTextIsDroppedOrSplitInTheExample() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("a.pdf").path, html = dir.appendingPathComponent("a.html").path
        let result = try await Binary.run(["render", Self.example, "--pdf", pdf, "--html", html])
        #expect(result.status == 0, "\(result.output)")
        let lines = try await Self.tool("pdftotext", ["-raw", pdf, "-"]).split(separator: "\n").map(String.init)
        #expect(lines.contains("23.46 万元"), "\(lines.prefix(20))")
        #expect(lines.contains("南关街道小计 46 21920.00"))
        #expect(lines.contains("合计 150户 552 246180.00"))
        #expect(lines.contains("原州区2026年1月城乡最低生活保障对象公布"))
        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains(#"<td colspan="3" class="left">南关街道小计</td>"#))
        #expect(page.contains("<h1>原州区<wbr>2026年1月<wbr>城乡最低生活保障<wbr>对象公布</h1>"))
    }

    @Test func aDocumentThatWouldTrapTheRendererIsRefusedWithItsPath() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cases = [
            ("\"title\": \"所在地\",\n     \"span\": 3", "\"title\": \"所在地\",\n     \"span\": -3",
             "blocks[9].headerGroups[0].span: 表头分组 '所在地' 跨 -3 列"),
            ("\"values\": [\n      14,", "\"values\": [\n      1e300,", "blocks[5].series[0].values[0]: 图表的值须为 -1e15 至 1e15 之间的有限数"),
            ("\"width\": 0.8\n", "\"width\": -0.8\n", "blocks[9].columns[0].width: 列宽须为大于 0"),
        ]
        for (original, replacement, message) in cases {
            let json = try String(contentsOfFile: Self.example, encoding: .utf8)
            #expect(json.contains(original))
            let doc = dir.appendingPathComponent("bad.json")
            try json.replacingOccurrences(of: original, with: replacement).write(to: doc, atomically: true, encoding: .utf8)
            let pdf = dir.appendingPathComponent("bad.pdf").path, html = dir.appendingPathComponent("bad.html").path
            let r = try await Binary.run(["render", doc.path, "--pdf", pdf, "--html", html])
            #expect(r.status == 1 && r.stderr.hasPrefix("gongkai render：\(doc.path): \(message)"), "\(r.stderr)")
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["bad.json"])
        }
    }

    @Test func pageSettingsOutsideTheirLimitsAreRefusedWithTheirLine() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.createDirectory(at: templates, withIntermediateDirectories: true)
        let toml = try String(contentsOfFile: Binary.templates + "/page.toml", encoding: .utf8)
        #expect(toml.contains("body_pt = 16\n"))
        try toml.replacingOccurrences(of: "body_pt = 16\n", with: "body_pt = 3e9\n")
            .write(to: templates.appendingPathComponent("page.toml"), atomically: true, encoding: .utf8)
        let line = toml.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == "body_pt = 16" }.map { $0 + 1 } ?? 0
        let pdf = dir.appendingPathComponent("a.pdf").path
        let r = try await Binary.run(["render", Self.example, "--pdf", pdf, "--templates", templates.path])
        #expect(r.status == 1)
        #expect(r.stderr == "gongkai render：\(templates.path)/page.toml:\(line): 'sizes.body_pt' 须在 4 至 144 pt 之间\n", "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: pdf))
    }

    @Test func renderingTwiceGivesIdenticalBytes() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["1", "2"] {
            let r = try await Binary.run(["render", Self.example, "--pdf", dir.appendingPathComponent("\(name).pdf").path,
                                    "--html", dir.appendingPathComponent("\(name).html").path])
            #expect(r.status == 0, "\(r.output)")
        }
        let a = try Data(contentsOf: dir.appendingPathComponent("1.pdf")), b = try Data(contentsOf: dir.appendingPathComponent("2.pdf"))
        #expect(a.count > 10_000 && a == b)
        #expect(try Data(contentsOf: dir.appendingPathComponent("1.html")) == Data(contentsOf: dir.appendingPathComponent("2.html")))
    }

    @Test func missingGlyphFailsAndWritesNoFile() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var json = try String(contentsOfFile: Self.example, encoding: .utf8)
        json = json.replacingOccurrences(of: "阿依古丽·买买提", with: "张\u{2A6D6}")
        let doc = dir.appendingPathComponent("bad.json")
        try json.write(to: doc, atomically: true, encoding: .utf8)
        let pdf = dir.appendingPathComponent("bad.pdf").path, html = dir.appendingPathComponent("bad.html").path
        let r = try await Binary.run(["render", doc.path, "--pdf", pdf, "--html", html])
        #expect(r.status != 0)
        #expect(r.stderr.contains("notice 第 41 行，户主姓名：U+2A6D6 在已安装的字体中都没有字形"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["bad.json"])
    }
}
