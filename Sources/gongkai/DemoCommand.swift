import ArgumentParser
import DemoData
import Foundation
import GongkaiCore
import Store

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write realistic 原州区 demo data as CSV files and import them.",
        discussion: """
        The files follow the CSV contract exactly and are imported through the same importer as real \
        exports, so the demo exercises the real path. The same seed always gives byte-identical files.

        Example:
          gongkai demo --db demo.sqlite                      # 12,000 households, 2024-11 … 2026-10
          gongkai demo --households 100000 --out bench-data --db bench.sqlite
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: "Number of households.")
    var households = 12_000

    @Option(help: ArgumentHelp("The last month of the demo (24 months end here).", valueName: "YYYY-MM"))
    var month = "2026-10"

    @Option(help: "Random seed: the same seed gives the same files.")
    var seed: UInt64 = 640_402

    @Option(help: ArgumentHelp("Folder for the CSV files.", valueName: "dir"))
    var out = "demo-data"

    @Flag(help: "Only write the CSV files; do not import them.")
    var noImport = false

    func validate() throws {
        _ = try parseMonth(month)
        guard households > 0 else { throw ValidationError("--households must be at least 1") }
    }

    func run() async throws {
        let demo = YuanzhouDemo(.init(households: households, endMonth: try parseMonth(month), seed: seed))
        progress("Generating \(households) households, \(demo.options.months) months ending \(month) …")
        let files = try FileSystemError.performing("write the demo files into", out) { try demo.write(to: URL(fileURLWithPath: out)) }
        print("Wrote \(files.count) files to \(out)/")
        guard !noImport else { return }
        let store = try global.openStore(.create)
        let importer = Importer(store: store, clock: global.clock,
                                schedule: try ComplaintSchedule.load(templates: global.templatesPath))
        progress("Importing into \(global.databasePath) …")
        do {
            ImportReport.print(try importer.run(paths: [out], source: "demo"))
        } catch let errors as InputErrors {
            printError(errors.description)
            throw CommandFailure("The demo data did not import; this is a bug in the demo generator.")
        }
    }
}
