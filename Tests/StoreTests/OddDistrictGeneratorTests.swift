import Foundation
import GRDB
import GongkaiCore
import Testing
@testable import DemoData
@testable import Store

/// The odd-district generator plants what it says, on every seed, and imports through the real importer.
@Suite struct OddDistrictGeneratorTests {
    static let end = YearMonth(year: 2026, month: 10)!

    static func district(_ seed: UInt64) throws -> OddDistrict {
        try OddDistrict(.init(endMonth: end, seed: seed, standards: try Fixtures.standards()))
    }

    @Test func sameSeedGivesIdenticalFilesAndOtherSeedsDiffer() throws {
        let a = try Self.district(7).generate(), b = try Self.district(7).generate()
        #expect(a.files.map(\.text) == b.files.map(\.text) && a.shape == b.shape)
        #expect(try Self.district(8).generate().files.map(\.text) != a.files.map(\.text))
        #expect(a.files.map(\.name) == ["households.csv", "enrolments.csv", "payments.csv", "services.csv", "staff.csv",
                                        "matches.csv", "complaints.csv"])
    }

    /// Imports one seed into a fresh store and checks each planted shape against the store.
    static func checkPlanted(seed: UInt64) throws -> OddDistrict.Shape {
        let (shape, files) = try district(seed).generate()
        let dir = try Fixtures.folder(Dictionary(uniqueKeysWithValues: files.map { ($0.name, $0.text) }))
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreDatabase()
        _ = try Fixtures.importer(store).run(paths: [dir.path])
        let end = shape.endMonth
        func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
            try store.read { try Int.fetchOne($0, sql: sql, arguments: arguments) ?? -1 }
        }

        #expect(try count("SELECT COUNT(*) FROM household WHERE township = ?", [shape.townshipWithoutRecipients]) > 0)
        #expect(try count("SELECT COUNT(*) FROM enrolment WHERE township = ?", [shape.townshipWithoutRecipients]) == 0)
        #expect(try count("SELECT COUNT(*) FROM household WHERE township = ?", [shape.singleHouseholdTownship]) == 1)
        #expect(try count("""
            SELECT COUNT(*) FROM (SELECT township, village FROM household GROUP BY township, village HAVING COUNT(*) = 1)
            """) >= shape.townships.count - 1)
        #expect(shape.townships.allSatisfy { Codelist.yuanzhouTownships.contains($0) })

        #expect(try count("SELECT COUNT(*) FROM payment WHERE month_index = ?", [shape.monthWithoutPayments.index]) == 0)
        #expect(try count("SELECT COUNT(*) FROM payment WHERE month_index = ?", [end.index]) > 0)
        #expect(shape.monthWithoutPayments >= shape.firstMonth && shape.monthWithoutPayments < end)

        let empty = shape.programmeWithoutRecipients
        #expect(try NoticeRecords.active(empty, month: end, in: store).isEmpty)
        #expect(try count("SELECT COUNT(*) FROM enrolment WHERE programme = ?", [empty.code]) > 0)

        let year = end.adding(months: -11).firstDay.dayNumber...end.lastDay.dayNumber
        #expect(try count("SELECT COUNT(*) FROM service WHERE service_type = ? AND started_day BETWEEN ? AND ?",
                          [shape.serviceTypeNeverEnded, year.lowerBound, year.upperBound]) > 0)
        #expect(try count("SELECT COUNT(*) FROM service WHERE service_type = ? AND ended_day BETWEEN ? AND ?",
                          [shape.serviceTypeNeverEnded, year.lowerBound, year.upperBound]) == 0)

        // The odd names reach the month's 低保 notice.
        let names = try NoticeRecords.active(.dibao, month: end, in: store).map(\.headName)
        #expect(names.contains { $0.count == 1 })
        #expect(names.contains { $0.count >= 6 })
        #expect(names.contains { $0.unicodeScalars.contains { (0x20000...0x2A6DF).contains($0.value) } })

        let years = Set(try store.read { try String.fetchAll($0, sql: "SELECT substr(received_at, 1, 4) FROM complaint") })
        #expect(years.isSuperset(of: ["2024", "2027"]))
        if shape.allComplaintsOpen { #expect(try count("SELECT COUNT(*) FROM complaint WHERE closed_at IS NOT NULL") == 0) }
        #expect((try count("SELECT COUNT(*) FROM staff") > 0) == shape.hasStaff)
        #expect((try count("SELECT COUNT(*) FROM data_match") > 0) == shape.hasMatches)
        return shape
    }

    @Test func everySeedPlantsItsShapesAndImports() throws {
        let shapes = try (1...20).map { try Self.checkPlanted(seed: $0) }
        // Across the 20 seeds of `make test`, every variant occurs.
        #expect(Set(shapes.map(\.programmeWithoutRecipients)) == [.tekun, .employment])
        #expect(Set(shapes.map(\.allComplaintsOpen)) == [true, false])
        #expect(Set(shapes.map(\.hasStaff)) == [true, false] && Set(shapes.map(\.hasMatches)) == [true, false])
        #expect(Set(shapes.map { $0.endMonth.index - $0.firstMonth.index }).count > 5)
    }
}
