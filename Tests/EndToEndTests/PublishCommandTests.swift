import Foundation
import OfficeTools
import Testing

/// The monthly publication through the built binary, on demo data with planted values that must
/// never be published.
@Suite(.serialized) struct PublishCommandTests {
    static let plantedID = "640402199001010038"
    static let plantedPhone = "13700001234"

    /// A demo store plus one planted household whose head has a known ID number and phone.
    static func store(in dir: URL, village: String = "三营村") async throws {
        let demo = try await Binary.run(["demo", "--households", "300", "--db", "s.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.stderr)")
        let planted = dir.appendingPathComponent("planted")
        try FileManager.default.createDirectory(at: planted, withIntermediateDirectories: true)
        try """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        PL0001,三营镇,\(village),阿依古丽·买买提,\(plantedID),\(plantedPhone),2,农村
        """.write(to: planted.appendingPathComponent("households.csv"), atomically: true, encoding: .utf8)
        try """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        PL0001,dibao,一类,2,1090.00,按月,2026-08-01,2026-08-20,2026-09,,,
        """.write(to: planted.appendingPathComponent("enrolments.csv"), atomically: true, encoding: .utf8)
        let imported = try await Binary.run(["import", "planted", "--db", "s.sqlite"], in: dir)
        #expect(imported.status == 0, "\(imported.stderr)")
    }

    static func pdfText(_ url: URL) async throws -> String {
        try await ExternalTool.run("/usr/bin/pdftotext", [url.path, "-"]).output
    }

    static func files(in dir: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: nil)!
        for case let url as URL in walker {
            if let data = FileManager.default.contents(atPath: url.path), !url.hasDirectoryPath {
                out[String(url.path.dropFirst(dir.path.count))] = data
            }
        }
        return out
    }

    @Test func publishesEveryDocumentPrivatelyAndReproducibly() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.store(in: dir)
        let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--split", "township"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let month = dir.appendingPathComponent("output/2026-10")
        for name in ["notice-dibao.pdf", "notice-dibao.html", "notice-tekun.pdf", "policy.pdf", "policy.html", "notice-complaints.pdf",
                     "notice-complaints.html", "evaluation.pdf", "evaluation.html", "indicators.csv", "indicators.json", "indicators.xlsx",
                     "datapackage.json", "index.html", "manifest.json", "640402101/notice-dibao.pdf"] {
            #expect(FileManager.default.fileExists(atPath: month.appendingPathComponent(name).path), "missing \(name)")
        }
        // The notice names the hotline and shows the planted head masked, never the ID or phone.
        let notice = try await Self.pdfText(month.appendingPathComponent("notice-dibao.pdf"))
        #expect(notice.contains("12349"))
        #expect(notice.contains("阿***·**提"))
        #expect(!notice.contains("阿依古丽·买买提"))
        for (path, data) in Self.files(in: month) {
            let text = path.hasSuffix(".pdf") ? try await Self.pdfText(month.appendingPathComponent(path)) : String(decoding: data, as: UTF8.self)
            #expect(!text.contains(Self.plantedID), "\(path) contains the ID number")
            #expect(!text.contains(Self.plantedPhone), "\(path) contains the phone number")
        }
        let csv = try Data(contentsOf: month.appendingPathComponent("indicators.csv"))
        #expect(csv.starts(with: [0xEF, 0xBB, 0xBF]))

        // Publishing again from the same data reproduces every byte and changes nothing.
        let before = Self.files(in: month)
        let again = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--split", "township"], in: dir,
                                   environment: ["GONGKAI_NOW": "2026-11-20T10:00:00+08:00"])
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("已用相同的数据和模板发布过"))
        #expect(Self.files(in: month) == before)

        // verify passes, and fails after one byte of a PDF changes.
        #expect(try await Binary.run(["verify", "output/2026-10", "--db", "s.sqlite"], in: dir).status == 0)
        let pdf = month.appendingPathComponent("notice-tekun.pdf")
        var bytes = try Data(contentsOf: pdf)
        bytes[bytes.count / 2] ^= 0x01
        try bytes.write(to: pdf)
        let broken = try await Binary.run(["verify", "output/2026-10", "--db", "s.sqlite"], in: dir)
        #expect(broken.status != 0)
        #expect(broken.stderr.contains("被改动：notice-tekun.pdf"))
    }

    @Test func changedDataNeedsSupersedeAndWritesASecondRelease() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.store(in: dir)
        #expect(try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir).status == 0)
        try """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        PL0001,dibao,一类,2,1200.00,按月,2026-08-01,2026-08-20,2026-09,,,
        """.write(to: dir.appendingPathComponent("planted/enrolments.csv"), atomically: true, encoding: .utf8)
        #expect(try await Binary.run(["import", "planted/enrolments.csv", "--db", "s.sqlite"], in: dir).status == 0)

        let refused = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("--supersede --reason"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output/2026-10/r2").path))

        let superseded = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--supersede",
                                         "--reason", "更正1户保障金额"], in: dir)
        #expect(superseded.status == 0, "\(superseded.stderr)")
        let r2 = dir.appendingPathComponent("output/2026-10/r2")
        let manifest = try JSONSerialization.jsonObject(with: Data(contentsOf: r2.appendingPathComponent("manifest.json"))) as! [String: Any]
        let supersedes = manifest["supersedes"] as! [String: Any]
        #expect(supersedes["reason"] as? String == "更正1户保障金额")
        #expect((supersedes["changes"] as! [String]).contains("changed notice-dibao.pdf"))
        #expect(manifest["release"] as? Int == 2)
        #expect(try await Binary.run(["verify", "output/2026-10/r2", "--db", "s.sqlite"], in: dir).status == 0)
    }

    @Test func guardAbortsOnAPlantedLeakAndLeavesNothing() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // A phone number typed into the village field reaches the notice: the guard must stop it.
        try await Self.store(in: dir, village: "联系13912345678村")
        let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(result.status != 0)
        // The value is checked before it is typeset: the refusal names the file, the table, the row and
        // household, the field and the kind, never the value (not even masked).
        #expect(result.stderr.contains("notice-dibao.pdf / notice-dibao.html：表“"), "\(result.stderr)")
        #expect(result.stderr.contains("“村（社区）”栏含有手机号"), "\(result.stderr)")
        #expect(!result.stderr.contains("139"))
        let output = dir.appendingPathComponent("output")
        let left = (try? FileManager.default.contentsOfDirectory(atPath: output.path)) ?? []
        #expect(left.isEmpty, "left in output/: \(left)")
    }

    @Test func scriptInAVillageNameComesOutEscaped() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await Self.store(in: dir, village: "<script>alert(1)</script>村")
        let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOf: dir.appendingPathComponent("output/2026-10/notice-dibao.html"), encoding: .utf8)
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;村"))
        #expect(!html.contains("<script>"))
    }
}
