import ArgumentParser
import GongkaiCore

/// The deadline engine from the command line, so the desk can check a date the way the program does.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "按节假日安排计算工作日期限和民法典期限。",
        discussion: """
        日历由 templates/calendar/YYYY.toml（全国节假日和调休上班的周末，每年一个文件）和 \
        templates/calendar/ningxia.toml（自治区节假日）组成。
        """,
        subcommands: [Add.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "输出某日期之后第 N 个工作日或第 N 个自然日的日期。",
            discussion: """
            workdays：按工作日计算（跳过周末和节假日，调休上班的周六、周日计入）。days：按民法典规定 \
            ——开始的当日不计入，期限最后一日不是工作日的，顺延至下一个工作日。

            示例：
              gongkai calendar add 2026-02-13 1 workdays     # 2026-02-14（调休上班的周六）
              gongkai calendar add 2026-08-02 60 days        # 2026-10-08（10-01 是国庆）
            """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "起算日期，YYYY-MM-DD。") var date: String
        @Argument(help: "天数（0 至 \(Limit.maximumAmount)）。") var count: Int
        @Argument(help: "单位：workdays（工作日）或 days（自然日）。") var unit: String

        mutating func run() throws {
            let start: CivilDate
            switch CivilDate.parse(date) {
            case .success(let d): start = d
            case .failure(let problem): throw ValidationError("'\(date)' \(problem)")
            }
            guard (0...Limit.maximumAmount).contains(count) else {
                throw ValidationError("天数须在 0 至 \(Limit.maximumAmount) 之间")
            }
            guard let limit = Limit(amount: count, unitText: unit) else {
                throw ValidationError("单位须为 workdays 或 days，而不是 '\(unit)'")
            }
            let calendar = try WorkCalendar.load(templates: global.templatesPath)
            print(try limit.deadline(from: start, calendar: calendar))
        }
    }
}
