import Foundation
import Testing

/// The foundation through the built binary: demo, import, status, and bad input.
@Suite struct ImportCommandTests {
    @Test func demoImportsAndStatusReportsIt() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try Binary.run(["demo", "--households", "300", "--db", "s.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.output)")
        #expect(demo.stdout.contains("households.csv"))
        // The database holds personal data: owner-only permissions.
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("s.sqlite").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let status = try Binary.run(["status", "--db", "s.sqlite", "--format", "json"], in: dir)
        #expect(status.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as! [String: Any]
        let counts = json["counts"] as! [[String: Any]]
        #expect(counts.first { $0["kind"] as? String == "households" }?["rows"] as? Int == 300)
        #expect(json["firstMonth"] as? String == "2024-11")
        #expect(json["lastMonth"] as? String == "2026-10")

        // Importing the same files again changes nothing.
        let again = try Binary.run(["import", "data", "--db", "s.sqlite"], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout.contains("300 rows          0 new          0 changed"))
    }

    @Test func badInputNamesFileLineAndFieldExitsNonZeroAndChangesNothing() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        H1,三营镇,三营村,马一,640402198001010017,,3,农村
        H2,三营镇,三营村,马二,640402198001010018,,3,农村
        """.write(to: dir.appendingPathComponent("households.csv"), atomically: true, encoding: .utf8)
        let result = try Binary.run(["import", "households.csv", "--db", "s.sqlite"], in: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains("households.csv:3: 户主身份证号: ID number check digit is wrong (expected 7)"))
        #expect(result.stderr.contains("Nothing was imported"))
        let status = try Binary.run(["status", "--db", "s.sqlite", "--format", "json"], in: dir)
        #expect(status.stdout.contains("\"rows\" : 0"))
        #expect(!status.stdout.contains("\"rows\" : 1"))
    }

    @Test func statusWithoutADatabaseSaysWhatToDo() throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try Binary.run(["status", "--db", "missing.sqlite"], in: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains("import data first"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("missing.sqlite").path))
    }
}
