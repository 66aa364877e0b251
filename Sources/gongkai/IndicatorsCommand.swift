import ArgumentParser
import Foundation
import GongkaiCore
import Indicators
import Publish
import Store

struct IndicatorsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators",
        abstract: "按救助项目和乡镇计算当月绩效指标。",
        discussion: """
        指标定义在 templates/indicators.toml（docs/indicators.md 有说明）。每个指标对其适用的每个救助\
        项目和全部项目（all）、每个乡镇和全区（all）分别计算；全区的比率是分子之和除以分母之和。不适用\
        的值（0/0）在表格中显示为 —，在 CSV/JSON 中为空。

        只读取数据库（可以是只读文件）：发布所记录的数据由 `gongkai publish` 保存。

        指标读取按月汇总表（在保计数的月度变化、每月发放的分组笔数），导入时在同一事务中自动更新。\
        如果数据库中的明细被 gongkai 以外的程序改动过，用 --rebuild-aggregates 按明细重建汇总表\
        （不计算指标，不需要 --month）。

        示例：
          gongkai indicators --month 2026-10                       # 全区，全部项目
          gongkai indicators --month 2026-10 --programme dibao --township 三营镇
          gongkai indicators --month 2026-10 --format csv > indicators.csv
          gongkai indicators --month 2026-10 --format xlsx --out indicators.xlsx
          gongkai indicators --rebuild-aggregates                  # 按明细重建汇总表
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("要计算的月份（除 --rebuild-aggregates 外必须提供）。", valueName: "YYYY-MM"))
    var month: String?

    @Flag(help: "按数据库中的明细重建指标的按月汇总表，然后退出（导入会自动更新汇总表，只在明细被 gongkai 以外的程序改动后需要）。")
    var rebuildAggregates = false

    @Option(help: ArgumentHelp("救助项目代码（dibao、tekun……）或中文名称；或 all（全部）。", valueName: "项目"))
    var programme: String?

    @Option(help: ArgumentHelp("乡镇名称，或 all（全区）。", valueName: "乡镇"))
    var township: String?

    @Option(help: "输出格式：table、csv、json 或 xlsx（csv、json 和 xlsx 不加筛选时列出全部项目和乡镇）。")
    var format: ListingFormat = .table

    @Option(help: ArgumentHelp("与 --format xlsx 一起用：要写入的工作簿（数值保存为数字，附指标定义表）。", valueName: "文件"))
    var out: String?

    func validate() throws {
        if rebuildAggregates {
            guard month == nil, programme == nil, township == nil, out == nil, format == .table else {
                throw ValidationError("--rebuild-aggregates 只重建汇总表，不能与 --month、--programme、--township、--format 或 --out 一起用")
            }
            return
        }
        guard let month else { throw ValidationError("请用 --month YYYY-MM 指定要计算的月份（如 --month 2026-10）") }
        _ = try parseMonth(month)
        try validateSpreadsheetOutput(format, out)
    }

    func run() async throws {
        if rebuildAggregates {
            let store = try global.openStore(.readWrite)
            progress("正在按明细重建指标的按月汇总表……")
            let counts = try store.rebuildIndicatorAggregates()
            print("已重建：在保计数变化 \(counts.enrolmentChanges) 行，发放分组 \(counts.paymentTallies) 行")
            return
        }
        let month = try parseMonth(self.month ?? "")
        let programmeCode: String?
        if let programme, programme != "all" {
            guard let p = Programme(parsing: programme) else {
                throw ValidationError("未知的救助项目 '\(programme)'：请用 \(Programme.allCases.map(\.code).joined(separator: "、")) 或 all")
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
            throw ValidationError("未知的乡镇 '\(township)'：数据库中有 \(engine.townships.joined(separator: "、"))")
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
            progress("已将 \(rows.count) 行写入 \(out ?? "indicators.xlsx")")
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
