import Desk
import Foundation
import GongkaiCore
import StoreTestSupport
import Testing

/// Issue 23, item 6: each desk figure is named by its definition (docs/desk.md, "统计口径") and equals
/// what the matching queue or rule counts on the same store — the statistics page once said 超期 108
/// where the 超期 queue said 44, counting at the end of a month not over yet.
@Suite struct StatisticsDefinitionTests {
    /// Twelve complaints received every four days from 2026-07-20; each accepted the day after; every
    /// fourth (anonymous) replied to and closed on 2026-10-12, late or on time as its deadline falls;
    /// the sixth paused on 2026-10-10; the eighth transferred and urged twice; the rest open. Only what happened up to `until` is recorded.
    static func fixture(_ backend: TestBackend, until: String = "2026-10-20 10:00") async throws -> (DeskFixture, [String]) {
        let f = try await DeskFixture(backend)
        var ids: [String] = []
        let first = try #require(CivilDate(parsing: "2026-07-20"))
        for i in 0..<12 {
            let day = first.adding(days: 4 * i)
            let id = try f.add("\(day) 10:00", "投诉", "发放时限", township: "三营镇", anonymous: i % 4 == 0).id
            try f.step("\(day.adding(days: 1)) 09:00", .accept, id)
            if i % 4 == 0, until >= "2026-10-12 10:00" {
                try f.step("2026-10-12 09:00", .reply, id, .init(note: "已答复"))
                try f.step("2026-10-12 10:00", .close, id)
            }
            // The eighth is transferred and urged twice in October: 催办次数 2.
            if i == 7, until >= "2026-10-19 09:00" {
                try f.step("2026-10-15 09:00", .transfer, id, .init(unit: "三营镇民政办"))
                try f.step("2026-10-16 09:00", .urge, id, .init(reason: "请尽快签收"))
                try f.step("2026-10-19 09:00", .urge, id, .init(reason: "再次催办"))
            }
            if i == 5, until >= "2026-10-10 09:00" { try f.step("2026-10-10 09:00", .pause, id, .init(reason: "等待材料")) }
            ids.append(id)
        }
        return (f, ids)
    }

    static func value(_ s: ComplaintStatistics, _ item: String) -> String? { s.rows.first { $0.item == item }?.value }

    @Test(arguments: TestBackend.allCases) func theMonthInProgressCountsAsItsQueuesDo(_ backend: TestBackend) async throws {
        let (f, _) = try await Self.fixture(backend)
        let desk = f.at("2026-10-20 10:00")
        let today = try #require(CivilDate(parsing: "2026-10-20"))
        let october = try #require(YearMonth(parsing: "2026-10"))
        let s = try desk.statistics(month: october)
        let all = try desk.complaints(ComplaintQuery())
        // The fixture holds what told the two counts apart: open, running, due later this month.
        #expect(all.contains { $0.status.isOpen && $0.pausedOn == nil && ($0.due.map { $0 >= today && $0 < october.lastDay } ?? false) })
        #expect(s.isInProgress && s.cutOff == today)
        func queue(_ q: ComplaintQueue) throws -> Int {
            var query = ComplaintQuery()
            query.queue = q
            return try desk.count(query)
        }
        let overdue = try queue(.overdue)
        #expect(overdue > 0 && s.overdueAtMonthEnd == overdue && Self.value(s, "当前超期") == String(overdue))
        #expect(Self.value(s, "月末超期") == nil, "a month not over has no month-end count")
        let open = all.filter(\.status.isOpen).count
        #expect(s.openAtMonthEnd == open && Self.value(s, "当前未办结") == String(open))
        // 办结量, 按期办结, 超期办结: the 已办结 queue's complaints closed this month, by their deadline.
        var closedQuery = ComplaintQuery()
        closedQuery.queue = .closed
        let closed = try desk.complaints(closedQuery).filter { $0.closedOn.map { $0.yearMonth == october } ?? false }
        let late = closed.filter { c in c.closedOn.flatMap { day in c.due.map { day > $0 } } ?? false }.count
        #expect(closed.count == 3 && late > 0 && late < 3, "the fixture closes some late, some on time")
        #expect(Self.value(s, "办结量") == "3" && Self.value(s, "超期办结") == String(late)
                && Self.value(s, "按期办结") == String(3 - late))
        var receivedQuery = ComplaintQuery()
        receivedQuery.receivedFrom = october.firstDay
        receivedQuery.receivedThrough = october.lastDay
        let received = try desk.count(receivedQuery)
        #expect(Self.value(s, "受理量") == String(received))
        #expect(Self.value(s, "催办次数") == "2", "two urges of one complaint count twice")
    }

    /// On a month's last day its end counts are the month's (月末), and 月末超期 is the 超期 queue's.
    @Test(arguments: TestBackend.allCases) func aMonthOverCountsAtItsLastDay(_ backend: TestBackend) async throws {
        let (f, _) = try await Self.fixture(backend, until: "2026-09-30 18:00")
        let desk = f.at("2026-09-30 18:00")
        let s = try desk.statistics(month: try #require(YearMonth(parsing: "2026-09")))
        var query = ComplaintQuery()
        query.queue = .overdue
        let overdue = try desk.count(query)
        #expect(overdue > 0 && !s.isInProgress && Self.value(s, "月末超期") == String(overdue) && Self.value(s, "当前超期") == nil)
    }

    /// Every figure the rows name outside the breakdowns has its definition, and docs/desk.md's table
    /// says the same as the code, word for word.
    @Test(arguments: TestBackend.allCases) func everyFigureIsDefinedAndTheDocumentAgrees(_ backend: TestBackend) async throws {
        let (f, _) = try await Self.fixture(backend)
        let defined = Set(ComplaintStatistics.definitions.map(\.item))
        for month in ["2026-09", "2026-10"] {
            let s = try f.at("2026-10-20 10:00").statistics(month: try #require(YearMonth(parsing: month)))
            for row in s.rows where !row.section.hasPrefix("受理量按") {
                #expect(defined.contains(row.item), "\(row.item) has no definition")
            }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent("docs/desk.md"), encoding: .utf8)
        let section = try #require(text.range(of: "### 统计口径")).upperBound
        let rows = text[section...].split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| 项目") }
            .map { line in line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(rows.map { "\($0[0])：\($0[1])" } == ComplaintStatistics.definitions.map { "\($0.item)：\($0.definition)" })
    }
}
