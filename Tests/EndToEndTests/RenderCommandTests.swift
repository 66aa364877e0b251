import Foundation
import Testing

/// `gongkai render` through the real binary, checked with poppler's tools as a reader's software sees it.
@Suite struct RenderCommandTests {
    static let example = Binary.templates + "/examples/document.json"

    static func tool(_ name: String, _ args: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/" + name)
        process.arguments = args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test func exampleRendersToCheckablePDFAndHTML() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = dir.appendingPathComponent("a.pdf").path, html = dir.appendingPathComponent("a.html").path
        let result = try Binary.run(["render", Self.example, "--pdf", pdf, "--html", html])
        #expect(result.status == 0, "\(result.output)")

        let fonts = try Self.tool("pdffonts", [pdf]).split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for line in fonts {
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            // name type… encoding emb sub uni object ID
            #expect(columns[columns.count - 5] == "yes" && columns[columns.count - 4] == "yes", "not embedded as a subset: \(line)")
        }

        let text = try Self.tool("pdftotext", [pdf, "-"])
        let title = try #require(text.range(of: "原州区2026年1月城乡最低生活保障对象公布"))
        let jiXiang = try #require(text.range(of: "张\u{20BB7}祥"))
        let ayiguli = try #require(text.range(of: "阿依古丽·买买提"))
        let signature = try #require(text.range(of: "2026年1月5日", options: .backwards))
        #expect(title.lowerBound < jiXiang.lowerBound && jiXiang.lowerBound < ayiguli.lowerBound
                && ayiguli.lowerBound < signature.lowerBound)
        #expect(text.contains("— 1 —"))
        #expect(text.contains("— 2 —"))

        let info = try Self.tool("pdfinfo", ["-f", "1", "-l", "99", pdf])
        let sizes = info.split(separator: "\n").filter { $0.hasPrefix("Page") && $0.contains("size:") }
        #expect(sizes.count > 3)
        for size in sizes { #expect(size.contains("595.276 x 841.89 pts"), "\(size)") }
        #expect(info.contains("Author:          固原市原州区民政局"))

        let page = try String(contentsOfFile: html, encoding: .utf8)
        #expect(page.contains("阿依古丽·买买提") && page.contains("<html lang=\"zh-CN\">"))
    }

    @Test func renderingTwiceGivesIdenticalBytes() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for name in ["1", "2"] {
            let r = try Binary.run(["render", Self.example, "--pdf", dir.appendingPathComponent("\(name).pdf").path,
                                    "--html", dir.appendingPathComponent("\(name).html").path])
            #expect(r.status == 0, "\(r.output)")
        }
        let a = try Data(contentsOf: dir.appendingPathComponent("1.pdf")), b = try Data(contentsOf: dir.appendingPathComponent("2.pdf"))
        #expect(a.count > 10_000 && a == b)
        #expect(try Data(contentsOf: dir.appendingPathComponent("1.html")) == Data(contentsOf: dir.appendingPathComponent("2.html")))
    }

    @Test func missingGlyphFailsAndWritesNoFile() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var json = try String(contentsOfFile: Self.example, encoding: .utf8)
        json = json.replacingOccurrences(of: "阿依古丽·买买提", with: "张\u{2A6D6}")
        let doc = dir.appendingPathComponent("bad.json")
        try json.write(to: doc, atomically: true, encoding: .utf8)
        let pdf = dir.appendingPathComponent("bad.pdf").path, html = dir.appendingPathComponent("bad.html").path
        let r = try Binary.run(["render", doc.path, "--pdf", pdf, "--html", html])
        #expect(r.status != 0)
        #expect(r.stderr.contains("notice row 41, 户主姓名: U+2A6D6 has no glyph in any installed font"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["bad.json"])
    }
}
