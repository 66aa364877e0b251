import Desk
import GongkaiCore
import Store
import StoreTestSupport
import Testing

/// The queues are one SQL statement each (`ComplaintQuery.selection`, so that a page of a desk of
/// 100,000 complaints reads 50 rows); the answer — rows, order, count, pages — must be exactly what
/// every complaint filtered and sorted one by one, by the rules written out here, gives.
@Suite struct ComplaintQueryTests {
    /// The queue's rule for one complaint, as the desk's tabs are described to its users.
    static func holds(_ queue: ComplaintQueue, _ v: ComplaintView, person: String, today: CivilDate, schedule: ComplaintSchedule) -> Bool {
        switch queue {
        case .urged: v.status.isOpen && v.urgedOn != nil
        case .mine: v.status.isOpen && v.assignedHandler == person
        case .unsigned: v.status == .transferred
        case .due: v.light(on: today, schedule: schedule) == .yellow
        case .overdue: v.light(on: today, schedule: schedule) == .red
        case .callback: v.status == .replied
        case .closed: v.status == .closed
        }
    }

    /// The order's rule: newest received first, earliest deadline first (none last), or by number;
    /// the number breaks ties.
    static func precedes(_ order: ComplaintQuery.Order) -> (ComplaintView, ComplaintView) -> Bool {
        { a, b in
            switch order {
            case .received where a.receivedAt != b.receivedAt: return a.receivedAt > b.receivedAt
            case .due where a.due != b.due:
                guard let x = a.due else { return false }
                guard let y = b.due else { return true }
                return x < y
            default: return a.id < b.id
            }
        }
    }

