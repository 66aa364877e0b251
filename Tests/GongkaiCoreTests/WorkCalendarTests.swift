import Foundation
import GongkaiCore
import Testing

/// The calendar as shipped in templates/, so a wrong date in the TOML fails here.
private let templates = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("templates").path

private func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

@Suite struct WorkCalendarTests {
    let calendar: WorkCalendar

    init() throws { calendar = try WorkCalendar.load(templates: templates) }

    @Test func coversTheShippedYears() {
        #expect(calendar.coveredYears == [2023, 2024, 2025, 2026])
    }

    @Test(arguments: [
        // (start, working days, expected)
        ("2026-02-13", 1, "2026-02-14"),  // Friday → the adjusted working Saturday before 春节
        ("2026-02-14", 1, "2026-02-24"),  // 春节 2/15–2/23 is off
        ("2026-03-06", 1, "2026-03-09"),  // plain Friday → Monday
        ("2026-03-06", 5, "2026-03-13"),  // one working week
        ("2026-09-30", 1, "2026-10-08"),  // 国庆 10/1–10/7
        ("2026-10-09", 1, "2026-10-10"),  // 10/10 is an adjusted working Saturday
        ("2025-01-24", 1, "2025-01-26"),  // 2025-01-26 is an adjusted working Sunday
        ("2026-03-04", 0, "2026-03-04"),
    ])
    func workingDayTable(start: String, n: Int, expected: String) throws {
        #expect(try calendar.adding(workingDays: n, to: day(start)) == day(expected))
    }

    @Test(arguments: [
        ("2026-08-02", 60, "2026-10-08"),  // ends 10/1, a holiday → next working day after 国庆
        ("2026-03-01", 15, "2026-03-16"),  // ends on a Monday: unchanged
        ("2026-03-06", 15, "2026-03-23"),  // ends Saturday 3/21 → Monday 3/23
        ("2026-01-30", 15, "2026-02-14"),  // ends on the adjusted working Saturday: a working day
        ("2026-02-05", 15, "2026-02-24"),  // ends 2/20 inside 春节 → 2/24
    ])
    func civilCodeTable(start: String, days: Int, expected: String) throws {
        #expect(try calendar.civilCodeDeadline(from: day(start), days: days) == day(expected))
    }

    @Test func weekendsAndAdjustedDays() throws {
        #expect(try !calendar.isWorkingDay(day("2026-03-07")))  // Saturday
        #expect(try !calendar.isWorkingDay(day("2026-03-08")))  // Sunday
        #expect(try calendar.isWorkingDay(day("2026-03-09")))   // Monday
        #expect(try calendar.isWorkingDay(day("2026-09-20")))   // adjusted Sunday
        #expect(try !calendar.isWorkingDay(day("2026-10-05")))  // Monday in 国庆
    }

    @Test func workingDaysBetween() throws {
        // (2026-02-13, 2026-02-24]: 2/14 (adjusted Saturday) and 2/24.
        #expect(try calendar.workingDays(after: day("2026-02-13"), through: day("2026-02-24")) == 2)
        #expect(try calendar.workingDays(after: day("2026-03-09"), through: day("2026-03-09")) == 0)
        // Mon 3/9 … Fri 3/13 after Friday 3/6: five.
        #expect(try calendar.workingDays(after: day("2026-03-06"), through: day("2026-03-13")) == 5)
        let days = try calendar.days(in: day("2026-02-13")...day("2026-02-16"))
        #expect(days.map(\.isWorkingDay) == [true, true, false, false])
        #expect(days.first?.day == day("2026-02-13").dayNumber)
    }

    @Test func uncoveredYearIsAClearError() {
        #expect(throws: CalendarError.notCovered(year: 2027)) {
            try calendar.adding(workingDays: 1, to: day("2027-03-01"))
        }
        // Crossing into 2027 from late December fails too, instead of guessing.
        #expect(throws: CalendarError.notCovered(year: 2027)) {
            try calendar.civilCodeDeadline(from: day("2026-12-20"), days: 15)
        }
        #expect(CalendarError.notCovered(year: 2027).description
                == "no holiday calendar for 2027: add templates/calendar/2027.toml")
    }

    @Test func regionalHolidaysAreDaysOff() throws {
        let ningxia = WorkCalendar(years: [try WorkCalendar.parseYear("year = 2026", year: 2026, file: "2026.toml")],
                                   regionalHolidays: [day("2026-03-20")])
        #expect(try !ningxia.isWorkingDay(day("2026-03-20")))
        #expect(try ningxia.adding(workingDays: 1, to: day("2026-03-19")) == day("2026-03-23"))
    }

    @Test func mistakesInTheFileNameTheLine() {
        let text = "year = 2026\nadjusted_working_days = [2026-03-04]\n"
        #expect(throws: InputError(file: "2026.toml", line: 2,
                                   reason: "2026-03-04 in adjusted_working_days is a weekday: only a Saturday or Sunday can be made a working day")) {
            try WorkCalendar.parseYear(text, year: 2026, file: "2026.toml")
        }
        #expect(throws: InputError.self) { try WorkCalendar.parseYear("year = 2025", year: 2026, file: "2026.toml") }
    }
}

