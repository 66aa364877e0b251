import Foundation
import GongkaiCore
import Testing

@Suite struct ClockTests {
    @Test func gongkaiNowIsUsedWhenValid() throws {
        let clock = try Clock.fromEnvironment(["GONGKAI_NOW": "2026-11-05T09:30:00+08:00"])
        #expect(clock.today == CivilDate(year: 2026, month: 11, day: 5))
        #expect(try Clock.fromEnvironment(["GONGKAI_NOW": "2026-11-05 23:59"]).today == CivilDate(year: 2026, month: 11, day: 5))
    }

    /// A test clock that is wrong must not silently become the real clock (files would carry
    /// today's date), nor a year the rest of gongkai refuses.
    @Test func gongkaiNowMalformedOrOutOfRangeIsRefused() throws {
        #expect(throws: InputError(file: "GONGKAI_NOW", reason: "'tomorrow' 不是时间：请用 ISO 8601 格式，如 2026-11-05T09:30:00+08:00，或 \"2026-11-05 09:30\"（北京时间）")) {
            try Clock.fromEnvironment(["GONGKAI_NOW": "tomorrow"])
        }
        #expect(throws: InputError(file: "GONGKAI_NOW", reason: "'0999-05-01T10:00:00+08:00' 的年份 999 超出 1949–2100")) {
            try Clock.fromEnvironment(["GONGKAI_NOW": "0999-05-01T10:00:00+08:00"])
        }
        // The day counts in Beijing: 23:00 UTC on the last day of 1948 is already 1949 there.
        #expect(throws: InputError.self) { try Clock.fromEnvironment(["GONGKAI_NOW": "1948-12-31T10:00:00Z"]) }
        #expect(try Clock.fromEnvironment(["GONGKAI_NOW": "1948-12-31T23:00:00Z"]).today == CivilDate(year: 1949, month: 1, day: 1))
    }
}
