import Foundation
import OfficeTools
import Testing

/// Issue 25's tests on a district shaped unlike the 原州区 demo (`gongkai demo --shape odd`: a township
/// without recipients, one of one household, names of one and of six characters, a programme without
/// recipients), through the built binary — the demo's own runs are CatalogueCommandTests,
/// NumberFormatTests, WebPublicationTests and BodyFaceTests. Every document carries its catalogue
/// entry and keeps it, byte for byte, when the release is built again; the 公示期 is worked by hand;
/// no published text holds a malformed number; every page fits a phone; the PDFs are set in 仿宋.
@Suite(.serialized) struct HandMadeDistrictPublicationTests {
    static let seed = "7"

    /// The district in `dir` (odd.sqlite) and its month with payments.
    static func district(in dir: URL) async throws -> String {
        let demo = try await Binary.run(["demo", "--shape", "odd", "--seed", seed, "--db", "odd.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        return try #require(OddDistrictTests.SeedRun.planted("Month with payments", in: demo.stdout))
    }

    static func publish(_ month: String, in dir: URL, now: String? = nil) async throws -> Binary.Result {
        try await Binary.run(["publish", "--month", month, "--db", "odd.sqlite", "--split", "township"], in: dir,
                             environment: now.map { ["GONGKAI_NOW": $0] } ?? [:])
    }

    @Test func everyDocumentCarriesItsCatalogueEntryAndARebuildKeepsEveryByte() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let month = try await Self.district(in: dir)
        let first = try await Self.publish(month, in: dir)
        #expect(first.status == 0, "\(first.stderr)")
        let folder = dir.appendingPathComponent("output/\(month)")
        let manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("manifest.json"))) as? [String: Any])
        #expect(manifest["publisher"] as? String == "固原市原州区民政局" && manifest["category"] as? String == "社会救助")
        #expect(manifest["publicationDate"] as? String == "2026-11-05")
        let files = try #require(manifest["files"] as? [[String: Any]])
        var documents = 0
        for file in files {
            guard let path = file["path"] as? String, let number = file["indexNumber"] as? String else { continue }
            documents += 1
            #expect(number.hasPrefix("640402-MZJ/2026-"), "\(path): \(number)")
            let fields = ["索引号：\(number)", "发布机构：固原市原州区民政局", "发文日期：2026年11月5日", "主题分类：社会救助"]
            if path.hasSuffix(".html") {
                let html = try CatalogueCommandTests.shown(folder.appendingPathComponent(path))
                for field in fields {
                    let (label, value) = (field.prefix { $0 != "：" }, field.drop { $0 != "：" }.dropFirst())
                    #expect(html.contains("<div><dt>\(label)</dt><dd>\(value)</dd></div>"), "\(path) lacks \(field)")
                }
                #expect(html.contains("<footer class=\"site-footer\">"), "\(path)")
            } else if path.hasSuffix(".pdf") {
                let page = try await ExternalTool.run("/usr/bin/pdftotext", ["-l", "1", folder.appendingPathComponent(path).path, "-"]).output
                for field in fields { #expect(page.contains(field), "\(path) page 1 lacks \(field)") }
            }
        }
        // Notices (with the township extracts), policy, complaints, evaluation, and the index page.
        #expect(documents >= 8, "\(documents) documents with an 索引号")

        // Built again from the same store and clock: every file, 索引号 and signature-free manifest alike.
        let before = PublishCommandTests.files(in: folder)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("output"))
        let again = try await Self.publish(month, in: dir)
        #expect(again.status == 0, "\(again.stderr)")
        let after = PublishCommandTests.files(in: folder)
        #expect(before.count > 10 && Set(before.keys) == Set(after.keys))
        for (path, data) in before where after[path] != data { Issue.record("\(path) differs after a rebuild") }
    }

    /// The 公示期 worked by hand, published on other days than the tests' clock.
    @Test func thePublicityPeriodCountsCalendarDaysAndMovesOffADayOff() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let month = try await Self.district(in: dir)
        // Saturday 2026年11月7日 + 7 days: 11月14日 is a Saturday → Monday 11月16日, 9 days.
        let saturday = try await Self.publish(month, in: dir, now: "2026-11-07T09:30:00+08:00")
        #expect(saturday.status == 0, "\(saturday.stderr)")
        let notices = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("output/\(month)").path)
            .filter { $0.hasPrefix("notice-") && $0.hasSuffix(".html") && $0 != "notice-complaints.html" }
        #expect(!notices.isEmpty)
        for notice in notices {
            let page = try CatalogueCommandTests.shown(dir.appendingPathComponent("output/\(month)/\(notice)"))
            #expect(page.contains("公示期：2026年11月7日至2026年11月16日，共9天（按自然日计算，发布当日不计入）。"), "\(notice)")
            #expect(page.contains("请于2026年11月16日（含当日）前"), "\(notice)")
            let pdf = try await PublishCommandTests.pdfText(dir.appendingPathComponent("output/\(month)/\(notice.dropLast(5)).pdf"))
            #expect(pdf.replacingOccurrences(of: "\n", with: "").contains("至2026年11月16日，共9天"), "\(notice.dropLast(5)).pdf")
        }
        // Monday 2026年12月28日 + 7 days ends in 2027, for which templates/calendar has no file: not guessed.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("output"))
        let late = try await Self.publish(month, in: dir, now: "2026-12-28T09:30:00+08:00")
        #expect(late.status == 1 && late.stderr.contains("templates/calendar/2027.toml"), "\(late.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output/\(month)/manifest.json").path))
    }

    @Test func noTextHasAMalformedNumberEveryPageFitsAPhoneAndThePDFsAreInFangsong() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let month = try await Self.district(in: dir)
        let published = try await Self.publish(month, in: dir)
        #expect(published.status == 0, "\(published.stderr)")
        let folder = dir.appendingPathComponent("output/\(month)")
        let malformed = try await NumberFormatTests.malformedNumbers(in: folder)
        #expect(malformed == [])

        let report = try await WebPublicationTests.webcheck(dir.appendingPathComponent("output"), checks: "numbers,layout")
        #expect(WebPublicationTests.problems(report, "numbers", "problems") == [])
        #expect(WebPublicationTests.problems(report, "layout", "problems") == [])
        #expect(((report["layout"] as? [String: Any])?["widths"] as? [String: Any])?.keys.sorted() == ["1366", "390"])

        let face = try await BodyFaceTests.installedFace()
        for path in PublishCommandTests.files(in: folder).keys where path.hasSuffix(".pdf") {
            let fonts = try await ExternalTool.run("/usr/bin/pdffonts", [folder.path + path]).output
            #expect(fonts.contains(face.fontName), "\(path): \(fonts)")
        }
    }
}
