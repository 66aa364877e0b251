import Foundation
import GongkaiCore
import Testing

/// templates/calendar/2023.toml and 2024.toml against the State Council's notices, day by day: the
/// 13-month trend of the demo's first months (2024-11 …) reaches back into 2023 and 2024.
///
/// 国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023年10月25日）:
///   一、元旦：1月1日放假，与周末连休。
///   二、春节：2月10日至17日放假调休，共8天。2月4日（星期日）、2月18日（星期日）上班。鼓励各单位结合带薪年休假等
///       制度落实，安排职工在除夕（2月9日）休息。
///   三、清明节：4月4日至6日放假调休，共3天。4月7日（星期日）上班。
///   四、劳动节：5月1日至5日放假调休，共5天。4月28日（星期日）、5月11日（星期六）上班。
///   五、端午节：6月10日放假，与周末连休。
///   六、中秋节：9月15日至17日放假调休，共3天。9月14日（星期六）上班。
///   七、国庆节：10月1日至7日放假调休，共7天。9月29日（星期日）、10月12日（星期六）上班。
/// (除夕 2月9日 is encouraged leave, not a day off: it stays a working day.)
///
/// 国务院办公厅关于2023年部分节假日安排的通知（国办发明电〔2022〕16号，2022年12月8日）:
///   一、元旦：2022年12月31日至2023年1月2日放假调休，共3天。
///   二、春节：1月21日至27日放假调休，共7天。1月28日（星期六）、1月29日（星期日）上班。
///   三、清明节：4月5日放假，共1天。
///   四、劳动节：4月29日至5月3日放假调休，共5天。4月23日（星期日）、5月6日（星期六）上班。
///   五、端午节：6月22日至24日放假调休，共3天。6月25日（星期日）上班。
///   六、中秋节、国庆节：9月29日至10月6日放假调休，共8天。10月7日（星期六）、10月8日（星期日）上班。
@Suite struct NationalCalendarTests {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("templates").path

    /// One year as its notice says it: the days off as (first, last) ranges within the year, and the
    /// weekend days that are working days.
    struct Notice: Sendable, CustomStringConvertible {
        let year: Int
        let daysOff: [(String, String)]
        let workingWeekendDays: [String]
        var description: String { "\(year)" }
    }

    static let notices = [
        Notice(year: 2024,
               daysOff: [("2024-01-01", "2024-01-01"), ("2024-02-10", "2024-02-17"), ("2024-04-04", "2024-04-06"),
                         ("2024-05-01", "2024-05-05"), ("2024-06-10", "2024-06-10"), ("2024-09-15", "2024-09-17"),
                         ("2024-10-01", "2024-10-07")],
               workingWeekendDays: ["2024-02-04", "2024-02-18", "2024-04-07", "2024-04-28", "2024-05-11",
                                    "2024-09-14", "2024-09-29", "2024-10-12"]),
        Notice(year: 2023,
               daysOff: [("2023-01-01", "2023-01-02"), ("2023-01-21", "2023-01-27"), ("2023-04-05", "2023-04-05"),
                         ("2023-04-29", "2023-05-03"), ("2023-06-22", "2023-06-24"), ("2023-09-29", "2023-10-06")],
               workingWeekendDays: ["2023-01-28", "2023-01-29", "2023-04-23", "2023-05-06", "2023-06-25",
                                    "2023-10-07", "2023-10-08"]),
    ]

    private static func day(_ text: String) -> CivilDate { CivilDate(parsing: text)! }

    @Test(arguments: notices)
    func everyDayOfTheYearIsAsTheNoticeSays(_ notice: Notice) throws {
        let calendar = try WorkCalendar.load(templates: Self.templates)
        var off = Set<CivilDate>()
        for (first, last) in notice.daysOff {
            for n in Self.day(first).dayNumber...Self.day(last).dayNumber { off.insert(CivilDate(dayNumber: n)) }
        }
        let working = Set(notice.workingWeekendDays.map(Self.day))
        #expect(working.allSatisfy { $0.isWeekend })
        var checked = 0
        for n in Self.day("\(notice.year)-01-01").dayNumber...Self.day("\(notice.year)-12-31").dayNumber {
            let date = CivilDate(dayNumber: n)
            let expected = working.contains(date) || (!date.isWeekend && !off.contains(date))
            #expect(try calendar.isWorkingDay(date) == expected, "\(date)")
            checked += 1
        }
        #expect(checked == (notice.year == 2024 ? 366 : 365))
    }

    @Test func theNoticesEdgeCases() throws {
        let calendar = try WorkCalendar.load(templates: Self.templates)
        // 除夕 2024 (2月9日, a Friday) is a working day; the 端午 weekend 6/8–6/9 is off as any weekend.
        #expect(try calendar.isWorkingDay(Self.day("2024-02-09")))
        #expect(try !calendar.isWorkingDay(Self.day("2024-06-08")))
        // Friday 2024-09-27 + 1 working day: the adjusted Sunday 9/29; + 3: past 国庆 to 10/8.
        #expect(try calendar.adding(workingDays: 1, to: Self.day("2024-09-27")) == Self.day("2024-09-29"))
        #expect(try calendar.adding(workingDays: 3, to: Self.day("2024-09-27")) == Self.day("2024-10-08"))
        // 60 days from 2024-12-30 end on 2025-02-28, a Friday, inside the 2025 file.
        #expect(try calendar.civilCodeDeadline(from: Self.day("2024-12-30"), days: 60) == Self.day("2025-02-28"))
        // 2023's 元旦 ran from 2022-12-31, a Saturday: the 2023 file starts at 1月1日 and 1月2日 is off.
        #expect(try !calendar.isWorkingDay(Self.day("2023-01-02")))
        #expect(try calendar.adding(workingDays: 1, to: Self.day("2023-12-29")) == Self.day("2024-01-02"))
    }
}
