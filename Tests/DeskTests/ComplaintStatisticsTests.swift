import Desk
import GongkaiCore
import StoreTestSupport
import Testing

/// October 2026, computed by hand from the seven complaints below.
@Suite struct ComplaintStatisticsTests {
    @Test(arguments: TestBackend.allCases) func october2026(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        // C1 10-08 投诉 应保未保 低保 三营镇 H1: acknowledged 10-09 (limit 10-23), closed 10-22 满意, due 12-07 → on time.
        let c1 = try f.add("2026-10-08 10:00", "投诉", "应保未保", programme: "dibao", household: "H1", township: "三营镇").id
        try f.step("2026-10-09 09:00", .accept, c1)
        try f.step("2026-10-09 10:00", .assign, c1, .init(assignee: "李明"))
        try f.step("2026-10-20 10:00", .reply, c1)
        try f.step("2026-10-21 10:00", .callback, c1, .init(rating: "满意"))
        try f.step("2026-10-22 10:00", .close, c1)
        // C2 10-12 举报 错保 特困 官厅镇 H1, anonymous: acknowledged 10-30 > limit 10-27 (late); closed 10-30 未评价, due 12-11.
        let c2 = try f.add("2026-10-12 10:00", "举报", "错保", programme: "特困", household: "H1", township: "官厅镇", anonymous: true).id
        try f.step("2026-10-30 09:00", .accept, c2)
        try f.step("2026-10-30 10:00", .reply, c2)
        try f.step("2026-10-30 11:00", .close, c2)
        // C3 10-15 投诉 应保未保 低保 三营镇 H1: repeats C1; never acknowledged, limit 10-30 ≤ 10-31; open; due 12-14.
        try f.add("2026-10-15 10:00", "投诉", "应保未保", programme: "dibao", household: "H1", township: "三营镇")
        // C4 10-29 咨询 政策咨询: acknowledgement limit 11-13 lies after the month (not counted); open.
        try f.add("2026-10-29 10:00", "咨询", "政策咨询")
        // C5 07-01 投诉 发放金额 H2: due 08-30 (Sunday) → 08-31; closed 10-14 基本满意 → late.
        let c5 = try f.add("2026-07-01 10:00", "投诉", "发放金额", programme: "dibao", household: "H2", township: "三营镇").id
        try f.step("2026-07-01 11:00", .accept, c5)
        try f.step("2026-07-02 11:00", .assign, c5, .init(assignee: "李明"))
        try f.step("2026-10-10 11:00", .reply, c5)
        try f.step("2026-10-10 12:00", .callback, c5, .init(rating: "不满意"))
        try f.step("2026-10-12 11:00", .reply, c5)
        try f.step("2026-10-12 12:00", .callback, c5, .init(rating: "基本满意"))
        try f.step("2026-10-14 11:00", .close, c5)
        // C6 06-01 求助 其他: due 07-31, still open → overdue at month end.
        let c6 = try f.add("2026-06-01 10:00", "求助", "其他").id
        try f.step("2026-06-01 11:00", .accept, c6)
        // C7 10-05 建议 其他: returned 10-08 → neither acknowledged nor open.
        let c7 = try f.add("2026-10-05 10:00", "建议", "其他").id
        try f.step("2026-10-08 11:00", .return, c7, .init(reason: "非本部门职责"))

        let s = try f.at("2026-11-02 09:00").statistics(month: YearMonth(year: 2026, month: 10)!)
        #expect(s.received == 5)  // C1, C2, C3, C4, C7
        func count(_ list: [ComplaintStatistics.Count], _ name: String) -> Int? { list.first { $0.name == name }?.count }
        #expect(count(s.byType, "投诉") == 2 && count(s.byType, "举报") == 1 && count(s.byType, "咨询") == 1
                && count(s.byType, "建议") == 1 && count(s.byType, "求助") == 0)
        #expect(count(s.byCategory, "应保未保") == 2 && count(s.byCategory, "错保") == 1
                && count(s.byCategory, "政策咨询") == 1 && count(s.byCategory, "其他") == 1)
        #expect(count(s.byProgramme, "低保") == 2 && count(s.byProgramme, "特困") == 1 && count(s.byProgramme, "未填写") == 2)
        #expect(count(s.byTownship, "三营镇") == 2 && count(s.byTownship, "官厅镇") == 1 && count(s.byTownship, "未填写") == 2)
        // Concluded in October: C1 and C2 on time, C5 late.
        #expect(s.concludedOnTime == .init(numerator: 2, denominator: 3))
        #expect(s.concludedOnTime.percent == "66.7%")
        // C1 in time; C2 late; C3 past its limit unacknowledged; C4 not yet due; C7 returned.
        #expect(s.acknowledgedInTime == .init(numerator: 1, denominator: 3))
        // Rated: C1 满意, C5 基本满意; C2 未评价.
        #expect(s.rated == .init(numerator: 2, denominator: 3))
        #expect(s.satisfied == .init(numerator: 2, denominator: 2))
        #expect(s.openAtMonthEnd == 3)     // C3, C4, C6
        #expect(s.overdueAtMonthEnd == 1)  // C6
        #expect(s.repeated == 1)           // C3
    }
}

/// A call late in December is taken even without next year's holiday calendar; the month's figures
/// must then be computable too (the calendar is needed only where it decides the answer).
@Suite struct LateDecemberStatisticsTests {
    @Test(arguments: TestBackend.allCases) func decemberFiguresDoNotNeedNextYearsCalendar(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        // D1 12-28, never acknowledged: its 15-day limit is at least 2027-01-12, after the month → not due.
        try f.add("2026-12-28 10:00", "投诉", "应保未保", household: "H1")
        // D2 12-29, acknowledged the next day: within any 15-day limit → in time.
        let d2 = try f.add("2026-12-29 10:00", "投诉", "其他").id
        try f.step("2026-12-30 09:00", .accept, d2)
        let s = try f.at("2027-01-04 09:00").statistics(month: YearMonth(year: 2026, month: 12)!)
        #expect(s.received == 2)
        #expect(s.acknowledgedInTime == .init(numerator: 1, denominator: 1))
        #expect(s.openAtMonthEnd == 2)
    }
}
