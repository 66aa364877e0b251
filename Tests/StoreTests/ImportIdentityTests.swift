import Foundation
import GongkaiCore
import StoreTestSupport
import Testing
@testable import Store

/// One person, one household (issue 21): household keys and ID numbers are normalised at the door in
/// every table, and one ID number heading two households is refused with both keys and both lines.
@Suite struct ImportIdentityTests {
    static let header = "户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡"

    /// A valid ID number of 原州区 whose sequence code is `n` (1…999).
    static func id(_ n: Int) -> String {
        let body = "64040219800101" + String(format: "%03d", n)
        return body + String(IDNumber.checkCharacter(for: Array(body.utf8)))
    }

    /// The errors of importing `files` into `store`, as printed; [] when accepted.
    func refusal(_ files: [String: String], into store: StoreDatabase) throws -> [String] {
        let dir = try Fixtures.folder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try Fixtures.refusal(dir, into: store).map(\.description)
    }

    func households(_ store: StoreDatabase) throws -> [String] {
        try store.column("SELECT household_id || ' ' || head_id_number AS line FROM household ORDER BY 1")
    }

    @Test(arguments: TestBackend.allCases) func theFourSpellingsOfOneKeyAreOneHousehold(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let spellings = ["YZ0000005", "ＹＺ0000005", "yz0000005", "YZ0000005\u{200B}"]
        // The household exported four times, each time spelled differently: still one household.
        for (n, key) in spellings.enumerated() {
            let row = "\(key),三营镇,三营村,马海,\(Self.id(5)),,\(n + 1),农村"
            #expect(try refusal(["households.csv": Self.header + "\n" + row + "\n"], into: store) == [])
        }
        #expect(try households(store) == ["YZ0000005 \(Self.id(5))"])
        #expect(try store.column("SELECT household_size FROM household") == [4])

        // Every other table refers to it by any spelling.
        let payments = ["户编号,救助项目,所属月份,金额,发放日期"] + spellings.enumerated().map { n, key in
            "\(key),dibao,2026-0\(n + 1),500.00,2026-0\(n + 1)-15"
        }
        #expect(try refusal(["payments.csv": payments.joined(separator: "\n")], into: store) == [])
        #expect(try store.column("SELECT DISTINCT household_id FROM payment") == ["YZ0000005"])
        #expect(try store.column("SELECT COUNT(*) AS n FROM payment") == [4])

        // In one file the four spellings are one key four times: refused as such, not three households.
        let fresh = try await backend.store()
        let rows = spellings.map { "\($0),三营镇,三营村,马海,\(Self.id(5)),,1,农村" }
        #expect(try refusal(["households.csv": ([Self.header] + rows).joined(separator: "\n")], into: fresh) == [
            "households.csv:3: 户编号与第 2 行重复",
            "households.csv:4: 户编号与第 2 行重复",
            "households.csv:5: 户编号与第 2 行重复",
        ])
        #expect(try households(fresh) == [])
    }

    @Test(arguments: TestBackend.allCases) func aKeyTypedAtIntakeInAnySpellingFindsTheHousehold(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        #expect(try refusal(["households.csv": Self.header + "\nYZ0000005,三营镇,三营村,马五,\(Self.id(5)),,2,农村\n"], into: store) == [])
        for typed in ["YZ0000005", "ＹＺ0000005", "yz00000", "ｙｚ0000005\u{200B}"] {
            #expect(try store.households(.number(typed), monthIndex: 0).matches.map(\.householdId) == ["YZ0000005"], "\(typed)")
        }
    }

    @Test(arguments: TestBackend.allCases) func anIDNumberIsNormalisedLikeAKey(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        // Full-width digits, a zero-width space after the region code and a word joiner at the end.
        let id = Self.id(7)
        let typed = id.prefix(6).replacingOccurrences(of: "6", with: "６") + "\u{200B}" + id.dropFirst(6) + "\u{2060}"
        #expect(try refusal(["households.csv": Self.header + "\nH7,三营镇,三营村,马七,\(typed),,1,农村\n"], into: store) == [])
        #expect(try households(store) == ["H7 \(Self.id(7))"])
    }

    @Test(arguments: TestBackend.allCases) func oneIDNumberHeadingTwoHouseholdsInOneImportIsRefusedWithBothKeysAndLines(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let files = ["households.csv": """
            \(Self.header)
            YZ0000001,三营镇,三营村,马一,\(Self.id(1)),,3,农村
            YZ0000002,三营镇,三营村,马二,\(Self.id(2)),,2,农村
            YZ0000003,开城镇,和泉村,马一,\(Self.id(1).lowercased()),,1,农村
            """]
        #expect(try refusal(files, into: store) == [
            "households.csv:4: 户主身份证号: 同一身份证号出现在多户：本行户 YZ0000003 的户主身份证号与第 2 行户 YZ0000001 的户主相同；一人只能是一户的户主，请核对这两行",
        ])
        #expect(try households(store) == [])
    }

    @Test(arguments: TestBackend.allCases) func anIDNumberAlreadyHeadingAStoredHouseholdIsRefusedUnlessThatHouseholdChangesItsHead(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        #expect(try refusal(["households.csv": "\(Self.header)\nH1,三营镇,三营村,马一,\(Self.id(1)),,3,农村\n"], into: store) == [])
        let before = try Fixtures.dump(store)

        // 马一 heads a second household, under another key: refused, naming the stored household.
        let moved = "H2,开城镇,和泉村,马一,\(Self.id(1)),,1,农村"
        #expect(try refusal(["households.csv": "\(Self.header)\n\(moved)\n"], into: store) == [
            "households.csv:2: 户主身份证号: 同一身份证号出现在多户：本行户 H2 的户主身份证号已是库中户 H1 的户主；一人只能是一户的户主。如户主已迁入本户，请在本次导入中同时提供户 H1 变更户主后的一行",
        ])
        #expect(try Fixtures.dump(store) == before)

        // A person who really moved: the same import gives H1 its new head, and both are accepted.
        let newHead = "H1,三营镇,三营村,马一之妻,\(Self.id(9)),,2,农村"
        #expect(try refusal(["households.csv": "\(Self.header)\n\(newHead)\n\(moved)\n"], into: store) == [])
        #expect(try households(store) == ["H1 \(Self.id(9))", "H2 \(Self.id(1))"])
    }

    @Test(arguments: TestBackend.allCases) func aKeyOutsideTheOfficesPatternIsRefusedAtItsLine(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let files = ["households.csv": """
            \(Self.header)
            YZ0000001,三营镇,三营村,马一,\(Self.id(1)),,3,农村
            马一家,三营镇,三营村,马二,\(Self.id(2)),,2,农村
            H 3,三营镇,三营村,马三,\(Self.id(3)),,2,农村
            """]
        #expect(try refusal(files, into: store) == [
            "households.csv:3: 户编号: '马一家' 不符合户编号格式 ^[!-~]{1,32}$（templates/office.toml 的 [import] household_key_pattern）：请核对本行户编号",
            "households.csv:4: 户编号: 'H 3' 不符合户编号格式 ^[!-~]{1,32}$（templates/office.toml 的 [import] household_key_pattern）：请核对本行户编号",
        ])

        // An office with a stricter form sets it in office.toml.
        let strict = try ImportSettings.parse("[import]\nhousehold_key_pattern = \"^[A-Z]{2}[0-9]{7}$\"\n", file: "office.toml")
        let importer = Importer(store: store, clock: Fixtures.importer(store).clock, schedule: Fixtures.schedule, settings: strict)
        let dir = try Fixtures.folder(["households.csv": "\(Self.header)\nH1,三营镇,三营村,马一,\(Self.id(1)),,3,农村\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(throws: InputErrors.self) { try importer.run(paths: [dir.path]) }
        #expect(try households(store) == [])
    }

    @Test func theShippedOfficeSettingsAcceptTheDemosAndTheContractsKeys() throws {
        let shipped = try ImportSettings.load(templates: Fixtures.templates)
        for key in ["YZ0000001", "YZ0012000", "OD0001", "H001", "H1", "PL0001", "SY0001", "640402-101-0001", "|"] {
            #expect(shipped.householdKeyPattern.matches(key), "\(key)")
        }
        #expect(ImportSettings.standard.householdKeyPattern.source == shipped.householdKeyPattern.source)
        #expect(throws: InputError.self) { try ImportSettings.parse("[import]\nhousehold_key_pattern = \"[A-\"\n", file: "office.toml") }
        #expect(try ImportSettings.parse("[office]\nname = \"x\"\n", file: "office.toml").householdKeyPattern.source
                == HouseholdKeyPattern.standard.source)
    }
}
