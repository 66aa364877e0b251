import ArgumentParser
import GongkaiCore

/// The deadline engine from the command line, so the desk can check a date the way the program does.
struct CalendarCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "Working-day and Civil Code deadline arithmetic on the holiday calendar.",
        discussion: """
        The calendar is templates/calendar/YYYY.toml (national holidays and 调休 working weekends, \
        one file per year) plus templates/calendar/ningxia.toml (regional holidays).
        """,
        subcommands: [Add.self]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Print the date N working days or N calendar days after DATE.",
            discussion: """
            workdays: counts working days after DATE (weekends and holidays skipped, 调休 Saturdays \
            and Sundays counted). days: the Civil Code rule — the start day is not counted and a \
            last day that is not a working day moves to the next working day.

            Example:
              gongkai calendar add 2026-02-13 1 workdays     # 2026-02-14 (调休 Saturday)
              gongkai calendar add 2026-08-02 60 days        # 2026-10-08 (10-01 is 国庆)
            """
        )

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The start date, YYYY-MM-DD.") var date: String
        @Argument(help: "How many days (0 to 36500).") var count: Int
        @Argument(help: "workdays or days.") var unit: String

        mutating func run() throws {
            let start: CivilDate
            switch CivilDate.parse(date) {
            case .success(let parsed): start = parsed
            case .failure(let problem): throw ValidationError("'\(date)' \(problem)")
            }
            // The calendar covers a few years; a bound keeps the date arithmetic far from overflow.
            guard (0...36_500).contains(count) else { throw ValidationError("the count must be from 0 to 36500, not \(count)") }
            guard let limit = Limit(amount: count, unitText: unit) else {
                throw ValidationError("the unit must be 'workdays' or 'days', not '\(unit)'")
            }
            let calendar = try WorkCalendar.load(templates: global.templatesPath)
            print(try limit.deadline(from: start, calendar: calendar))
        }
    }
}