@Suite struct ComplaintScheduleTests {
    let schedule: ComplaintSchedule

    init() throws { schedule = try ComplaintSchedule.load(templates: templates) }

    @Test func shippedSettingsAreTheStatutoryDefaults() {
        var expected = DeskSettings()
        expected.units = schedule.settings.units
        expected.townshipUnits = schedule.settings.townshipUnits
        // The reply templates are examples of wording, not limits: the office replaces them.
        expected.replyTemplates = schedule.settings.replyTemplates
        #expect(schedule.settings == expected)
        #expect(schedule.settings.units.contains("社会救助股"))
    }

    /// Every township has its unit without desk.toml listing it; desk.toml may rename one, and a
    /// [[unit]] that names a township's default unit is that unit, not a second one.
    @Test func everyTownshipHasItsUnit() throws {
        #expect(schedule.units.count == schedule.settings.units.count + schedule.townships.all.count)
        for township in schedule.townships.names {
            #expect(schedule.unit(ofTownship: township)?.name == township + "民政办")
        }
        #expect(schedule.unit(named: "社会救助股")?.township == nil)
        let renamed = try DeskSettings.parse("""
            [[unit]]
            name = "南关街道社会事务办"
            township = "南关街道"
            [[unit]]
            name = "三营镇民政办"
            """, file: "desk.toml", townships: schedule.townships)
        let custom = ComplaintSchedule(settings: renamed, calendar: schedule.calendar, townships: schedule.townships)
        #expect(custom.unit(ofTownship: "南关街道")?.name == "南关街道社会事务办")
        #expect(custom.units.filter { $0.name == "三营镇民政办" }.count == 1)
        #expect(custom.unit(named: "三营镇民政办")?.township == "三营镇")
        let unknown = #expect(throws: InputError.self) {
            try DeskSettings.parse("[[unit]]\nname = \"x\"\ntownship = \"火星镇\"\n", file: "desk.toml", townships: schedule.townships)
        }
        #expect(unknown?.line == 3)
        let handler = #expect(throws: InputError.self) {
            try DeskSettings.parse("[[handler]]\nname = \"马丽\"\n", file: "desk.toml", townships: schedule.townships)
        }
        #expect(handler?.description.contains("--as") == true)
    }

    @Test func historicalRows() {
        // Received 2026-08-02: 60 days end on 10/1 (国庆) → 10/8; with 30 more days from 10/8 → 11/7,
        // a Saturday → Monday 11/9.
        #expect(schedule.historical(type: "投诉", receivedOn: day("2026-08-02"), closedOn: nil)
                == HistoricalComplaint(status: .accepted, due: Deadline(day: day("2026-10-08"), isProvisional: false)))
        #expect(schedule.historical(type: "投诉", receivedOn: day("2026-08-02"), extensionDays: 30, closedOn: day("2026-09-01"))
                == HistoricalComplaint(status: .closed, due: Deadline(day: day("2026-11-09"), isProvisional: false)))
        // 60 days from 2026-12-01 end in 2027, which has no calendar: 2027-01-30 is a Saturday, and
        // with weekends only the deadline is Monday 2027-02-01, provisional (暂定).
        #expect(schedule.historical(type: "投诉", receivedOn: day("2026-12-01"), closedOn: nil)
                == HistoricalComplaint(status: .accepted, due: Deadline(day: day("2027-02-01"), isProvisional: true)))
        #expect(Deadline(day: day("2027-02-01"), isProvisional: true).text == "2027-02-01（暂定）")
    }

    @Test func perTypeLimitsAndErrors() throws {
        let s = try DeskSettings.parse("[limits]\nconclude = \"60日\"\n[limits.by_type.\"咨询\"]\nconclude = \"3个工作日\"\n", file: "desk.toml")
        #expect(s.conclude(type: "咨询") == .workdays(3))
        #expect(s.conclude(type: "投诉") == .days(60))
        #expect(throws: InputError(file: "desk.toml", line: 2, reason: "'dispatch' must be like \"15 days\" or \"5 workdays\" (at most 3660), found \"one day\"")) {
            try DeskSettings.parse("[limits]\ndispatch = \"one day\"\n", file: "desk.toml")
        }
        #expect(throws: InputError.self) { try DeskSettings.parse("[limits.by_type.\"杂项\"]\n", file: "desk.toml") }
    }
}
