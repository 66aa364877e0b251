import Foundation
import GongkaiCore
import Testing
@testable import Store

/// Limits at the door (issue 21): every column of the contract has a most number of characters, and
/// a longer cell is refused at its file, line and column with its length, before any other check.
@Suite struct ImportLimitsTests {
    func refusal(_ files: [String: String], into store: StoreDatabase) throws -> [String] {
        let dir = try Fixtures.folder(files)
        defer { try? FileManager.default.removeItem(at: dir) }
        return try Fixtures.refusal(dir, into: store).map(\.description)
    }

    @Test func everyColumnOfTheContractHasALimit() {
        for kind in ImportKind.allCases {
            for column in kind.columns { #expect(column.limit.characters >= 20, "\(kind).\(column.english)") }
        }
        let households = ImportKind.households.columns
        #expect(households.first { $0.english == "village" }?.limit.characters == 50)
        #expect(households.first { $0.english == "head_name" }?.limit.characters == 30)
        #expect(ImportKind.complaints.columns.first { $0.english == "summary" }?.limit.characters == 2_000)
    }

    @Test func overLongCellsAreRefusedWithTheirPlaceAndLengthAndNothingIsImported() throws {
        let store = try StoreDatabase()
        let village = String(repeating: "村", count: 51)
        let name = String(repeating: "马", count: 31)
        let households = Fixtures.households
            .replacingOccurrences(of: "H001,三营镇,三营村,", with: "H001,三营镇,\(village),")
            .replacingOccurrences(of: "H002,南关街道,西城社区,阿依古丽·买买提", with: "H002,南关街道,西城社区,\(name)")
        let summary = "反映" + String(repeating: "救助金未到账。", count: 300)  // 2,102 characters
        let complaints = Fixtures.complaints.replacingOccurrences(of: "反映救助金未按时到账", with: summary)
        #expect(try refusal(["households.csv": households, "complaints.csv": complaints], into: store) == [
            "households.csv:2: 村: 过长（51 字，最多 50 字）",
            "households.csv:3: 户主姓名: 过长（31 字，最多 30 字）",
            "complaints.csv:2: 内容: 过长（2102 字，最多 2000 字）",
        ])
        #expect(try Fixtures.dump(store) == [])
    }

    @Test func aCellOfExactlyTheLimitIsAccepted() throws {
        let store = try StoreDatabase()
        let households = Fixtures.households
            .replacingOccurrences(of: "H001,三营镇,三营村,张𠮷祥", with: "H001,三营镇,\(String(repeating: "村", count: 50)),\(String(repeating: "𠮷", count: 30))")
        #expect(try refusal(Fixtures.all.merging(["households.csv": households]) { $1 }, into: store) == [])
    }

    /// A cell far beyond any limit (10 MB of one character) is one short error that does not quote it.
    @Test func aHugeCellIsOneShortError() throws {
        let store = try StoreDatabase()
        let huge = String(repeating: "a", count: 10_000_000)
        let errors = try refusal(["households.csv": Fixtures.households.replacingOccurrences(of: "三营村", with: huge)], into: store)
        #expect(errors == ["households.csv:2: 村: 过长（10000000 字，最多 50 字）"])
        #expect(try Fixtures.dump(store) == [])
    }
}
