import Foundation

extension WorkCalendar {
    /// Reads `<templates>/calendar/`: one `YYYY.toml` per year (national holidays and 调休 days)
    /// and the optional `ningxia.toml` (regional holidays). Office staff add next year's file when
    /// the State Council publishes it; nothing in code changes.
    public static func load(templates: String) throws(InputError) -> WorkCalendar {
        let folder = (templates as NSString).appendingPathComponent("calendar")
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw InputError(file: folder, reason: "the holiday calendar folder cannot be read: \(error.localizedDescription)")
        }
        var years: [Year] = []
        for name in names.sorted() {
            let stem = (name as NSString).deletingPathExtension
            guard name.hasSuffix(".toml"), stem.count == 4, let year = Int(stem) else { continue }
            let path = (folder as NSString).appendingPathComponent(name)
            years.append(try parseYear(try read(path), year: year, file: path))
        }
        let regionalPath = (folder as NSString).appendingPathComponent("ningxia.toml")
        let regional = FileManager.default.fileExists(atPath: regionalPath)
            ? try parseHolidays(try root(try read(regionalPath), file: regionalPath), year: nil, file: regionalPath)
            : []
        return WorkCalendar(years: years, regionalHolidays: regional)
    }

    /// One national year file; `year` is the year its name promises, which the file must agree with.
    public static func parseYear(_ text: String, year: Int, file: String) throws(InputError) -> Year {
        let table = try root(text, file: file)
        let declared: Int64
        do { declared = try table.integer("year") } catch { throw error.located(in: file) }
        guard declared == year else {
            throw InputError(file: file, line: table.line(of: "year"),
                             reason: "year = \(declared) but the file is named for \(year)")
        }
        let holidays = try parseHolidays(table, year: year, file: file)
        let adjusted: [CivilDate]
        do { adjusted = try table.dates("adjusted_working_days") } catch { throw error.located(in: file) }
        for day in adjusted {
            let line = table.line(of: "adjusted_working_days")
            guard day.year == year else {
                throw InputError(file: file, line: line, reason: "\(day) in adjusted_working_days is not in \(year)")
            }
            guard day.isWeekend else {
                throw InputError(file: file, line: line, reason: "\(day) in adjusted_working_days is a weekday: only a Saturday or Sunday can be made a working day")
            }
            guard !holidays.contains(day) else {
                throw InputError(file: file, line: line, reason: "\(day) is both a holiday and an adjusted working day")
            }
        }
        return Year(year: year, holidays: holidays, adjustedWorkingDays: Set(adjusted))
    }

    private static func read(_ path: String) throws(InputError) -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw InputError(file: path, reason: "cannot be read as UTF-8 text: \(error.localizedDescription)")
        }
    }

    private static func root(_ text: String, file: String) throws(InputError) -> TOMLTable {
        do { return try TOML.parse(text) } catch { throw error.located(in: file) }
    }

    /// `[[holiday]]` entries with `name`, `first`, `last` (inclusive); `year` restricts the dates.
    private static func parseHolidays(_ table: TOMLTable, year: Int?, file: String) throws(InputError) -> Set<CivilDate> {
        var days: Set<CivilDate> = []
        let entries: [TOMLTable]
        do { entries = try table.tables("holiday") } catch { throw error.located(in: file) }
        for entry in entries {
            let name: String
            do { name = try entry.string("name") } catch { throw error.located(in: file) }
            let first = try date(entry, "first", file: file)
            let last = try date(entry, "last", file: file)
            guard first <= last else {
                throw InputError(file: file, line: entry.line(of: "last"), reason: "\(name): last (\(last)) is before first (\(first))")
            }
            if let year, first.year != year || last.year != year {
                throw InputError(file: file, line: entry.line(of: "first"), reason: "\(name): \(first)–\(last) is not within \(year)")
            }
            for n in first.dayNumber...last.dayNumber { days.insert(CivilDate(dayNumber: n)) }
        }
        return days
    }

    private static func date(_ table: TOMLTable, _ key: String, file: String) throws(InputError) -> CivilDate {
        switch table[key] {
        case .date(let d)?: return d
        case .string(let s)?:
            if let d = CivilDate(parsing: s) { return d }
            throw InputError(file: file, line: table.line(of: key), reason: "'\(s)' is not a date (YYYY-MM-DD)")
        case nil: throw InputError(file: file, line: table.line, reason: "missing key '\(key)'")
        default: throw InputError(file: file, line: table.line(of: key), reason: "'\(key)' must be a date (YYYY-MM-DD)")
        }
    }
}
