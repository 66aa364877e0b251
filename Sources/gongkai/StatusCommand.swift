import ArgumentParser
import Foundation
import GongkaiCore
import Store

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "显示数据库中有什么：各类数据的行数、覆盖的月份、最近的导入。"
    )

    @OptionGroup var global: GlobalOptions

    /// A summary has no rows to export, so no csv.
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "输出格式：table 或 json。")
    var format: Format = .table

    func run() async throws {
        let summary = try StoreSummary.read(from: try global.openStore(.readOnly))
        switch format {
        case .json:
            print(try StableJSON.text(summary))
        case .table:
            print("数据库：\(global.databaseName)")
            for c in summary.counts { print("  \(c.kind.padding(toLength: 12, withPad: " ", startingAt: 0)) \(String(c.rows).leftPad(10))") }
            if let first = summary.firstMonth, let last = summary.lastMonth {
                print("发放记录覆盖 \(first) … \(last)（\(summary.monthsWithPayments) 个月）。")
            } else {
                print("还没有发放记录。")
            }
            print("最近的导入：")
            if summary.recentImports.isEmpty { print("  无——请运行 `gongkai import 路径` 或 `gongkai demo`。") }
            for run in summary.recentImports {
                let rows = run.files.reduce(0) { $0 + $1.rowsRead }
                print("  #\(run.importID) \(run.importedAt) \(run.source): \(run.files.map(\.fileName).joined(separator: ", ")) （\(rows) 行）")
            }
            printDepartmentLists(summary.departmentLists)
        }
    }

    /// What the store holds of the departments' lists (data matching, PIPL §19).
    private func printDepartmentLists(_ holdings: DepartmentListHoldings) {
        guard !holdings.lists.isEmpty else { return }
        print(holdings.rowsHeld == 0 ? "部门比对名单：库中没有保留任何名单行（比对后均已删除）。"
              : "部门比对名单：库中保留 \(holdings.rowsHeld) 行：")
        for l in holdings.lists {
            let state: String
            if let deleted = l.deletedAt {
                state = "已比对，名单已于 \(deleted) 删除"
            } else if let until = l.keptUntil {
                state = "已比对，\(l.rowsHeld) 行封存至 \(until)"
            } else {
                state = "\(l.rowsHeld) 行待比对（gongkai match run --batch \(l.batch)）"
            }
            print("  \(l.batch) \(l.list)（\(l.fileName)，\(l.rows) 行）：\(state)")
        }
    }
}
