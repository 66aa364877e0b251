import GongkaiCore

/// Spreadsheet date serials as the civil text the import contract reads.
///
/// A date in a workbook is a number of days with a number format that shows it as a date. In the
/// 1900 system day 1 is 1900-01-01 and day 60 is Lotus 1-2-3's 1900-02-29, a day that never was
/// (kept by Excel for compatibility): later serials are one day ahead of a plain count. In the 1904
/// system (old Mac workbooks, `workbookPr date1904`) day 0 is 1904-01-01.
public enum ExcelDate {
    /// How much of a date a number format shows.
    public enum Precision: Sendable, Equatable {
        case month, day, minute, time
    }

    /// `serial` as "YYYY-MM", "YYYY-MM-DD", "YYYY-MM-DD HH:MM" or "HH:MM", or nil when it is no date
    /// a workbook can hold (negative, or past 9999-12-31). Serial 60 of the 1900 system gives
    /// "1900-02-29", which every date check refuses as a day that does not exist.
    public static func text(serial: Double, date1904: Bool, precision: Precision) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        // Round to the second first, so 0.99999999 of a day is midnight of the next day, not 23:59.
        let seconds = Int((serial * 86_400).rounded())
        let days = seconds / 86_400, secondOfDay = seconds % 86_400
        // Written as bytes: a register's date columns make this one of the reader's most frequent
        // conversions. The years run from 1899 to 9999, always four digits.
        var text: [UInt8] = []
        text.reserveCapacity(16)
        func put(_ n: Int, digits: Int) {
            var unit = 1
            for _ in 1..<digits { unit *= 10 }
            while unit > 0 {
                text.append(UInt8(0x30 + n / unit % 10))
                unit /= 10
            }
        }
        if precision != .time {
            let date: (year: Int, month: Int, day: Int)
            if !date1904 && days == 60 {
                date = (1900, 2, 29)
            } else {
                // 1899-12-31 is day 0 before the phantom day; from day 61 on, 1899-12-30 is.
                let epoch = date1904 ? CivilDate(year: 1904, month: 1, day: 1) : CivilDate(year: 1899, month: 12, day: days < 60 ? 31 : 30)
                guard let day = epoch?.adding(days: days) else { return nil }
                date = (day.year, day.month, day.day)
            }
            put(date.year, digits: 4)
            text.append(UInt8(ascii: "-"))
            put(date.month, digits: 2)
            if precision != .month {
                text.append(UInt8(ascii: "-"))
                put(date.day, digits: 2)
            }
            if precision == .minute { text.append(UInt8(ascii: " ")) }
        }
        if precision == .minute || precision == .time {
            put(secondOfDay / 3600, digits: 2)
            text.append(UInt8(ascii: ":"))
            put(secondOfDay % 3600 / 60, digits: 2)
        }
        return String(decoding: text, as: UTF8.self)
    }
}
