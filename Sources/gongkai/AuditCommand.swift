import Accounts
import ArgumentParser
import Foundation
import GongkaiCore

struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "查看只可追加的审计日志（登录、锁定、密码和用户变更、查看来电人身份……）。",
        discussion: """
        供审计管理员的脚本使用。记录只能追加，不能修改或删除。

        示例：
          gongkai audit list --since 2026-11-01
          gongkai audit list --actor ma.li --action login --format csv > audit.csv
        """,
        subcommands: [List.self]
    )

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出审计记录，最新的在前（csv：最早的在前，带 BOM，便于 Excel 和 WPS 打开）。")
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("从这一天起（北京时间），YYYY-MM-DD。", valueName: "日期")) var since: String?
        @Option(help: ArgumentHelp("只看该操作者（登录名，或 cli:<用户>）。", valueName: "登录名")) var actor: String?
        @Option(help: ArgumentHelp("只看该操作（login、lockout、password.change、user.add……）。", valueName: "操作")) var action: String?
        @Option(help: "结果：success、failure 或 refused。") var outcome: String?
        @Option(help: "最多列出多少条记录。") var limit = 1000
        @Option(help: "输出格式：table 或 csv。") var format: UserCommand.List.ListFormat = .table

        func run() throws {
            var query = AuditQuery(actor: actor, action: action.map(AuditAction.init(rawValue:)), limit: limit,
                                   oldestFirst: format == .csv)
            if let since {
                guard let day = CivilDate(parsing: since) else { throw ValidationError("--since 须为 YYYY-MM-DD 格式，如 2026-11-01（而不是 '\(since)'）") }
                query.since = Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86400 - ChinaTime.offsetSeconds))
            }
            if let outcome {
                guard let o = AuditOutcome(rawValue: outcome) else { throw ValidationError("--outcome 须为 success、failure 或 refused（而不是 '\(outcome)'）") }
                query.outcome = o
            }
            let log = AuditLog(store: try global.openStore(.readOnly))
            switch format {
            case .csv:
                FileHandle.standardOutput.write(Data(try log.csv(query).utf8WithBOM))
            case .table:
                let rows = try log.entries(query).map { [$0.time, $0.actor, $0.source, $0.action, $0.object, $0.outcome, $0.detail] }
                print(rows.isEmpty ? "没有审计记录" : TextTable.render(header: ["时间（UTC）", "操作者", "来源", "操作", "对象", "结果", "详情"], rows: rows))
            }
        }
    }
}
