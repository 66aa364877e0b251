import ArgumentParser
import Foundation
import GongkaiCore
import Store

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the store holds: rows per kind, months covered, the last imports."
    )

    @OptionGroup var global: GlobalOptions

    /// A summary has no rows to export, so no csv.
    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    @Option(help: "table or json.")
    var format: Format = .table

    func run() async throws {
        let summary = try StoreSummary.read(from: try global.openStore(.readOnly))
        switch format {
        case .json:
            print(try StableJSON.text(summary))
        case .table:
            print("Store: \(global.databasePath)")
            for c in summary.counts { print("  \(c.kind.padding(toLength: 12, withPad: " ", startingAt: 0)) \(String(c.rows).leftPad(10))") }
            if let first = summary.firstMonth, let last = summary.lastMonth {
                print("Payments cover \(first) … \(last) (\(summary.monthsWithPayments) months).")
            } else {
                print("No payments yet.")
            }
            print("Last imports:")
            if summary.recentImports.isEmpty { print("  none — run `gongkai import PATH` or `gongkai demo`.") }
            for run in summary.recentImports {
                let rows = run.files.reduce(0) { $0 + $1.rowsRead }
                print("  #\(run.importID) \(run.importedAt) \(run.source): \(run.files.map(\.fileName).joined(separator: ", ")) (\(rows) rows)")
            }
        }
    }
}
