import GongkaiCore

/// How long the departments' lists are kept after the run that used them: templates/office.toml's
/// optional `[matching]` table, `keep_lists_days` (0, the default, deletes them in the run itself).
///
/// PIPL §19: personal information is kept no longer than its purpose needs. An office that must keep
/// a month's lists (an audit, a dispute with a department) sets a number of days; the rows are then
/// sealed — no command shows them and only a new run of the same batch reads them — and deleted by
/// the first `match import` or `match run` after that day.
public struct MatchingSettings: Sendable {
    public let keepListsDays: Int

    public init(keepListsDays: Int = 0) { self.keepListsDays = keepListsDays }

    public static let standard = MatchingSettings()
    public static let longestKeep = 366

    public static func load(templates: String) throws(InputError) -> MatchingSettings {
        let file = try TemplateFile.read("office.toml", in: templates)
        return try parse(file.text, file: file.path)
    }

    public static func parse(_ text: String, file: String) throws(InputError) -> MatchingSettings {
        do throws(TOMLError) {
            guard let table = try TOML.parse(text).optionalTable("matching"),
                  let days = try table.optionalInteger("keep_lists_days") else { return .standard }
            guard (0...Int64(longestKeep)).contains(days) else {
                throw TOMLError(line: table.line(of: "keep_lists_days"),
                                message: "keep_lists_days 须为 0 至 \(longestKeep) 之间的整数（0 = 比对后立即删除部门名单）")
            }
            return MatchingSettings(keepListsDays: Int(days))
        } catch {
            throw error.located(in: file)
        }
    }
}
