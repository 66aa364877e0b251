import Foundation
import OfficeTools
import Testing

/// Every published text read for malformed numbers (issue 25): no number with a trailing dot ("98."),
/// and no date or number with its unit broken across lines — in every PDF as `pdftotext -layout`
/// lays it out, in every CSV and JSON file, and in every HTML page, where each must sit in a no-break span (tools/webcheck.py
/// --checks numbers).
@Suite(.serialized) struct NumberFormatTests {
    /// A line ending in a digit (or a digit and 年/月) whose next line starts with a unit (or a digit):
    /// "16,864" | "人", "2024年1" | "月1日". A table row of `-layout` (cells apart by three or more
    /// spaces) followed by the next row's first cell is not a split.
    static func splits(in text: String) -> [String] {
        let lines = text.split(separator: "\n").map(String.init).filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        let unit = #/^(个百分点|个工作日|个月|万元|元|户|人|天|日|月|年|件|次|倍|项|个|号|%|％)/#
        var found: [String] = []
        for (a, b) in zip(lines, lines.dropFirst()) {
            let end = a.trimmingCharacters(in: .whitespaces), start = b.trimmingCharacters(in: .whitespaces)
            if end.contains(#/\S {3,}\S/#) { continue }
            let numberThenUnit = end.contains(#/[0-9]$/#) && start.prefixMatch(of: unit) != nil
            let dateSplit = end.contains(#/[0-9][年月]$/#) && start.prefixMatch(of: #/[0-9]/#) != nil
            if numberThenUnit || dateSplit { found.append("…\(end.suffix(20)) | \(start.prefix(12))…") }
        }
        return found
    }

    @Test func theScanFindsASplitNumberAndATrailingDot() {
        #expect(Self.splits(in: "发放金额\n本月共有16,864\n人享受，自2024年1\n月1日起").count == 2)
        #expect(Self.splits(in: "  合计    16,864    2,430.00\n人均救助水平  469.52").isEmpty)
        #expect("八月为98.".contains(#/[0-9]\.(?![0-9])/#))
    }

    /// Every malformed number of a month's folder: in each PDF as `pdftotext -layout` lays it out, a
    /// trailing dot or a number or date split across lines; in each CSV and JSON file, a trailing dot.
    /// (The HTML pages are read by tools/webcheck.py --checks numbers.) Records an issue when the
    /// folder has fewer than `atLeast` PDFs, so an empty scan cannot pass.
    static func malformedNumbers(in month: URL, atLeast: Int = 5) async throws -> [String] {
        var found: [String] = [], pdfs = 0, data = 0
        for path in PublishCommandTests.files(in: month).keys.sorted() {
            let text: String
            if path.hasSuffix(".pdf") {
                pdfs += 1
                text = try await ExternalTool.run("/usr/bin/pdftotext", ["-layout", month.path + path, "-"]).output
                found += Self.splits(in: text).map { "\(path): split: \($0)" }
            } else if path.hasSuffix(".csv") || path.hasSuffix(".json") {
                data += 1
                text = try String(contentsOf: URL(fileURLWithPath: month.path + path), encoding: .utf8)
            } else {
                continue
            }
            for line in text.split(separator: "\n") where line.contains(#/[0-9]\.(?![0-9])/#) {
                found.append("\(path): a number with a trailing dot: \(line.prefix(200))")
            }
        }
        if pdfs < atLeast || data < 3 { Issue.record("only \(pdfs) PDFs and \(data) CSV or JSON files in \(month.path)") }
        return found
    }

    @Test func noPublishedTextHasAMalformedNumber() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await PublishCommandTests.store(in: dir)
        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--split", "township"], in: dir)
        #expect(published.status == 0, "\(published.stderr)")
        let month = dir.appendingPathComponent("output/2026-10")
        let malformed = try await Self.malformedNumbers(in: month, atLeast: 11)
        #expect(malformed == [])
        let report = try await WebPublicationTests.webcheck(dir.appendingPathComponent("output"), checks: "numbers")
        #expect(WebPublicationTests.problems(report, "numbers", "problems") == [])
        #expect(((report["numbers"] as? [String: Any])?["pages"] as? Int ?? 0) > 5)
    }
}
