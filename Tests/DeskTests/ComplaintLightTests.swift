import Desk
import Foundation
import GongkaiCore
import StoreTestSupport
import Testing

/// The red and yellow lights follow the conclusion deadline on the working-day calendar.
@Suite struct ComplaintLightTests {
    @Test(arguments: TestBackend.allCases) func greenThenYellowWithinTwoWorkingDaysThenRedAfterTheDeadline(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try f.add("2026-10-08 10:00", "投诉", "其他").id
        let view = try f.at("2026-10-08 10:00").show(id: id, revealReason: nil, by: .account(f.centre)).view
        let due = try #require(view.due)
        #expect(due == CivilDate(parsing: "2026-12-07"), "60 days from 2026-10-08, a Monday")
        #expect(view.light(on: CivilDate(parsing: "2026-12-01")!, schedule: f.schedule) == .green)
        // Thursday 3 December: two working days ahead is Monday 7 December.
        #expect(view.light(on: CivilDate(parsing: "2026-12-02")!, schedule: f.schedule) == .green)
        #expect(view.light(on: CivilDate(parsing: "2026-12-03")!, schedule: f.schedule) == .yellow)
        #expect(view.light(on: due, schedule: f.schedule) == .yellow)
        #expect(view.light(on: due.adding(days: 1), schedule: f.schedule) == .red)
    }

    @Test(arguments: TestBackend.allCases) func aClosedComplaintHasNoLight(_ backend: TestBackend) async throws {
        let f = try await DeskFixture(backend)
        let id = try f.add("2026-10-08 10:00", "咨询", "其他", anonymous: true).id
        try f.step("2026-10-09 09:00", .accept, id)
        try f.step("2026-10-09 10:00", .reply, id, .init(note: "已答复"))
        try f.step("2026-10-09 11:00", .close, id)
        let view = try f.at("2027-01-01 10:00").show(id: id, revealReason: nil, by: .account(f.centre)).view
        #expect(view.light(on: CivilDate(parsing: "2027-01-01")!, schedule: f.schedule) == nil)
    }

    @Test func theWarningPeriodIsReadFromDeskToml() throws {
        let settings = try DeskSettings.parse("[limits]\ndue_soon = \"5 workdays\"\n", file: "desk.toml")
        #expect(settings.dueSoon == .workdays(5))
        #expect(throws: InputError.self) { try DeskSettings.parse("[limits]\ndue_soon = \"soon\"\n", file: "desk.toml") }
    }
}
