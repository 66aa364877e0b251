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

        Amounts follow templates/standards.toml month by month, except a few payments of the last \
        month planted above (or, where a standard changed that month, at the previous) standard: \
        `gongkai check --month` on that month lists exactly those, and the command says how many.

        --shape odd writes instead a small district shaped unlike 原州区 (empty and one-household \
        townships, a month without payments, a programme without recipients, services that never end, \
        open complaints in years without a holiday calendar, names of 1 and 6+ characters and Ext-B \
        characters), different for every seed, and prints what it planted.

        Example:
          gongkai demo --db demo.sqlite                      # 12,000 households, 2024-11 … 2026-10
          gongkai demo --households 100000 --out bench-data --db bench.sqlite
          gongkai demo --shape odd --seed 7 --db odd.sqlite  # 3–14 months ending 2026-10
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @Option(help: "yuanzhou (the 原州区 demo) or odd (a small district of edge cases, different per seed).")
    var shape: DemoShape = .yuanzhou

    @Option(help: "Number of households (yuanzhou shape).")
    var households = 12_000

    @Option(help: ArgumentHelp("The last month of the demo (the yuanzhou shape's 24 months end here).", valueName: "YYYY-MM"))
    var month = "2026-10"

    @Option(help: "Random seed: the same seed gives the same files.")
    var seed: UInt64 = 640_402

    @Option(help: ArgumentHelp("Folder for the CSV files.", valueName: "dir"))
    var out = "demo-data"

    @Flag(help: "Only write the CSV files; do not import them.")
    var noImport = false

    @Option(help: "csv, or xlsx: write each table as a workbook (households.xlsx …) instead, and import those.")
    var format: DemoFormat = .csv

    func validate() throws {
        _ = try parseMonth(month)
        guard households > 0 else { throw ValidationError("--households must be at least 1") }
    }

    func run() async throws {
        let endMonth = try parseMonth(month)
        let standards = try PaymentStandards.load(templates: global.templatesPath)
        let files: [URL]
        switch shape {
        case .yuanzhou:
            let demo = try YuanzhouDemo(.init(households: households, endMonth: endMonth, seed: seed, standards: standards))
            progress("Generating \(households) households, \(demo.options.months) months ending \(month) …")
            let (written, planted) = try FileSystemError.performing("write the demo files into", out) {
                try demo.write(to: URL(fileURLWithPath: out))
            }
            files = written
            print("Planted for gongkai check --month \(endMonth): " + PaymentStandards.FindingKind.allCases.map { kind in
                "\(planted.filter { $0.kind == kind }.count) \(kind.rawValue)"
            }.joined(separator: ", "))
        case .odd:
            let district = try OddDistrict(.init(endMonth: endMonth, seed: seed, standards: standards))
            let written = try FileSystemError.performing("write the demo files into", out) {
                try district.write(to: URL(fileURLWithPath: out))
            }
            print(written.shape.summary)
            files = written.files
        }
        let written = format == .xlsx
            ? try DemoWorkbooks.convert(files, created: "\(endMonth.adding(months: 1))-01T00:00:00Z") : files
        print("Wrote \(written.count) files to \(out)/")
        guard !noImport else { return }
        let store = try global.openStore(.create)
        let importer = Importer(store: store, clock: global.clock,
                                schedule: try ComplaintSchedule.load(templates: global.templatesPath),
                                identity: try identity.cipher(for: store, global: global, creating: true),
                                workbooks: WorkbookTables(),
                                settings: try ImportSettings.load(templates: global.templatesPath))
        progress("Importing into \(global.databasePath) …")
        do {
            ImportReport.print(try importer.run(paths: [out], source: "demo"))
        } catch let errors as InputErrors {
            printError(errors.description)
            throw CommandFailure("The demo data did not import; this is a bug in the demo generator.")
        }
    }
}

/// Which generator `gongkai demo` runs.
enum DemoShape: String, ExpressibleByArgument, CaseIterable {
    case yuanzhou, odd
}

/// The files `gongkai demo` writes.
enum DemoFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, xlsx
}
