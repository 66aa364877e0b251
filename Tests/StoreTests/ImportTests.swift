import Foundation
import GongkaiCore
import StoreTestSupport
import Testing
@testable import Store

@Suite struct ImportTests {
    @Test(arguments: TestBackend.allCases) func importsAValidSetAndKeepsRareNames(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let dir = try Fixtures.folder(Fixtures.all)
        defer { try? FileManager.default.removeItem(at: dir) }
        let summary = try Fixtures.importer(store).run(paths: [dir.path])
        #expect(summary.files.map(\.kind) == [.households, .enrolments, .payments, .staff, .complaints])
        #expect(summary.files.allSatisfy { $0.inserted == $0.rowsRead && $0.updated == 0 })
        #expect(summary.warnings.contains { $0.contains("'notes'") })
        #expect(try store.column("SELECT head_name FROM household WHERE household_id = 'H001'") == ["张𠮷祥"])
        #expect(try store.column("SELECT head_id_number FROM household WHERE household_id = 'H002'") == ["11010519491231002X"])
        // "1,635.00" and "1500.5" are exact fen.
        #expect(try store.column("SELECT amount_fen FROM enrolment ORDER BY household_id") == [163_500, 98_000, 150_050] as [Int64])
        #expect(try store.column("SELECT frequency FROM enrolment WHERE household_id = 'H003'") == ["one_off"])
        #expect(try store.column("SELECT start_month_index FROM enrolment WHERE household_id = 'H002'") == [2026 * 12])
        #expect(try store.column("SELECT status FROM complaint ORDER BY complaint_id") == ["办结", "受理"])
        // 2026-03-02 + 60 days = 2026-05-01, a holiday (5/1–5/5): the deadline moves to 2026-05-06.
        #expect(try store.column("SELECT due_on FROM complaint WHERE complaint_id = 'TS-202603-0001'") == ["2026-05-06"])
        #expect(try store.column("SELECT anonymous FROM complaint WHERE complaint_id = 'TS-202603-0002'") == [1])
        #expect(try store.column("SELECT COUNT(*) AS n FROM import_file") == [5])
    }

    @Test(arguments: TestBackend.allCases) func gb18030AndUTF8WithBOMImportIdentically(_ backend: TestBackend) async throws {
        let utf8Store = try await backend.store(), gbStore = try await backend.store()
        let bomDir = try Fixtures.folder(Fixtures.all) { [0xEF, 0xBB, 0xBF] + Array($0.utf8) }
        let gbDir = try Fixtures.folder(Fixtures.all) { TextDecoding.gb18030($0)! }
        defer { try? FileManager.default.removeItem(at: bomDir); try? FileManager.default.removeItem(at: gbDir) }
        let a = try Fixtures.importer(utf8Store).run(paths: [bomDir.path])
        let b = try Fixtures.importer(gbStore).run(paths: [gbDir.path])
        #expect(a.files.allSatisfy { $0.encoding == .utf8BOM })
        #expect(b.files.allSatisfy { $0.encoding == .gb18030 })
        #expect(try Fixtures.dump(utf8Store) == Fixtures.dump(gbStore))
        #expect(try Fixtures.dump(gbStore).contains { $0.contains("张𠮷祥") })
    }

