import Foundation
import OfficeTools
import Testing

/// Every published PDF is a tagged PDF a screen reader can use, checked as the web team checks it:
/// poppler's pdfinfo, the raw catalog entries, and the PyPI `pdfua` checker (installed by `make deps`
/// into .venv-tools).
@Suite(.serialized) struct TaggedPDFTests {
    static let pdfua = Binary.packageRoot.appendingPathComponent(".venv-tools/bin/pdfua").path

    /// (exit status, stdout) of `path args`.
    static func run(_ path: String, _ args: [String]) async throws -> (status: Int32, output: String) {
        let result = try await ExternalTool.run(path, args)
        return (result.status, result.output)
    }

    @Test func everyPublishedPDFIsTaggedWithLanguageTitleAndArtifacts() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await PublishCommandTests.store(in: dir)
        let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let month = dir.appendingPathComponent("output/2026-10")
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: month.path).filter { $0.hasSuffix(".pdf") }.sorted()
        #expect(pdfs.count >= 8)
        #expect(FileManager.default.isExecutableFile(atPath: Self.pdfua), "pdfua is missing: run `make deps`")
        var figures = 0
        for name in pdfs {
            let path = month.appendingPathComponent(name).path
            #expect(try await Self.run("/usr/bin/pdfinfo", [path]).output.contains("Tagged:          yes"), "\(name) is not tagged")
            let raw = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            for entry in ["/StructTreeRoot", "/MarkInfo << /Marked true >>", "/Lang (zh-CN)",
                          "/ViewerPreferences << /DisplayDocTitle true >>", "/S /Document", "/S /H1", "/S /P"] {
                #expect(raw.contains(entry), "\(name) lacks \(entry)")
            }
            if raw.contains("/S /Table") { #expect(raw.contains("/Scope /Column"), "\(name): TH without scope") }
            if raw.contains("/S /Figure") { figures += 1 }
            #expect(!raw.contains("/S /Figure\n>>"), "\(name): a Figure without Alt")
            // Every heading is a bookmark.
            #expect(raw.contains("/Outlines") == raw.contains("/S /H2"), "\(name): headings without an outline")
            if FileManager.default.isExecutableFile(atPath: Self.pdfua) {
                let check = try await Self.run(Self.pdfua, ["check", path])
                #expect(check.output.contains("errors=0"), "pdfua on \(name):\n\(check.output)")
            }
        }
        #expect(figures > 0, "no published PDF has a chart to check")
    }

    /// The example renders to the same bytes twice, and its page numbers are artifacts that still
    /// read as “— 1 —”.
    @Test func taggedRenderingIsByteReproducible() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var outputs: [Data] = []
        for name in ["a.pdf", "b.pdf"] {
            let pdf = dir.appendingPathComponent(name).path
            let result = try await Binary.run(["render", RenderCommandTests.example, "--pdf", pdf])
            #expect(result.status == 0, "\(result.output)")
            outputs.append(try Data(contentsOf: URL(fileURLWithPath: pdf)))
        }
        #expect(outputs[0] == outputs[1])
        let text = try await Self.run("/usr/bin/pdftotext", [dir.appendingPathComponent("a.pdf").path, "-"]).output
        #expect(text.contains("— 1 —"))
    }

    /// A long table through the binary: one TD per cell (the empty ones too), four TH on every page,
    /// no untagged text, as pdfinfo and pdfua see it.
    @Test func aLongTableIsTaggedCellByCell() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let rows = (1...1500).map { "[\"\($0)\",\"\($0 % 4 == 0 ? "" : "三营镇")\",\"马建国\",\"\($0 % 6 + 1)\"]" }
        let json = """
        {"metadata":{"title":"长表","office":"固原市原州区民政局","subject":"测试","keywords":[],"publicationDate":"2026-01-05","language":"zh-CN"},
         "blocks":[{"type":"table","name":"long","caption":"长表","columns":[{"title":"序号"},{"title":"乡镇"},
         {"title":"户主姓名","names":true},{"title":"人数"}],"rows":[\(rows.joined(separator: ","))]}]}
        """
        try json.write(to: dir.appendingPathComponent("long.json"), atomically: true, encoding: .utf8)
        let result = try await Binary.run(["render", "long.json", "--pdf", "long.pdf"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let path = dir.appendingPathComponent("long.pdf").path
        let info = try await Self.run("/usr/bin/pdfinfo", [path]).output
        #expect(info.contains("Tagged:          yes"))
        let pages = try #require(info.split(separator: "\n").first { $0.hasPrefix("Pages:") }
            .flatMap { Int($0.split(separator: " ").last ?? "") })
        let raw = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
        #expect(raw.components(separatedBy: "/S /TD\n").count - 1 == 1500 * 4)
        #expect(raw.components(separatedBy: "/S /TH\n").count - 1 == 4 * pages)
        #expect(raw.components(separatedBy: "/S /TR\n").count - 1 == 1500 + pages)
        #expect(FileManager.default.isExecutableFile(atPath: Self.pdfua), "pdfua is missing: run `make deps`")
        let check = try await Self.run(Self.pdfua, ["check", path])
        #expect(check.output.contains("errors=0"), "pdfua:\n\(check.output)")
    }
}
