import Desk
import GongkaiCore
import Store
import Testing

/// The queues read only the rows their column conditions allow (`ComplaintSelection`, for a desk of
/// 100,000 complaints); the answer must be exactly what every complaint filtered one by one gives.
@Suite struct ComplaintQueryTests {
    @Test func aQueueWithFiltersIsWhatFilteringEveryComplaintGives() throws {
        let f = try DeskFixture()
        var ids: [String] = []
        for (i, (at, category, township)) in [
            ("2026-06-01 09:00", "其他", "三营镇"), ("2026-06-02 09:00", "错保", "三营镇"), ("2026-07-01 09:00", "其他", "官厅镇"),
            ("2026-08-03 09:00", "其他", "三营镇"), ("2026-09-01 09:00", "错保", "官厅镇"), ("2026-10-08 09:00", "其他", "三营镇"),
            ("2026-10-30 09:00", "其他", nil),
        ].enumerated() {
            ids.append(try f.add(at, i % 3 == 0 ? "咨询" : "投诉", category, township: township).id)
        }
        // One of each state: 受理, 转办, 办理中 (马丽's), 答复, 办结; the rest stay 登记.
        try f.step("2026-06-02 10:00", .accept, ids[0])
        try f.step("2026-06-03 10:00", .accept, ids[1])
        try f.step("2026-06-03 11:00", .transfer, ids[1], .init(unit: "三营镇民政办"))
        for id in [ids[2], ids[3], ids[4]] {
            try f.step("2026-09-02 10:00", .accept, id)
            try f.step("2026-09-02 11:00", .assign, id, .init(assignee: "马丽"))
        }
        try f.step("2026-09-03 10:00", .reply, ids[3])
        try f.step("2026-09-03 10:00", .reply, ids[4])
        try f.step("2026-09-04 10:00", .callback, ids[4], .init(rating: "满意"))
        try f.step("2026-09-04 11:00", .close, ids[4])

        let desk = f.at("2026-11-05 09:30")
        let every = try desk.complaints(ComplaintQuery())
        #expect(every.count == ids.count)
        let today = try #require(CivilDate(year: 2026, month: 11, day: 5))
        var seen = Set<Int>()
        for queue in [nil] + ComplaintQueue.allCases.map(Optional.some) {
            for township in [nil, "三营镇"] {
                for category in [nil, "其他"] {
                    for from in [nil, CivilDate(year: 2026, month: 7, day: 1)] {
                        var query = ComplaintQuery()
                        query.queue = queue; query.person = "马丽"; query.township = township; query.category = category
                        query.receivedFrom = from
                        let expected = every.filter { v in
                            (queue.map { $0.contains(v, person: "马丽", today: today, schedule: f.schedule) } ?? true)
                                && (township.map { v.township == $0 } ?? true) && (category.map { v.category == $0 } ?? true)
                                && (from.map { v.receivedOn >= $0 } ?? true)
                        }
                        let got = try desk.complaints(query)
                        #expect(Set(got.map(\.id)) == Set(expected.map(\.id)), "\(queue?.rawValue ?? "all") \(township ?? "") \(category ?? "") \(from?.description ?? "")")
                        seen.insert(got.count)
                    }
                }
            }
        }
        // The filters tell the complaints apart: the red queue has some, other queues others.
        let red = try desk.complaints({ var q = ComplaintQuery(); q.queue = .overdue; return q }())
        #expect(Set(red.map(\.id)) == Set([ids[0], ids[1], ids[2], ids[3]]), "\(red.map(\.id))")
        #expect(seen.count > 3)
    }
}
