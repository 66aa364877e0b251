import Testing
@testable import GongkaiCore

@Suite struct CivilDateTests {
    @Test func parsesBothForms() {
        #expect(CivilDate(parsing: "2026-01-05") == CivilDate(year: 2026, month: 1, day: 5))
        #expect(CivilDate(parsing: "2026/1/5") == CivilDate(year: 2026, month: 1, day: 5))
        #expect(CivilDate(parsing: "2026-02-30") == nil)
        #expect(CivilDate(parsing: "2026-1-5") == nil)
        #expect(CivilDate(parsing: "2024-02-29") != nil)
        #expect(CivilDate(parsing: "2026-02-29") == nil)
    }

    @Test func dayNumbersRoundTrip() {
        #expect(CivilDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(CivilDate(year: 2026, month: 1, day: 1)!.dayNumber == 20_454)
        for n in stride(from: -1000, to: 40_000, by: 37) { #expect(CivilDate(dayNumber: n).dayNumber == n) }
    }

    @Test func weekdays() {
        #expect(CivilDate(year: 2026, month: 2, day: 14)!.weekday == 6)  // a Saturday
        #expect(CivilDate(year: 2026, month: 11, day: 29)!.weekday == 7)  // a Sunday
    }

    @Test func officialWrittenForm() {
        #expect(CivilDate(year: 2026, month: 1, day: 5)!.chinese == "2026年1月5日")
        #expect(YearMonth(year: 2026, month: 10)!.chinese == "2026年10月")
    }

    @Test func monthIndexArithmetic() {
        let m = YearMonth(year: 2026, month: 1)!
        #expect(m.index == 2026 * 12)
        #expect(m.adding(months: -1) == YearMonth(year: 2025, month: 12))
        #expect(YearMonth(parsing: "2026-10")?.lastDay == CivilDate(year: 2026, month: 10, day: 31))
    }
}

@Suite struct SupportedYearsTests {
    @Test func datesAndMonthsOutsideTheSupportedYearsAreRefusedWithTheReason() {
        #expect(CivilDate.parse("0999-01-01") == .failure(.yearOutOfRange(999)))
        #expect(CivilDate.parse("1948-12-31") == .failure(.yearOutOfRange(1948)))
        #expect(CivilDate.parse("2101-01-01") == .failure(.yearOutOfRange(2101)))
        #expect(CivilDate.parse("2026-02-30") == .failure(.notARealDate))
        #expect(CivilDate.parse("2026-1-5") == .failure(.malformed))
        #expect(CivilDate(parsing: "1949-01-01") != nil && CivilDate(parsing: "2100-12-31") != nil)
        #expect(YearMonth.parse("0001-01") == .failure(.yearOutOfRange(1)))
        #expect(YearMonth(parsing: "0001-01") == nil)
        #expect(YearMonth(parsing: "1949-01") != nil)
        #expect(YearMonth.parse("2026-13") == .failure(.malformedMonth))
        #expect("\(CivilDate.TextProblem.malformedMonth)" == "不是月份（YYYY-MM）")
    }

    @Test func everyMonthHasAFirstAndLastDayAndTextThatParsesBack() {
        // Month arithmetic below the supported years must not trap (a month index of -5 is year -1).
        #expect(YearMonth(index: -5).month == 8 && YearMonth(index: -5).year == -1)
        #expect(YearMonth(index: 0).firstDay.description == "0000-01-01")
        #expect(YearMonth(index: 0).lastDay.day == 31)
        #expect(CivilDate(year: 26, month: 3, day: 4)?.description == "0026-03-04")
        #expect(YearMonth(year: 999, month: 2)?.description == "0999-02")
        #expect(CivilDate(year: 2026, month: 2, day: 14)?.yearMonth == YearMonth(year: 2026, month: 2))
    }
}
