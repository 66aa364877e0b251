import Foundation
import GongkaiCore
import StoreTestSupport
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

    @Test(arguments: TestBackend.allCases) func demoImportsThroughTheRealImporter(_ backend: TestBackend) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-demo-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try YuanzhouDemo(.init(households: 600, standards: try Fixtures.standards())).write(to: dir)
        let store = try await backend.store()
        let summary = try Fixtures.importer(store).run(paths: [dir.path])
        #expect(summary.files.count == 7)
        let counts = Dictionary(uniqueKeysWithValues: summary.files.map { ($0.kind, $0.inserted) })
        #expect(counts[.households] == 600)
        #expect(counts[.staff] == 18)
        #expect((counts[.complaints] ?? 0) > 24 * 6 * 8 / 10 - 1)
        // 低保 is the largest programme, and every programme appears.
        let perProgramme = try store.session(readOnly: true) { session in
            try [String: Int](uniqueKeysWithValues: session.rows("SELECT programme, COUNT(*) AS n FROM enrolment GROUP BY programme")
                .map { ($0.value("programme", or: ""), $0.value("n", or: 0)) })
        }
        #expect(Set(perProgramme.keys) == Set(Programme.allCases.map(\.code)))
        #expect(perProgramme["dibao"]! > perProgramme.filter { $0.key != "dibao" }.values.max()!)
    }
}
