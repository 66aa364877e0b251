import DemoData
import Foundation
import GongkaiCore
import StoreTestSupport
import Testing
@testable import Store

/// Data matching gives the same values, in the same order, from SQLite and from PostgreSQL: the run's
/// summary, the worksheet, the results read back, what the store holds of the lists, and the loop.
@Suite struct MatchingBackendsTests {
    /// Everything matching returns for the hand-made district's month, as text to compare whole.
    func walkThrough(_ backend: TestBackend) async throws -> [String] {
        let (store, lists) = try await MatchingTests.district(backend)
        defer { try? FileManager.default.removeItem(at: lists) }
        let imported = try MatchingTests.importLists([lists.path], into: store)
        let run = try MatchingTests.run(store, settings: MatchingSettings(keepListsDays: 10))
        let sheet = try MatchWorksheet.rows(batch: MatchingTests.batch, in: store)
        // The verifiers confirm the vehicle and the death, find the pension untrue, and note the student.
        let verdicts = ["tekun-vehicle": "属实,2026-11-20,已核实", "death-before-month": "属实,2026-11-05,",
                        "dibao-pension-above": "不属实,2026-11-30,待遇已调整", "student-without-education-aid": ",,下周入户"]
        var worksheet = "比对批次,户编号,比对事项,核查结果,处理日期,说明\n"
        for row in sheet { worksheet += "\(row.batch),\(row.householdID),\(row.finding),\(verdicts[row.ruleID ?? ""] ?? ",,")\n" }
        let folder = try Fixtures.folder(["核查表.csv": worksheet])
        defer { try? FileManager.default.removeItem(at: folder) }
        let results = try MatchResultsReader(store: store, workbooks: nil).run(paths: [folder.appendingPathComponent("核查表.csv").path])
        let again = try MatchResultsReader(store: store, workbooks: nil).run(paths: [folder.appendingPathComponent("核查表.csv").path])
        let loop = try ReportAggregates.matchingLoop(pushedIn: try #require(YearMonth(year: 2026, month: 11)), calendar: Fixtures.schedule.calendar, in: store)
        #expect(loop.reduce(0) { $0 + $1.pushed } == MatchingDistrict.expected.count, "\(backend)")
        #expect(loop.reduce(0) { $0 + $1.confirmed } == 2, "\(backend)")
        return imported.files.map { "import \($0.list) \($0.fileName) \($0.rows) \($0.replaced)" }
            + run.rules.map { "rule \($0.rule) \($0.department) \($0.written) \($0.alreadyThere)" }
            + run.rowsRead.sorted { $0.key.rawValue < $1.key.rawValue }.map { "read \($0.key) \($0.value)" }
            + ["run \(run.unusedLists) \(run.unknownMonitoredHeads) \(run.rowsDeleted) \(run.keptUntil?.description ?? "-")"]
            + sheet.map { "sheet \($0)" }
            + ["results \(results.updated) \(results.unchanged) / \(again.updated) \(again.unchanged)"]
            + (try MatchWorksheet.rows(batch: MatchingTests.batch, in: store)).map { "after \($0)" }
            + (try DepartmentListHoldings.read(from: store)).lists.map { "held \($0)" }
            + loop.map { "loop \($0)" }
    }

    @Test func bothDatabasesGiveTheSameResultsInTheSameOrder() async throws {
        let sqlite = try await walkThrough(.sqlite)
        let postgres = try await walkThrough(.postgres)
        #expect(sqlite.count > 20)
        #expect(sqlite.contains { $0.hasPrefix("after ") && $0.contains("已核实") })
        #expect(postgres == sqlite)
    }

    /// 家庭人口 against members.csv's rows, counted by the store on either database.
    @Test(arguments: TestBackend.allCases) func memberCountsDifferingFromTheHouseholdSizeAreListed(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        try OfficeSeed.load(MatchingDistrict.officeFiles, into: store, backend: backend)
        let none = try store.session(readOnly: true) { try MemberCountDifference.all(in: $0) }
        #expect(none.isEmpty)
        try store.session(readOnly: false) { s in
            try s.execute("UPDATE household SET household_size = household_size + 1 WHERE household_id IN ('H2', 'H1')")
        }
        let differences = try store.session(readOnly: true) { try MemberCountDifference.all(in: $0) }
        #expect(differences.map(\.householdID) == ["H1", "H2"])
        #expect(differences.allSatisfy { $0.householdSize == $0.members + 1 })
    }
}
