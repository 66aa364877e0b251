import GongkaiCore
import StoreTestSupport
import Testing
@testable import Desk

/// Issue 28: a queue page reads only a row's columns (`ComplaintDesk.listing`). Every queue, order
/// and page must list the same complaints with the same values, lights and 签收超期 marks as the
/// whole views do.
@Suite struct ComplaintListingTests {
    @Test(arguments: TestBackend.allCases) func aListingShowsWhatTheWholeViewShows(_ backend: TestBackend) async throws {
        let (f, ids) = try await DeskCountsTests.fixture(backend)
        try f.step("2026-10-09 10:00", .transfer, ids[8], .init(unit: "三营镇民政办"))
        try f.step("2026-10-10 10:00", .urge, ids[8], .init(note: "请尽快签收"))
        for now in ["2026-10-12 09:30", "2026-11-05 09:30"] {
            let desk = f.at(now)
            let today = desk.clock.today
            var compared = 0
            for queue in [nil] + ComplaintQueue.allCases.map(Optional.some) {
                for order in ComplaintQuery.Order.allCases {
                    var query = ComplaintQuery(); query.queue = queue; query.order = order; query.person = "李明"
                    for page in 1...3 {
                        let views = try desk.complaints(query, page: page, size: 5)
                        let rows = try desk.listing(query, page: page, size: 5)
                        #expect(rows.total == views.total)
                        #expect(rows.page.map(\.id) == views.page.map(\.id), "\(now) \(queue?.rawValue ?? "all") \(order) \(page)")
                        for (row, view) in zip(rows.page, views.page) {
                            #expect(row.receivedAt == view.receivedAt && row.receivedOn == view.receivedOn && row.status == view.status
                                    && row.type == view.type && row.category == view.category && row.channel == view.channel
                                    && row.summary == view.summary && row.programme == view.programme && row.township == view.township
                                    && row.dueText == view.dueText && row.assignedHandler == view.assignedHandler
                                    && row.pausedOn == view.pausedOn && row.urgedOn == view.urgedOn, "\(row.id)")
                            #expect(row.light(on: today, schedule: f.schedule) == view.light(on: today, schedule: f.schedule), "\(row.id)")
                            #expect(row.isSignOverdue(on: today, schedule: f.schedule) == view.isSignOverdue(on: today, schedule: f.schedule))
                            compared += 1
                        }
                    }
                }
            }
            #expect(compared > 50, "\(now): \(compared) rows compared")
        }
        let signedLate = try f.at("2026-11-05 09:30").listing(ComplaintQuery(), page: 1, size: 50).page
        #expect(signedLate.contains { $0.isSignOverdue(on: CivilDate(year: 2026, month: 11, day: 5)!, schedule: f.schedule) && $0.urgedOn != nil })
    }
}