    @Test(arguments: TestBackend.allCases) func everyQueueFilterSearchOrderAndPageIsWhatTheRulesGiveOneByOne(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        var ids: [String] = []
        // Receipt days from June to October: on 2026-11-05 the oldest open ones are red, those
        // received in the first days of September fall due within two working days (yellow).
        let received = ["2026-06-01 09:00", "2026-06-02 09:00", "2026-07-01 09:00", "2026-08-03 09:00", "2026-09-01 09:00",
                        "2026-09-03 09:00", "2026-09-04 09:00", "2026-09-07 09:00", "2026-09-08 09:00", "2026-09-09 09:00",
                        "2026-10-08 09:00", "2026-10-30 09:00", "2026-10-30 09:00", "2026-09-06 09:00"]
        let townships: [String?] = ["三营镇", "三营镇", "官厅镇", nil]
        let programmes: [String?] = ["dibao", nil, "tekun"]
        for (i, at) in received.enumerated() {
            ids.append(try f.add(at, i % 3 == 0 ? "咨询" : "投诉", i % 2 == 0 ? "其他" : "错保",
                                 programme: programmes[i % 3], township: townships[i % 4]).id)
        }
        // One of each state: 受理, 转办, 办理中 (李明's), 答复, 办结, a paused one; the rest stay 登记.
        try f.step("2026-06-02 10:00", .accept, ids[0])
        try f.step("2026-06-03 10:00", .accept, ids[1])
        try f.step("2026-06-03 11:00", .transfer, ids[1], .init(unit: "三营镇民政办"))
        // 交办 names a 承办人 of the complaint's township (李明 of 三营镇).
        for id in [ids[2], ids[3], ids[4], ids[7]] {
            try f.step("2026-09-10 10:00", .accept, id)
            // Recorded without a township: dispatched to 三营镇 first, which moves it there.
            if try f.store.complaint(id: id)?.township == nil {
                try f.step("2026-09-10 10:30", .transfer, id, .init(unit: "三营镇民政办"))
            }
            let assignee = id == ids[2] ? try #require(f.handlers["官厅镇"]).login : f.liMing.login
            try f.step("2026-09-10 11:00", .assign, id, .init(assignee: assignee))
        }
        var replyNotes: [String: String] = [:]
        for (id, note) in [(ids[3], "已协调乡镇排水"), (ids[4], "已补发低保金")] {
            try f.step("2026-09-11 10:00", .reply, id, .init(note: note))
            replyNotes[id] = note
        }
        try f.step("2026-09-14 10:00", .callback, ids[4], .init(rating: "满意"))
        try f.step("2026-09-14 11:00", .close, ids[4])
        try f.step("2026-09-11 10:00", .accept, ids[8])
        try f.step("2026-09-11 11:00", .pause, ids[8], .init(reason: "等待公安部门户籍核查"))

        let desk = f.at("2026-11-05 09:30")
        let today = try #require(CivilDate(year: 2026, month: 11, day: 5))
        let every = try desk.complaints(ComplaintQuery())
        #expect(Set(every.map(\.id)) == Set(ids))
        func text(_ v: ComplaintView) -> String { "测试" + (replyNotes[v.id].map { " " + $0 } ?? "") }

        var sizes = Set<Int>()
        for queue in [nil] + ComplaintQueue.allCases.map(Optional.some) {
            for township in [nil, "三营镇"] {
                for category in [nil, "其他"] {
                    for programme in [nil, Programme.dibao] {
                        for from in [nil, CivilDate(year: 2026, month: 7, day: 1)] {
                            for search in [nil, "排水", "已协调乡镇", "低保金", "无此内容"] {
                                var query = ComplaintQuery()
                                query.queue = queue; query.person = "李明"; query.township = township; query.category = category
                                query.programme = programme; query.receivedFrom = from; query.search = search
                                let expected = every.filter { v in
                                    (queue.map { Self.holds($0, v, person: "李明", today: today, schedule: f.schedule) } ?? true)
                                        && (township.map { v.township == $0 } ?? true) && (category.map { v.category == $0 } ?? true)
                                        && (programme.map { v.programme == $0 } ?? true) && (from.map { v.receivedOn >= $0 } ?? true)
                                        && (search.map { text(v).contains($0) } ?? true)
                                }
                                let label = "\(queue?.rawValue ?? "all") \(township ?? "") \(category ?? "") \(programme?.code ?? "") \(from?.description ?? "") \(search ?? "")"
                                let got = try desk.complaints(query)
                                #expect(got.map(\.id) == expected.sorted(by: Self.precedes(.received)).map(\.id), "\(label)")
                                sizes.insert(got.count)
                            }
                        }
                    }
                }
            }
        }
        #expect(sizes.count > 4, "the filters tell the complaints apart: \(sizes.sorted())")

        // The lights on Thursday 2026-11-05, 60 days after receipt: received up to 2026-09-04 is past
        // its deadline (red) unless closed (4) or paused (8, received 09-08); 09-07 is due 11-06 and
        // 09-09 on 11-09 (the 8th is a Sunday), within two working days (yellow), and 09-06 is due
        // today, not yet past (yellow); October's are green.
        func queue(_ q: ComplaintQueue) throws -> [String] {
            var query = ComplaintQuery(); query.queue = q; query.person = "李明"
            return try desk.complaints(query).map(\.id).sorted()
        }
        #expect(try queue(.overdue) == [0, 1, 2, 3, 5, 6].map { ids[$0] })
        #expect(try queue(.due) == [7, 9, 13].map { ids[$0] })
        #expect(try queue(.mine) == [3, 7].map { ids[$0] }, "open and 李明's, the replied one too (ids[2] went to 官厅镇's 承办人)")

        // Every order, and pages of 4 that add up to the whole list with its count.
        for order in ComplaintQuery.Order.allCases {
            var query = ComplaintQuery(); query.order = order
            let whole = try desk.complaints(query)
            #expect(whole.map(\.id) == every.sorted(by: Self.precedes(order)).map(\.id), "\(order)")
            var paged: [String] = []
            for page in 1...4 {
                let found = try desk.complaints(query, page: page, size: 4)
                #expect(found.total == ids.count)
                paged += found.page.map(\.id)
            }
            #expect(paged == whole.map(\.id), "\(order): pages")
            #expect(try desk.complaints(query, page: 5, size: 4).page.isEmpty)
        }
    }
}
