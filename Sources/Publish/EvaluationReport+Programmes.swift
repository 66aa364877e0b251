import Document
import GongkaiCore
import Indicators

extension EvaluationReport {
    /// Programmes whose 13-month trend is drawn: the large monthly ones and the one-off 临时救助. The
    /// small special programmes get their table only, which keeps the report short enough to read.
    static let trendProgrammes = ["all", "dibao", "tekun", "temporary"]
    static let trendIndicators = ["households_active", "payments_on_time_rate"]

    static func programmeSections(_ r: IndicatorReader) -> [Block] {
        var blocks: [Block] = [
            .heading(Heading(level: 1, text: "分项目指标")),
            .paragraph(Paragraph("以下按全部项目和本月有在保对象的各救助项目列示全部指标。环比为本月与上月之差，同比为本月与上年同月之差；"
                + "百分比指标的差以百分点计。“—”表示不适用（分母为零或无可比数据）；未设目标的指标只作监测，不评定状态。")),
        ]
        let shown = ["all"] + Programme.allCases.map(\.code).filter(r.isActive)
        for code in shown {
            let name = programmeName(code)
            let rows = r.inputs.catalog.definitions.filter { $0.programmes.contains(code) }
                .map { IndicatorLine(label: r.label($0), definition: $0, programme: code) }
            blocks.append(.heading(Heading(level: 2, text: name)))
            blocks.append(.table(indicatorTable(name: "indicators-\(code)", caption: "\(name)指标（\(r.inputs.month.chinese)）",
                                                rows: rows, r)))
            if trendProgrammes.contains(code) {
                blocks += r.definitions(trendIndicators).compactMap { trendChart($0, programme: code, r) }.map(Block.chart)
            }
        }
        return blocks
    }

    /// A line over the 13 months of the history, labelled by month number with the span in the axis
    /// title. Left out when a month has no value: a gap drawn as zero would read as a collapse.
    static func trendChart(_ d: IndicatorDefinition, programme: String, _ r: IndicatorReader) -> Chart? {
        let history = r.inputs.history
        let values = history.map { r.plotted(d, programme, in: $0) }
        guard let first = history.first, !values.contains(where: { $0 == nil }) else { return nil }
        // A rate's axis starts near its values, not at zero, so a move from 96% to 99% shows; its
        // target is drawn as a labelled dashed line.
        let rate = d.unit == .percent
        let target = d.thresholds(for: programme).flatMap { t in
            d.direction == .none ? nil : Double(t.target.formatted(decimals: d.decimals)).map { Chart.Target(value: $0, label: "目标\(r.target(d, programme))") }
        }
        return Chart(kind: .line, title: "\(programmeName(programme))\(d.name)近\(history.count)个月走势",
                     categoryAxisTitle: "月份（\(first.month.chinese)—\(r.inputs.month.chinese)）",
                     valueAxisTitle: d.name, unit: d.unitLabel,
                     categories: history.map { "\($0.month.month)月" },
                     series: [Series(name: d.name, values: values.compactMap { $0 })], target: target, fromZero: !rate)
    }

    /// The columns of the township comparison, all for programme "all".
    static let townshipIndicators = [
        "households_active", "persons_active", "funds_paid", "payments_on_time_rate", "approvals_within_limit_rate",
        "complaints_per_1000_households",
    ]

    /// Townships side by side. The 全区 row is the district's own figure, computed from summed
    /// numerators and denominators, never a sum or an average of the rounded township figures.
    static func townshipComparison(_ r: IndicatorReader) -> [Block] {
        let defs = r.definitions(townshipIndicators)
        let townships = r.inputs.townships
        // Per indicator, the townships' values and the district's last, with one number of decimals.
        let columns = defs.map { r.column($0, "all", townships: townships + ["all"]) }
        var blocks: [Block] = [
            .heading(Heading(level: 1, text: "乡镇比较")),
            .table(Table(
                name: "townships", caption: "各乡镇主要指标（全部项目，\(r.inputs.month.chinese)）",
                columns: [Column(title: "乡镇", width: 1.3)] + defs.map { numberColumn(r.label($0), width: $0.unit == .yuan ? 1.7 : 1.1) },
                rows: (townships + ["全区"]).enumerated().map { i, t in
                    let cells = [Cell(t)] + columns.map { Cell($0[i]) }
                    return i < townships.count ? .body(cells) : .total(cells)
                })),
            .note(Note(text: "全区一行为全区口径重新计算的数值：比率由全区分子、分母汇总后计算，不是各乡镇数值的合计或平均。")),
        ]
        if let households = r.definition("households_active") {
            blocks.append(.chart(Chart(kind: .bar, title: "各乡镇\(households.name)（\(r.inputs.month.chinese)）",
                                       categoryAxisTitle: "乡镇", valueAxisTitle: households.name, unit: households.unitLabel,
                                       categories: chartLabels(townships),
                                       series: [Series(name: households.name, values: townships.map {
                                           r.plotted(households, "all", township: $0) ?? 0
                                       })])))
        }
        return blocks
    }

    /// "三营", "南关" for 三营镇, 南关街道: a chart's category slots are too narrow for fourteen full
    /// names side by side, and the table above gives them in full. Full names are kept when the
    /// short ones would collide.
    static func chartLabels(_ townships: [String]) -> [String] {
        let short = townships.map(Townships.shortName(of:))
        return Set(short).count == short.count ? short : townships
    }
}
