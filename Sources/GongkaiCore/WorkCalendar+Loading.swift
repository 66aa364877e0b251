import Foundation

extension WorkCalendar {
    /// Reads `<templates>/calendar/`: one `YYYY.toml` per year (national holidays and 调休 days)
    /// and the optional `ningxia.toml` (regional holidays). Office staff add next year's file when
    /// the State Council publishes it; nothing in code changes.
    public static func load(templates: String) throws(InputError) -> WorkCalendar {
        let folder = (templates as NSString).appendingPathComponent("calendar")
        let names: [String]
        do { names = try FileManager.default.contentsOfDirectory(atPath: folder) } catch {
            throw InputError(file: folder, reason: "无法读取节假日安排文件夹：\(FileSystemError(error, action: "读取", path: folder)?.reason ?? error.localizedDescription)")
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
                             reason: "year = \(declared)，但文件名表示的是 \(year) 年")
        }
        let holidays = try parseHolidays(table, year: year, file: file)
        let adjusted: [CivilDate]
        do { adjusted = try table.dates("adjusted_working_days") } catch { throw error.located(in: file) }
        for day in adjusted {
            let line = table.line(of: "adjusted_working_days")
            guard day.year == year else {
                throw InputError(file: file, line: line, reason: "adjusted_working_days 中的 \(day) 不在 \(year) 年")
            }
            guard day.isWeekend else {
                throw InputError(file: file, line: line, reason: "adjusted_working_days 中的 \(day) 本是工作日：只有周六或周日才能调为上班日")
            }
            guard !holidays.contains(day) else {
                throw InputError(file: file, line: line, reason: "\(day) 既是节假日又是调休上班日")
            }
        }
        return Year(year: year, holidays: holidays, adjustedWorkingDays: Set(adjusted))
    }

    private static func read(_ path: String) throws(InputError) -> String {
        do { return try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw InputError(file: path, reason: "无法按 UTF-8 文本读取：\(FileSystemError(error, action: "读取", path: path)?.reason ?? error.localizedDescription)")
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
                throw InputError(file: file, line: entry.line(of: "last"), reason: "\(name)：last（\(last)）早于 first（\(first)）")
            }
            if let year, first.year != year || last.year != year {
                throw InputError(file: file, line: entry.line(of: "first"), reason: "\(name)：\(first)–\(last) 不在 \(year) 年之内")
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
            throw InputError(file: file, line: table.line(of: key), reason: "'\(s)' 不是日期（YYYY-MM-DD）")
        case nil: throw InputError(file: file, line: table.line, reason: "缺少键 '\(key)'")
        default: throw InputError(file: file, line: table.line(of: key), reason: "'\(key)' 须为日期（YYYY-MM-DD）")
        }
    }
}
