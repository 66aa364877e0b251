import ArgumentParser
import Foundation
import GongkaiCore
import Indicators
import Publish
import Store

struct IndicatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "Compute the month's outcome indicators per programme and township.",
        discussion: """
        Definitions live in templates/indicators.toml (docs/indicators.md explains them). Every indicator \
        is computed for each programme it applies to and for "all", in each township and for the district \
        ("all"); district rates divide summed numerators by summed denominators. A value that is not \
        applicable (0/0) prints as — in the table and empty in CSV/JSON.

        The store is only read (it may be a read-only file): the figures a publication records are \
        stored by `gongkai publish`.

        Examples:
          gongkai indicators --month 2026-10                       # district, all programmes
          gongkai indicators --month 2026-10 --programme dibao --township 三营镇
          gongkai indicators --month 2026-10 --format csv > indicators.csv
          gongkai indicators --month 2026-10 --format xlsx --out indicators.xlsx
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The month to compute.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: ArgumentHelp("A programme code (dibao, tekun, …) or its Chinese name; or all.", valueName: "P"))
    var programme: String?

    @Option(help: ArgumentHelp("A township name, or all (the district).", valueName: "T"))
    var township: String?

    @Option(help: "table, csv, json or xlsx (csv, json and xlsx list every programme and township unless filtered).")
    var format: ListingFormat = .table

    @Option(help: ArgumentHelp("With --format xlsx: the workbook to write (values as numbers, a definitions sheet).", valueName: "file"))
    var out: String?

    func validate() throws {
        _ = try parseMonth(month)
        try validateSpreadsheetOutput(format, out)
    }

    func run() async throws {
        let month = try parseMonth(self.month)
        let programmeCode: String?
        if let programme, programme != "all" {
            guard let p = Programme(parsing: programme) else {
                throw ValidationError("unknown programme '\(programme)': use \(Programme.allCases.map(\.code).joined(separator: ", ")) or all")
            }
            programmeCode = p.code
        } else {
            programmeCode = programme
        }
        let store = try global.openStore(.readOnly)
        let catalog = try IndicatorCatalog.load(templates: global.templatesPath, store: store)
        let engine = try IndicatorEngine(store: store, catalog: catalog,
                                         calendar: try WorkCalendar.load(templates: global.templatesPath))
        if let township, township != "all", !engine.townships.contains(township) {
            throw ValidationError("unknown township '\(township)': the store has \(engine.townships.joined(separator: ", "))")
        }
        let computed = try engine.compute(month)
        switch format {
        case .csv:
            var csv = CSVWriter(header: IndicatorRow.csvHeader)
            for row in computed.rows(catalog: catalog, programme: programmeCode, township: township) { csv.append(row.csvFields) }
            print(csv.text, terminator: "")
        case .json:
            print(try StableJSON.text(computed.rows(catalog: catalog, programme: programmeCode, township: township)))
        case .xlsx:
            let rows = computed.rows(catalog: catalog, programme: programmeCode, township: township)
            let data = try IndicatorWorkbook.data(rows, catalog: catalog, title: "\(month.chinese)社会救助绩效指标",
                                                  created: "\(global.clock.today)T00:00:00Z")
            try OutputFile.write(data, to: out ?? "indicators.xlsx")
            progress("Wrote \(rows.count) rows to \(out ?? "indicators.xlsx")")
        case .table:
            // The table also shows the change on last month and on the same month last year; a month
            // the holiday calendar does not cover has nothing to compare with (—).
            func comparison(_ earlier: YearMonth) throws -> MonthIndicators? {
                do { return try engine.compute(earlier) } catch let error as IndicatorError {
                    guard case .calendarNotCovered = error else { throw error }
                    return nil
                }
            }
            let previous = try comparison(month.adding(months: -1))
            let lastYear = try comparison(month.adding(months: -12))
            printTable(computed, previous: previous, lastYear: lastYear, catalog: catalog,
                       programme: programmeCode ?? "all", township: township ?? "all")
        }
    }

    private func printTable(_ computed: MonthIndicators, previous: MonthIndicators?, lastYear: MonthIndicators?,
                            catalog: IndicatorCatalog, programme: String, township: String) {
        let programmeName = programme == "all" ? "全部项目" : Programme(rawValue: programme)?.shortName ?? programme
        print("\(computed.month.chinese) · \(programmeName) · \(township == "all" ? "全区" : township)")
        let definitions = Dictionary(catalog.definitions.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        func change(_ id: String, since earlier: MonthIndicators?) -> String {
            guard let earlier, let d = definitions[id],
                  let diff = computed.difference(id, programme: programme, township: township, since: earlier,
                                                 decimals: d.decimals) else { return "—" }
            return diff.sign == 0 ? "持平" : (diff.sign > 0 ? "+" : "−") + diff.magnitude
        }
        // Printed as the publication prints them (`IndicatorDefinition.displayed`), not as data.
        let rows = computed.values.filter { $0.programme == programme && $0.township == township }.compactMap { v -> [String]? in
            guard let d = definitions[v.indicator] else { return nil }
            let target = d.thresholds(for: programme).map { $0.target.formatted(decimals: d.decimals) } ?? ""
            return [d.name, v.value.map { d.displayed($0, programme: programme) } ?? "—", d.unitLabel, target,
                    v.status?.rawValue ?? "", change(v.indicator, since: previous), change(v.indicator, since: lastYear)]
        }
        print(TextTable.render(header: ["指标", "数值", "单位", "目标", "状态", "环比", "同比"], rows: rows))
    }
}
