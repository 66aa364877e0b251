import Foundation
import GongkaiCore
import GRDB
import OfficeTools
import Testing

/// Issue 21 through the built binary: one person heads one household, every cell has a limit (CSV
/// and .xlsx alike), and the stock demo's early months have their 2024 holiday calendar.
@Suite struct ImportIdentityCommandTests {
    static let header = "户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡"

    static func id(_ n: Int) -> String {
        let body = "64040219800101" + String(format: "%03d", n)
        return body + String(IDNumber.checkCharacter(for: Array(body.utf8)))
    }

    /// The households in the store at `path` ("key size"), sorted.
    static func households(_ path: String) throws -> [String] {
        var config = Configuration()
        config.readonly = true
        return try DatabaseQueue(path: path, configuration: config).read {
            try String.fetchAll($0, sql: "SELECT household_id || ' ' || household_size FROM household ORDER BY 1")
        }
    }

    /// The bytes the store takes on disk: the database and its write-ahead log.
    static func storeSize(_ dir: URL) -> Int {
        ["s.sqlite", "s.sqlite-wal"].reduce(0) { total, name in
            let path = dir.appendingPathComponent(name).path
            return total + ((try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0)
        }
    }

    @Test func oneIDNumberInTwoHouseholdsIsRefusedNamingBothKeysAndLines() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try "\(Self.header)\nH1,三营镇,三营村,马一,\(Self.id(1)),,3,农村\n"
            .write(to: dir.appendingPathComponent("households.csv"), atomically: true, encoding: .utf8)
        #expect(try await Binary.run(["import", "households.csv", "--db", "s.sqlite"], in: dir).status == 0)

        // The four spellings of YZ0000005 and one head heading two households.
        let rows = ["ＹＺ0000005,三营镇,三营村,马五,\(Self.id(5)),,2,农村",
                    "YZ0000006,三营镇,三营村,马六,\(Self.id(6)),,2,农村",
                    "yz0000007,开城镇,和泉村,马五,\(Self.id(5)),,1,农村",
                    "H2,开城镇,和泉村,马一,\(Self.id(1)),,1,农村"]
        try ([Self.header] + rows).joined(separator: "\n")
            .write(to: dir.appendingPathComponent("households.csv"), atomically: true, encoding: .utf8)
        let refused = try await Binary.run(["import", "households.csv", "--db", "s.sqlite"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("households.csv:4: 户主身份证号: 同一身份证号出现在多户：本行户 YZ0000007 的户主身份证号与第 2 行户 YZ0000005 的户主相同"), "\(refused.stderr)")
        #expect(refused.stderr.contains("households.csv:5: 户主身份证号: 同一身份证号出现在多户：本行户 H2 的户主身份证号已是库中户 H1 的户主"))
        #expect(!refused.output.contains(Self.id(5)) && !refused.output.contains(Self.id(1)))
        #expect(refused.stderr.contains("未导入任何数据"))
        #expect(try Self.households(dir.appendingPathComponent("s.sqlite").path) == ["H1 3"])

        // Without the second household, the spellings land on one key.
        let spellings = ["ＹＺ0000005", "yz0000005", "YZ0000005\u{200B}"]
        for (n, key) in spellings.enumerated() {
            try "\(Self.header)\n\(key),三营镇,三营村,马五,\(Self.id(5)),,\(n + 2),农村\n"
                .write(to: dir.appendingPathComponent("households.csv"), atomically: true, encoding: .utf8)
            let result = try await Binary.run(["import", "households.csv", "--db", "s.sqlite"], in: dir)
            #expect(result.status == 0, "\(result.output)")
        }
        #expect(try Self.households(dir.appendingPathComponent("s.sqlite").path) == ["H1 3", "YZ0000005 4"])
    }

    @Test func aHundredMegabyteCellIsRefusedAtItsPlaceWithoutTheStoreGrowing() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let households = dir.appendingPathComponent("households.csv")
        try "\(Self.header)\nH1,三营镇,三营村,马一,\(Self.id(1)),,3,农村\n".write(to: households, atomically: true, encoding: .utf8)
        #expect(try await Binary.run(["import", "households.csv", "--db", "s.sqlite"], in: dir).status == 0)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("small"), withIntermediateDirectories: true)

        let huge = 100 * 1024 * 1024
        var bytes = Data("\(Self.header)\nH2,三营镇,".utf8)
        bytes.append(Data(repeating: UInt8(ascii: "a"), count: huge))
        bytes.append(Data(",马二,\(Self.id(2)),,2,农村\n".utf8))
        try bytes.write(to: households)
        // Measured after one refused import: opening the store to write takes one page the first time
        // (free again after), whatever the refusal; the huge cell must not add to it.
        let small = "\(Self.header)\nH2,三营镇,\(String(repeating: "a", count: 51)),马二,\(Self.id(2)),,2,农村\n"
        try small.write(to: dir.appendingPathComponent("small/households.csv"), atomically: true, encoding: .utf8)
        let warm = try await Binary.run(["import", "small/households.csv", "--db", "s.sqlite"], in: dir)
        #expect(warm.stderr.contains("households.csv:2: 村: 过长（51 字，最多 50 字）"))
        let before = Self.storeSize(dir)
        let refused = try await Binary.run(["import", "households.csv", "--db", "s.sqlite"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("households.csv:2: 村: 过长（\(huge) 字，最多 50 字）"), "\(refused.stderr.prefix(500))")
        #expect(refused.output.utf8.count < 2_000)
        #expect(Self.storeSize(dir) == before)
        #expect(try Self.households(dir.appendingPathComponent("s.sqlite").path) == ["H1 3"])
    }

    @Test func overLongCellsOfAWorkbookAreRefusedWithSheetAndRow() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await OfficeTools.python("""
            wb = openpyxl.Workbook()
            ws = wb.active; ws.title = "家庭"
            ws.append(["户编号", "乡镇", "村", "户主姓名", "户主身份证号", "联系电话", "家庭人口", "城乡"])
            ws.append(["H1", "三营镇", "村" * 51, "马一", "\(Self.id(1))", "", 3, "农村"])
            ws.append(["H2", "三营镇", "三营村", "马" * 31, "\(Self.id(2))", "", 2, "农村"])
            ws.append(["H3", "三营镇", "三营村", "马三", "\(Self.id(3))", "", 2, "农村"])
            wb.save("2026-10.xlsx")
            """, in: dir)
        let refused = try await Binary.run(["import", "2026-10.xlsx", "--db", "s.sqlite"], in: dir)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("2026-10.xlsx!家庭:2: 村: 过长（51 字，最多 50 字）"), "\(refused.stderr)")
        #expect(refused.stderr.contains("2026-10.xlsx!家庭:3: 户主姓名: 过长（31 字，最多 30 字）"))
        let status = try await Binary.run(["status", "--db", "s.sqlite", "--format", "json"], in: dir)
        #expect(!status.stdout.contains("\"rows\" : 1"))
    }

    /// The demo's trend reaches back 13 months from its first months (2024-11 …), into 2023.
    @Test func theDemosEarlyMonthsPublishWithThe2023And2024Calendars() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demo = try await Binary.run(["demo", "--households", "300", "--db", "s.sqlite", "--out", "data"], in: dir)
        #expect(demo.status == 0, "\(demo.output)")
        for month in ["2024-11", "2024-12", "2025-01"] {
            let published = try await Binary.run(["publish", "--month", month, "--db", "s.sqlite"], in: dir)
            #expect(published.status == 0, "\(month): \(published.output)")
            #expect(!published.output.contains("节假日安排"))
            #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("output/\(month)/manifest.json").path))
        }
    }
}
