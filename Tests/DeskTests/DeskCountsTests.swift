import Foundation
import GongkaiCore
import Store
import StoreTestSupport
import Testing
@testable import Desk

/// Issue 28: the dashboard's lights and township counts are counted in SQLite, and a month's
/// statistics read only the complaints of the month (and its repeat window, and its conclusions)
/// with the month-end counts taken in SQLite. Both must give what the one-by-one rules give over
/// every complaint.
@Suite struct DeskCountsTests {
    /// Complaints from June to November 2026 in every kind of state: concluded in a later month,
    /// paused, returned, waiting, repeats of a household across a month's start, without township.
    static func fixture(_ backend: TestBackend) async throws -> (DeskFixture, [String]) {
        let f = try await DeskFixture(backend)
        var ids: [String] = []
        let received = ["2026-06-01 09:00", "2026-06-29 09:00", "2026-07-01 09:00", "2026-07-20 09:00", "2026-08-03 09:00",
                        "2026-08-28 09:00", "2026-09-01 09:00", "2026-09-03 09:00", "2026-09-07 09:00", "2026-09-09 09:00",
                        "2026-09-30 09:00", "2026-10-02 09:00", "2026-10-08 09:00", "2026-10-30 09:00", "2026-11-02 09:00",
                        "2026-11-03 09:00"]
        let townships: [String?] = ["三营镇", "官厅镇", nil, "三营镇", "南关街道"]
        let households: [String?] = ["H1", nil, "H2", "H1"]
        for (i, at) in received.enumerated() {
            ids.append(try f.add(at, i % 3 == 0 ? "咨询" : "投诉", i % 2 == 0 ? "其他" : "错保", programme: i % 3 == 1 ? "dibao" : nil,
                                 household: households[i % 4], township: townships[i % 5]).id)
        }
        // Concluded in the month received, a month later, and two months later; one returned; one paused.
        for (id, day) in [(ids[0], "2026-06-10"), (ids[1], "2026-07-15"), (ids[4], "2026-10-20"), (ids[11], "2026-10-28")] {
            try f.step("\(day) 09:00", .accept, id)
            try f.step("\(day) 10:00", .reply, id, .init(note: "已答复"))
            try f.step("\(day) 11:00", .callback, id, .init(rating: id == ids[1] ? "基本满意" : "满意"))
            try f.step("\(day) 12:00", .close, id)
        }
        try f.step("2026-07-02 09:00", .return, ids[2], .init(reason: "不属于本中心受理范围"))
        try f.step("2026-09-10 09:00", .accept, ids[7])
        try f.step("2026-09-11 09:00", .pause, ids[7], .init(reason: "等待户籍核查"))
        for id in [ids[6], ids[8], ids[12]] { try f.step("2026-10-09 09:00", .accept, id) }
        return (f, ids)
    }

    @Test(arguments: TestBackend.allCases) func theDashboardCountsAreTheLightsCountedOneByOne(_ backend: TestBackend) async throws {
        let (f, _) = try await Self.fixture(backend)
        for now in ["2026-09-02 09:30", "2026-11-05 09:30", "2026-12-08 09:30"] {
            let desk = f.at(now)
            let today = desk.clock.today
            let every = try desk.complaints(ComplaintQuery())
            let month = today.yearMonth
            let counts = try desk.counts(month: month)
            for light in ComplaintLight.allCases {
                #expect(counts.lights[light] ?? 0 == every.filter { $0.light(on: today, schedule: f.schedule) == light }.count, "\(now) \(light)")
            }
            #expect(counts.townships.map(\.township) == f.schedule.townships.names)
            for row in counts.townships {
                let here = every.filter { $0.township == row.township }
                #expect(row.open == here.filter { $0.status.isOpen }.count, "\(now) \(row)")
                #expect(row.red == here.filter { $0.light(on: today, schedule: f.schedule) == .red }.count, "\(now) \(row)")
                #expect(row.yellow == here.filter { $0.light(on: today, schedule: f.schedule) == .yellow }.count, "\(now) \(row)")
                #expect(row.receivedInMonth == here.filter { $0.receivedOn.yearMonth == month }.count, "\(now) \(row)")
            }
            #expect(counts.lights.values.reduce(0, +) > 0, "the fixture lights something on \(now)")
            let months = (0..<13).map { month.adding(months: $0 - 12) }
            #expect(try desk.receivedCounts(months) == months.map { m in every.filter { $0.receivedOn.yearMonth == m }.count })
        }
    }

    @Test(arguments: TestBackend.allCases) func aMonthsStatisticsFromItsOwnComplaintsEqualThoseFromEveryComplaint(_ backend: TestBackend) async throws {
        let (f, _) = try await Self.fixture(backend)
        for now in ["2026-07-16 09:30", "2026-11-05 09:30", "2026-12-08 09:30"] {
            let desk = f.at(now)
            let every = try desk.complaints(ComplaintQuery())
            var month = try #require(YearMonth(parsing: "2026-06"))
            var nonZero = 0
            while month <= desk.clock.today.yearMonth {
                var expected = try ComplaintStatistics(month: month, complaints: every.filter { $0.receivedOn <= month.lastDay },
                                                       schedule: f.schedule, today: desk.clock.today)
                let got = try desk.statistics(month: month)
                expected.urges = got.urges
                #expect(got == expected, "\(now) \(month)")
                if got.repeated > 0 || got.openAtMonthEnd > 0 { nonZero += 1 }
                month = month.adding(months: 1)
            }
            #expect(nonZero > 0, "the fixture has repeats and open complaints by \(now)")
        }
    }

    /// The dashboard's indicators are kept while `dataVersion` stays: every desk step changes it.
    @Test(arguments: TestBackend.allCases) func everyDeskStepChangesTheDataVersion(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let empty = try f.store.dataVersion()
        let id = try f.add("2026-11-02 09:00", "投诉", "其他").id
        let added = try f.store.dataVersion()
        try f.step("2026-11-02 10:00", .accept, id)
        let accepted = try f.store.dataVersion()
        #expect(Set([empty, added, accepted]).count == 3)
        #expect(try f.store.dataVersion() == accepted, "reading changes nothing")
    }
}
