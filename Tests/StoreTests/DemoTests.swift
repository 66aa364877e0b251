import GRDB
import Foundation
import GongkaiCore
import Testing
@testable import DemoData
@testable import Store

@Suite struct DemoTests {
    @Test func sameSeedGivesIdenticalFilesAndOtherSeedsDiffer() throws {
        let options = YuanzhouDemo.Options(households: 400, standards: try Fixtures.standards())
        let a = try YuanzhouDemo(options).generate(), b = try YuanzhouDemo(options).generate()
        #expect(a.map(\.text) == b.map(\.text))
        var other = options
        other.seed = 7
        #expect(try YuanzhouDemo(other).generate().map(\.text) != a.map(\.text))
    }

    @Test func demoImportsThroughTheRealImporter() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try YuanzhouDemo(.init(households: 600, standards: try Fixtures.standards())).write(to: dir)
        let store = try StoreDatabase()
        let summary = try Fixtures.importer(store).run(paths: [dir.path])
        #expect(summary.files.count == 7)
        let counts = Dictionary(uniqueKeysWithValues: summary.files.map { ($0.kind, $0.inserted) })
        #expect(counts[.households] == 600)
        #expect(counts[.staff] == 18)
        #expect((counts[.complaints] ?? 0) > 24 * 6 * 8 / 10 - 1)
        // 低保 is the largest programme, and every programme appears.
        let perProgramme = try store.read { db in
            try [String: Int](uniqueKeysWithValues: Row.fetchAll(db, sql: "SELECT programme, COUNT(*) FROM enrolment GROUP BY programme")
                .map { ($0[0], $0[1]) })
        }
        #expect(Set(perProgramme.keys) == Set(Programme.allCases.map(\.code)))
        #expect(perProgramme["dibao"]! > perProgramme.filter { $0.key != "dibao" }.values.max()!)
    }
}
