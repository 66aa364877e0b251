import Accounts
import ArgumentParser
import Foundation
import GongkaiCore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Read the append-only audit log (logins, lockouts, password and user changes, reveals…).",
        discussion: """
        For the 审计管理员's scripts. Records can only be appended: nothing changes or deletes them.

        Examples:
          gongkai audit list --since 2026-11-01
          gongkai audit list --actor ma.li --action login --format csv > audit.csv
        """,
        subcommands: [List.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List audit records, newest first (csv: oldest first, with a BOM for Excel and WPS).")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("From this day (Beijing time), YYYY-MM-DD.", valueName: "date")) var since: String?
        @Option(help: ArgumentHelp("Only this actor (a login, cli:<user>).", valueName: "login")) var actor: String?
        @Option(help: ArgumentHelp("Only this action (login, lockout, password.change, user.add, …).", valueName: "action")) var action: String?
        @Option(help: "success, failure or refused.") var outcome: String?
        @Option(help: "At most this many records.") var limit = 1000
        @Option(help: "table or csv.") var format: UserCommand.List.ListFormat = .table

        func run() throws {
            var query = AuditQuery(actor: actor, action: action.map(AuditAction.init(rawValue:)), limit: limit,
                                   oldestFirst: format == .csv)
            if let since {
                guard let day = CivilDate(parsing: since) else { throw ValidationError("--since must be YYYY-MM-DD, e.g. 2026-11-01 (not '\(since)')") }
                query.since = Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86400 - ChinaTime.offsetSeconds))
            }
            if let outcome {
                guard let o = AuditOutcome(rawValue: outcome) else { throw ValidationError("--outcome must be success, failure or refused (not '\(outcome)')") }
                query.outcome = o
            }
            let log = AuditLog(store: try global.openStore(.readOnly))
            switch format {
            case .csv:
                FileHandle.standardOutput.write(Data(try log.csv(query).utf8WithBOM))
            case .table:
                let rows = try log.entries(query).map { [$0.time, $0.actor, $0.source, $0.action, $0.object, $0.outcome, $0.detail] }
                print(rows.isEmpty ? "no audit records" : TextTable.render(header: ["time_utc", "actor", "source", "action", "object", "outcome", "detail"], rows: rows))
            }
        }
    }
}