    @Test(arguments: TestBackend.allCases) func refusesOtherEncodings(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let dir = try Fixtures.folder(["households.csv": Fixtures.households]) { [0xFF, 0xFE] + Array($0.utf8) }
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            try Fixtures.importer(store).run(paths: [dir.path])
        } throws: { error in
            "\(error)".contains("households.csv:1: 该文件是 UTF-16 LE")
        }
    }

    @Test(arguments: TestBackend.allCases) func reimportIsIdempotent(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let dir = try Fixtures.folder(Fixtures.all)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Fixtures.importer(store).run(paths: [dir.path])
        let before = try Fixtures.dump(store)
        let again = try Fixtures.importer(store).run(paths: [dir.path])
        #expect(again.files.allSatisfy { $0.inserted == 0 && $0.updated == 0 })
        #expect(try Fixtures.dump(store) == before)

        // A real change is an update, counted as such.
        var changed = Fixtures.all
        changed["households.csv"] = Fixtures.households.replacingOccurrences(of: "马海,640402198001010025,,2", with: "马海,640402198001010025,,4")
        let dir2 = try Fixtures.folder(changed)
        defer { try? FileManager.default.removeItem(at: dir2) }
        let third = try Fixtures.importer(store).run(paths: [dir2.path])
        #expect(third.files.first { $0.kind == .households }?.updated == 1)
    }

    @Test(arguments: TestBackend.allCases) func enrolmentsAndPaymentsFollowTheirHouseholdsTownship(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let dir = try Fixtures.folder(Fixtures.all)
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try Fixtures.importer(store).run(paths: [dir.path])
        let townships = { (table: String) in
            try store.column("SELECT DISTINCT township FROM \(table) WHERE household_id = 'H001'") as [String]
        }
        #expect(try townships("enrolment") == ["三营镇"])
        #expect(try townships("payment") == ["三营镇"])
        // H001 moves to 开城镇: its copies follow, whether or not its enrolments are imported again.
        let moved = try Fixtures.folder(["households.csv": Fixtures.households.replacingOccurrences(
            of: "H001,三营镇,三营村", with: "H001,开城镇,和泉村")])
        defer { try? FileManager.default.removeItem(at: moved) }
        _ = try Fixtures.importer(store).run(paths: [moved.path])
        #expect(try townships("enrolment") == ["开城镇"])
        #expect(try townships("payment") == ["开城镇"])
    }

    @Test(arguments: TestBackend.allCases) func malformedSetListsEveryErrorAndChangesNothing(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let good = try Fixtures.folder(Fixtures.all)
        defer { try? FileManager.default.removeItem(at: good) }
        _ = try Fixtures.importer(store).run(paths: [good.path])
        let before = try Fixtures.dump(store)

        let bad = try Fixtures.folder([
            "households.csv": """
            户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
            H010,三营镇,三营村,杨一,640402198001010018,,3,农村
            H011,三营镇,三营村,杨二,640402198001010017,,3
            H012,三营镇,三营村,杨三,640402198001010017,12345,3,农村
            """,
            "enrolments.csv": """
            户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
            H999,dibao,一类,1,500,按月,2026-01-05,2026-02-10,2026-03,,,
            H001,低保,一类,3,1635,按月,2026-02-30,2026-03-10,2026-04,,,
            H001,dibao,一类,3,1635,按月,2026-01-05,2026-03-10,2026-06,,,
            H002,救灾,,1,100,一次性,2026-01-05,2026-01-10,2026-02,,,
            H003,medical,,1,-5,一次性,2026-01-05,2026-01-10,2026-02,,,
            """,
        ])
        defer { try? FileManager.default.removeItem(at: bad) }
        var message = ""
        #expect(throws: InputErrors.self) {
            do { _ = try Fixtures.importer(store).run(paths: [bad.path]) } catch { message = "\(error)"; throw error }
        }
        let expected = [
            "households.csv:2: 户主身份证号: 身份证号校验码错误（应为 7）",
            "households.csv:3: 应与表头一样有 8 个字段，实际有 7 个",
            "households.csv:4: 联系电话: '12345' 不是手机号",
            "enrolments.csv:2: 户编号: 户 'H999' 既不在数据库中，也不在 households.csv 中",
            "enrolments.csv:3: 申请日期: '2026-02-30' 不是真实存在的日期",
            "enrolments.csv:4: 起始月份: 户 H001 在 2026-06 已有 dibao 保障记录（数据库中已有的保障记录）",
            "enrolments.csv:5: 救助项目: '救灾' 不是救助项目",
            "enrolments.csv:6: 金额: '-5': 金额不能为负数",
        ]
        for line in expected { #expect(message.contains(line), "missing: \(line)\n\(message)") }
        #expect(try Fixtures.dump(store) == before)
        #expect(try store.column("SELECT COUNT(*) AS n FROM import_run") == [1])
    }

    @Test(arguments: TestBackend.allCases) func duplicateRowsAreNamedInContractTermsOnceAndInLineOrder(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let dir = try Fixtures.folder([
            "households.csv": Fixtures.households,
            "enrolments.csv": """
            户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
            H001,dibao,一类,3,900,按月,2026-01-05,2026-02-10,2026-03,,,
            H001,dibao,一类,3,900,按月,2026-01-05,2026-02-10,2026-03,,,
            H002,五保,,1,900,按月,2026-01-05,2026-02-10,2026-03,,,
            """,
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        var message = ""
        #expect(throws: InputErrors.self) {
            do { _ = try Fixtures.importer(store).run(paths: [dir.path]) } catch { message = "\(error)"; throw error }
        }
        let lines = message.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(lines)")
        #expect(lines.first == "enrolments.csv:3: 户编号+救助项目+起始月份与第 2 行重复")
        #expect(lines.last?.hasPrefix("enrolments.csv:4: 救助项目: '五保' 不是救助项目") == true)
    }

    @Test(arguments: TestBackend.allCases) func missingRequiredColumnIsNamed(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let dir = try Fixtures.folder(["households.csv": "户编号,乡镇,村,户主姓名,家庭人口,城乡\nH1,a,b,c,1,农村\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect {
            try Fixtures.importer(store).run(paths: [dir.path])
        } throws: { error in
            "\(error)" == "households.csv:1: 户主身份证号: 缺少必需的列（列名为 '户主身份证号' 或 'head_id_number'）"
        }
    }
}
