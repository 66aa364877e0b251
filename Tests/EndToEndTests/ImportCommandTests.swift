import Foundation
import GRDB
@testable import Store
import Testing

/// The foundation through the built binary: demo, import, status, and bad input.
@Suite struct ImportCommandTests {
    @Test func demoImportsAndStatusReportsIt() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try await Binary.run(["demo", "--households", "300", "--db", "s.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.output)")
        #expect(demo.stdout.contains("households.csv"))
        // The database holds personal data: owner-only permissions.
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent("s.sqlite").path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let status = try await Binary.run(["status", "--db", "s.sqlite", "--format", "json"], in: dir)
        #expect(status.status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as! [String: Any]
        let counts = json["counts"] as! [[String: Any]]
        #expect(counts.first { $0["kind"] as? String == "households" }?["rows"] as? Int == 300)
        #expect(json["firstMonth"] as? String == "2024-11")
        #expect(json["lastMonth"] as? String == "2026-10")

        // Importing the same files again changes nothing.
        let again = try await Binary.run(["import", "data", "--db", "s.sqlite"], in: dir)
        #expect(again.status == 0)
        #expect(again.stdout.contains("300 行  新增         0  变更         0"))
    }

    @Test func badInputNamesFileLineAndFieldExitsNonZeroAndChangesNothing() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        H1,三营镇,三营村,马一,640402198001010017,,3,农村
        H2,三营镇,三营村,马二,640402198001010018,,3,农村
        """.write(to: dir.appendingPathComponent("households.csv"), atomically: true, encoding: .utf8)
        let result = try await Binary.run(["import", "households.csv", "--db", "s.sqlite"], in: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains("households.csv:3: 户主身份证号: 身份证号校验码错误（应为 7）"))
        #expect(result.stderr.contains("未导入任何数据"))
        let status = try await Binary.run(["status", "--db", "s.sqlite", "--format", "json"], in: dir)
        #expect(status.stdout.contains("\"rows\" : 0"))
        #expect(!status.stdout.contains("\"rows\" : 1"))
    }

    @Test func statusWithoutADatabaseSaysWhatToDo() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try await Binary.run(["status", "--db", "missing.sqlite"], in: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains("请先导入数据"))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("missing.sqlite").path))
    }

    static let householdsHeader = "户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡"

    /// `gongkai import` of `files` (bytes by name) into a new s.sqlite in `dir`.
    func importing(_ files: [String: [UInt8]], in dir: URL) async throws -> Binary.Result {
        for (name, bytes) in files { try Data(bytes).write(to: dir.appendingPathComponent(name)) }
        return try await Binary.run(["import"] + files.keys.sorted() + ["--db", "s.sqlite"], in: dir)
    }

    @Test func crOnlyLineEndingsImportEveryRow() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let households = [Self.householdsHeader,
                          "H1,三营镇,三营村,马一,640402198001010017,,3,农村",
                          "H2,三营镇,三营村,马二,640402198001010025,,2,农村"].joined(separator: "\r") + "\r"
        let result = try await importing(["households.csv": Array(households.utf8)], in: dir)
        #expect(result.status == 0, "\(result.output)")
        #expect(result.stdout.contains("2 行  新增         2"), "\(result.output)")
    }

    @Test func aNulInATextCellIsRefusedWithLineAndColumn() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let households = Self.householdsHeader + "\nH1,a\u{0}b,三营村,马一,640402198001010017,,3,农村\n"
        let result = try await importing(["households.csv": Array(households.utf8)], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("households.csv:2: 乡镇: 第 2 个字符是控制字符 U+0000（NUL）"), "\(result.output)")
    }

    @Test func utf32IsNamedAndHowToResaveIsSaid() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = Self.householdsHeader + "\nH1,三营镇,三营村,马一,640402198001010017,,3,农村\n"
        let utf32 = text.unicodeScalars.flatMap { s in (0..<4).map { UInt8((s.value >> (8 * $0)) & 0xFF) } }
        let result = try await importing(["households.csv": utf32], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("households.csv:1: 该文件是 UTF-32 LE（Unicode）文本"), "\(result.output)")
        #expect(result.stderr.contains("CSV UTF-8"))
    }

    @Test func anEmptyFileIsSaidSoWithItsName() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let result = try await importing(["households.csv": []], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("households.csv:1: 文件是空的"), "\(result.output)")
    }

    @Test func aComplaintOfTheYear999IsRefusedNotATrap() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let complaints = """
        编号,受理时间,渠道,类型,类别,内容,匿名
        TS-099903-0001,0999-03-02 09:15,监督电话,投诉,发放时限,反映救助金未按时到账,是
        """
        let result = try await importing(["complaints.csv": Array(complaints.utf8)], in: dir)
        #expect(result.status == 1)
        #expect(result.stderr.contains("complaints.csv:2: 受理时间: '0999-03-02 09:15' 的年份 999 超出 1949–2100"), "\(result.output)")
    }

    @Test func aFullWidthIDNumberIsStoredAsDigits() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let households = Self.householdsHeader + "\nH1,三营镇,三营村,马一,６４０４０２１９８００１０１００１７,１３９１２３４５６７８,３,农村\n"
        let result = try await importing(["households.csv": Array(households.utf8)], in: dir)
        #expect(result.status == 0, "\(result.output)")
        let store = try StoreDatabase(path: dir.appendingPathComponent("s.sqlite").path)
        let row = try store.read { try Row.fetchOne($0, sql: "SELECT head_id_number, phone, household_size FROM household") }
        #expect(row == ["head_id_number": "640402198001010017", "phone": "13912345678", "household_size": 3])
    }
}
