import DemoData
import Foundation
import GongkaiCore
import Testing

/// `gongkai check` and the policy page through the built binary: on the demo the check lists exactly
/// the payments the generator planted (taken from the generator in this process, not from the
/// binary), exits 3 with findings and 0 on a clean month; the month's publication carries
/// policy.pdf/html, linked from its index, and the guard reads them like every public file.
@Suite(.serialized) struct PaymentCheckCommandTests {
    static let households = 2_000

    /// The check's CSV rows as (household, programme, kind).
    static func listed(_ csv: String) -> Set<PlantedFinding> {
        Set(csv.split(separator: "\n").dropFirst().compactMap { line in
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 15, let kind = PaymentStandards.FindingKind(rawValue: cells[0]),
                  let programme = Programme(rawValue: cells[2]) else { return nil }
            return PlantedFinding(householdID: cells[3], programme: programme, kind: kind)
        })
    }

    @Test func theDemoMonthListsExactlyThePlantedPayments() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try await Binary.run(["demo", "--households", "\(Self.households)", "--db", "s.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        let planted = try YuanzhouDemo(.init(households: Self.households,
                                             standards: try PaymentStandards.load(templates: Binary.templates))).planted()
        // Three 低保 and one 特困 above the standard, one 临时救助 above its limit, one 特困 全护理
        // payment left at the standard that changed on 2026-10-01.
        #expect(planted.count == 6)
        #expect(planted.filter { $0.kind == .overStandard }.count == 5)
        #expect(planted.filter { $0.kind == .changeNotApplied }.map(\.programme) == [.tekun])
        #expect(demo.stdout.contains("为 gongkai check --month 2026-10 放入：超标准发放 over_standard 5 笔，无适用标准 no_standard 0 笔，标准调整未执行 change_not_applied 1 笔"),
                "\(demo.stdout)")

        let csv = try await Binary.run(["check", "--month", "2026-10", "--db", "s.sqlite", "--format", "csv"], in: dir)
        #expect(csv.status == 3, "\(csv.stderr)")
        #expect(csv.stdout.split(separator: "\n").count == planted.count + 1)
        #expect(Self.listed(csv.stdout) == Set(planted))
        // Full identifiers, for staff: every row carries the head's 18-character ID number.
        let cells: [[String]] = csv.stdout.split(separator: "\n").dropFirst().map { line in
            line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        #expect(cells.allSatisfy { $0.count == 15 && $0[7].count == 18 })

        let table = try await Binary.run(["check", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(table.status == 3)
        #expect(table.stdout.contains("超标准发放 5 条；无适用标准 0 条；标准调整未执行 1 条"), "\(table.stdout)")

        let json = try await Binary.run(["check", "--month", "2026-10", "--db", "s.sqlite", "--format", "json"], in: dir)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.count == planted.count)
        #expect(rows.first { $0["kind"] as? String == "change_not_applied" }?["previous"] as? String != nil)

        // The demo follows its standards in every other month, including July 2026 when the rural
        // 一类 standard rose: nothing to report, exit 0.
        for month in ["2026-09", "2026-07", "2025-06"] {
            let clean = try await Binary.run(["check", "--month", month, "--db", "s.sqlite"], in: dir)
            #expect(clean.status == 0, "\(month): \(clean.output)")
            #expect(clean.stdout.contains("未发现问题"))
        }
        // Nothing is written anywhere but standard output.
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output").path))
    }

    @Test func theOddDistrictsOverStandardPaymentsAreListed() async throws {
        for seed in [3, 11] {
            let dir = try Binary.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: dir) }
            let demo = try await Binary.run(["demo", "--shape", "odd", "--seed", "\(seed)", "--db", "s.sqlite", "--out", "data"], in: dir)
            #expect(demo.status == 0, "\(demo.stderr)")
            let shape = try OddDistrict(.init(endMonth: YearMonth(year: 2026, month: 10)!, seed: UInt64(seed),
                                              standards: try PaymentStandards.load(templates: Binary.templates))).generate().shape
            #expect(shape.overStandard.count >= 2)  // one fen over, 100 yuan over, and any 补发
            let csv = try await Binary.run(["check", "--month", "2026-10", "--db", "s.sqlite", "--format", "csv"], in: dir)
            #expect(csv.status == 3, "\(csv.stderr)")
            #expect(Self.listed(csv.stdout) == Set(shape.overStandard), "seed \(seed)")
        }
    }

    @Test func badStandardsAreAnErrorWithTheirLine() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Binary.templates, toPath: templates.path)
        let file = templates.appendingPathComponent("standards.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "area = \"城市\"\ncategory = \"一类\"\namount = \"760.00\"",
                                      with: "area = \"县城\"\ncategory = \"一类\"\namount = \"760.00\"")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect(try await Binary.run(["demo", "--households", "50", "--db", "s.sqlite", "--out", "data"], in: dir).status == 0)
        let result = try await Binary.run(["check", "--month", "2026-10", "--db", "s.sqlite", "--templates", templates.path], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("standards.toml:"), "\(result.stderr)")
        #expect(result.stderr.contains("area 须为 城市 或 农村，实际为 \"县城\""), "\(result.stderr)")
    }

    @Test func theMonthsPolicyPageIsPublishedLinkedAndGuarded() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Binary.run(["demo", "--households", "200", "--db", "s.sqlite", "--out", "data"], in: dir).status == 0)
        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(published.status == 0, "\(published.stderr)")
        let month = dir.appendingPathComponent("output/2026-10")
        let pdf = try await PublishCommandTests.pdfText(month.appendingPathComponent("policy.pdf"))
        for text in [pdf, try String(contentsOf: month.appendingPathComponent("policy.html"), encoding: .utf8)] {
            // As a reader sees it: the page keeps numbers with their units in no-break spans.
            let flat = text.replacingOccurrences(of: "\n", with: "")
                .replacingOccurrences(of: "<span class=\"nobr\">([^<]*)</span>", with: "$1", options: .regularExpression)
            #expect(flat.contains("原州区2026年10月社会救助政策信息"))
            #expect(flat.contains("自2026年10月起，特困人员照料护理标准（全护理）由每人每月680.00元调整为每人每月750.00元。"))
            #expect(flat.contains("810.00") && flat.contains("580.00"))  // 城市 一类; 农村 一类 since 2026-07
            #expect(flat.contains("30个工作日") && flat.contains("12349"))
            #expect(flat.contains("示例"))
        }
        let index = try String(contentsOf: month.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("href=\"policy.pdf\"") && index.contains("href=\"policy.html\""))
        let manifest = try String(contentsOf: month.appendingPathComponent("manifest.json"), encoding: .utf8)
        #expect(manifest.contains("\"policy.pdf\"") && manifest.contains("\"policy.html\""))
        #expect(try await Binary.run(["verify", "output/2026-10", "--db", "s.sqlite"], in: dir).status == 0)

        // A mobile number typed into the 办事指南 reaches policy.pdf: the guard refuses the release.
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Binary.templates, toPath: templates.path)
        let guide = templates.appendingPathComponent("policy.toml")
        try (try String(contentsOf: guide, encoding: .utf8))
            .replacingOccurrences(of: "社会救助窗口，或所在村（社区）代办", with: "社会救助窗口，联系人手机13912345678")
            .write(to: guide, atomically: true, encoding: .utf8)
        let refused = try await Binary.run(["publish", "--month", "2026-09", "--db", "s.sqlite", "--templates", templates.path], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("policy.pdf") && refused.stderr.contains("含有手机号"), "\(refused.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output/2026-09").path))
    }
}
