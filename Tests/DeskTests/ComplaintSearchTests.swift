import Desk
import Foundation
import GongkaiCore
import GRDB
@testable import Store
import StoreTestSupport
import Testing

/// Full-text search over summaries and reply notes (issue 13, item 3).
@Suite struct ComplaintSearchTests {
    /// Three complaints: one replied to with a note, one whose caller's name is the searched word.
    static func fixture(_ backend: TestBackend) async throws -> DeskFixture {
        let f = try await DeskFixture(backend)
        var random = SystemRandomNumberGenerator()
        let desk = f.at("2026-10-08 10:00")
        for (summary, caller, category) in [("9月低保金未到账", "王小二", "发放时限"), ("Dibao card lost 50%_off", "李四", "其他"),
                                            ("门前道路积水", "低保金", "其他")] {
            _ = try desk.add(ComplaintIntake(receivedAt: "2026-10-08 09:00", channel: "监督电话", type: "投诉", category: category,
                                             summary: summary, callerName: caller),
                             by: .account(f.centre), issuePIN: false, source: "test", random: &random)
        }
        try f.step("2026-10-08 10:00", .accept, "TS-202610-0003")
        try f.step("2026-10-08 10:00", .reply, "TS-202610-0003", .init(note: "已联系乡镇排水，特困户优先"))
        return f
    }

    @Test(arguments: TestBackend.allCases) func summariesAndReplyNotesAreFoundButNeverTheCaller(_ backend: TestBackend) async throws {
        let f = try await Self.fixture(backend)
        let store = f.store
        #expect(try store.complaintIds(containing: "低保金") == ["TS-202610-0001"], "the caller named 低保金 is not found")
        #expect(try store.complaintIds(containing: "乡镇排水") == ["TS-202610-0003"], "a reply's note")
        #expect(try store.complaintIds(containing: "dibao CARD") == ["TS-202610-0002"], "Latin letters in any case")
        #expect(try store.complaintIds(containing: "王小二").isEmpty && (try store.complaintIds(containing: "李四")).isEmpty)
        #expect(try store.complaintIds(containing: "  ").isEmpty)
        #expect(try store.complaintIds(containing: "\"低保\" OR x").isEmpty, "FTS syntax is matched as text, not run")
    }

    @Test(arguments: TestBackend.allCases) func oneAndTwoCharacterQueriesFallBackToLike(_ backend: TestBackend) async throws {
        let f = try await Self.fixture(backend)
        let store = f.store
        #expect(try store.complaintIds(containing: "低保") == ["TS-202610-0001"], "two CJK characters (trigram cannot)")
        #expect(try store.complaintIds(containing: "特困") == ["TS-202610-0003"], "in a reply's note")
        #expect(try store.complaintIds(containing: "水") == ["TS-202610-0003"])
        #expect(try store.complaintIds(containing: "%") == ["TS-202610-0002"], "a wildcard is matched literally")
        #expect(try store.complaintIds(containing: "_o") == ["TS-202610-0002"])
        #expect(try store.complaintIds(containing: "保").count == 1)
    }

    @Test(arguments: TestBackend.allCases) func theSearchCombinesWithTheQueueAndFilters(_ backend: TestBackend) async throws {
        let f = try await Self.fixture(backend)
        let desk = f.at("2026-10-09 10:00")
        var query = ComplaintQuery()
        query.search = "积水"
        #expect(try desk.complaints(query).map(\.id) == ["TS-202610-0003"])
        query.category = "发放时限"
        #expect(try desk.complaints(query).isEmpty)
        query = ComplaintQuery()
        query.queue = .callback
        query.search = "积水"
        #expect(try desk.complaints(query).map(\.id) == ["TS-202610-0003"], "replied, waiting for the callback")
        query.search = "到账"
        #expect(try desk.complaints(query).isEmpty)
        #expect(try desk.list(.init(search: "到账")).map(\.id) == ["TS-202610-0001"])
    }

    @Test(arguments: TestBackend.allCases) func anImportedSummaryChangeIsReindexed(_ backend: TestBackend) async throws {
        let f = try await Self.fixture(backend)
        try f.sql("UPDATE complaint SET summary = '医疗救助报销' WHERE complaint_id = 'TS-202610-0001'")
        #expect(try f.store.complaintIds(containing: "低保金").isEmpty)
        #expect(try f.store.complaintIds(containing: "救助报销") == ["TS-202610-0001"])
    }

    @Test func theMigrationIndexesWhatIsAlreadyThere() throws {
        let queue = try DatabaseQueue()
        try StoreDatabase.migrator.migrate(queue, upTo: "v6-payment-standards")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO complaint (complaint_id, received_at, received_day, received_month_index, channel, type, category, summary, status)
                VALUES ('TS-202601-0001', '2026-01-05 09:00', 20458, 24312, '来信', '投诉', '其他', '冬季取暖补贴未发', '答复');
                INSERT INTO complaint_event (complaint_id, at, handler, action, from_state, to_state, note)
                VALUES ('TS-202601-0001', '2026-01-06T01:00:00Z', '马丽', 'reply', '办理中', '答复', '已协调民政办发放');
                """)
        }
        try StoreDatabase.migrator.migrate(queue)
        let found = try queue.read { db in
            try String.fetchAll(db, sql: "SELECT kind FROM complaint_search WHERE complaint_search MATCH '\"取暖补贴\" OR \"民政办\"' ORDER BY kind")
        }
        #expect(found == ["reply", "summary"])
    }
}
