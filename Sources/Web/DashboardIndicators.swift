import GongkaiCore
import Indicators
import Store

/// The dashboard's key indicators (templates/web/dashboard.mustache): every indicator of
/// templates/indicators.toml with a direction and a district target for all programmes, its value
/// and status — as the month's publication stored them (`indicator_snapshot`, whose status was
/// decided on the exact fraction), or computed from the data for a month not published, marked
/// 未发布 —, its target, and a 13-month sparkline; and, per township, how many of them are 达标 /
/// 预警 / 未达标. Flat, pre-formatted strings: a template renders a missing key as nothing.
struct DashboardIndicators {
    let catalog: IndicatorCatalog
    let month: YearMonth
    /// The rows of programme "all" for the 13 months ending with `month`: the snapshots of the
    /// published months and the figures computed for the others.
    let rows: [IndicatorSnapshots.Row]
    /// The month indexes whose rows are a publication's snapshot.
    let published: Set<Int>
    let townships: [String]

    static let programme = "all"

    /// The status's class (its colour in gongkai.css) and the words said beside it: never the colour alone.
    static func status(_ text: String?) -> (className: String, label: String) {
        switch text {
        case .some(IndicatorStatus.met.rawValue): ("met", "达标")
        case .some(IndicatorStatus.warning.rawValue): ("near", "预警（接近目标）")
        case .some(IndicatorStatus.missed.rawValue): ("missed", "未达标")
        case .some(IndicatorRow.withheldStatus): ("withheld", "不公布")
        default: ("none", "无数据")
        }
    }

    var keyDefinitions: [IndicatorDefinition] {
        catalog.definitions.filter {
            $0.direction != .none && $0.programmes.contains(Self.programme) && $0.thresholds(for: Self.programme) != nil
        }
    }

    var months: [YearMonth] { (0..<13).map { month.adding(months: $0 - 12) } }

    /// indicator|township|month index → row.
    private var index: [String: IndicatorSnapshots.Row] {
        Dictionary(rows.map { ("\($0.indicator)|\($0.township)|\($0.month.index)", $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The value as publications print it (`IndicatorDefinition.displayed`), with its unit.
    static func text(_ row: IndicatorSnapshots.Row?, _ d: IndicatorDefinition) -> String {
        guard let row else { return "—" }
        guard let value = row.value.flatMap({ Fraction(decimal: $0) }) else {
            return row.status == IndicatorRow.withheldStatus ? "*" : "—"
        }
        return d.displayed(value, programme: programme) + unit(d)
    }

    static func unit(_ d: IndicatorDefinition) -> String { d.unitLabel.isEmpty ? d.unit.chinese : d.unitLabel }

    static func target(_ d: IndicatorDefinition) -> String {
        guard let t = d.thresholds(for: programme) else { return "—" }
        let sign = d.direction == .higher ? "≥" : "≤"
        var text = "\(sign)\(t.target.dataText())\(unit(d))"
        if let w = t.warning { text += "（预警 \(sign)\(w.dataText())\(unit(d))）" }
        return text
    }

    /// The key indicators' rows of the table, in the order of the definitions.
    var indicators: [KeyIndicatorRow] {
        let index = self.index
        let months = self.months
        return keyDefinitions.enumerated().map { n, d in
            let now = index["\(d.id)|all|\(month.index)"]
            let status = Self.status(now?.status)
            let history = months.map { index["\(d.id)|all|\($0.index)"] }
            let values = history.map { row in row?.value.flatMap { Double($0) } }
            let target = d.thresholds(for: Self.programme).flatMap { Double($0.target.dataText()) }
            let spark = Sparkline(values: values, including: target.map { [$0] } ?? [])
            return KeyIndicatorRow(
                id: "i\(n)", name: d.name, value: Self.text(now, d), target: Self.target(d),
                statusClass: status.className, statusLabel: status.label,
                sparkText: "\(months[0].chinese)至\(month.chinese)各月：" + zip(months, history).map { m, row in
                    Self.text(row, d) + (published.contains(m.index) ? "" : "（未发布）")
                }.joined(separator: "、"),
                targetY: target.map { String(format: "%.1f", spark.y($0)) } ?? "",
                segments: spark.segments.map { .init(points: $0) },
                dots: spark.dots.map { .init(x: $0.x, y: $0.y) })
        }
    }

    /// Per township: how many key indicators are 达标, 预警, 未达标 this month, and which missed.
    var townshipRows: [TownshipTally] {
        let index = self.index
        let definitions = keyDefinitions
        return townships.map { name in
            var counts: [String: Int] = [:]
            var missed: [String] = []
            for d in definitions {
                let status = Self.status(index["\(d.id)|\(name)|\(month.index)"]?.status).className
                counts[status, default: 0] += 1
                if status == "missed" { missed.append(d.name) }
            }
            return TownshipTally(name: name, met: counts["met"] ?? 0, near: counts["near"] ?? 0, missed: counts["missed"] ?? 0,
                                 missedNames: missed)
        }
    }

    /// A township's key indicators of the month by status.
    struct TownshipTally: Sendable {
        let name: String
        let met: Int, near: Int, missed: Int
        /// The names of those 未达标.
        let missedNames: [String]

        /// Every name templates/web/indicator-township-row.mustache may use.
        static let fields: [String: TypedTemplate<TownshipTally>.Field] = [
            "name": .text { $0.name }, "met": .text { String($0.met) }, "near": .text { String($0.near) },
            "missed": .text { String($0.missed) },
            "missedNames": .text { $0.missedNames.isEmpty ? "—" : $0.missedNames.joined(separator: "、") },
        ]
    }

    /// What the page shows of the indicators, computed once per month and state of the data,
    /// definitions and snapshots (`MonthFiguresCache`): building it on every load was 6% of the
    /// dashboard's time and rendering its rows through Mustache 12% (issue 28).
    struct Model: Sendable {
        let indicators: [KeyIndicatorRow]
        let townships: [TownshipTally]
        /// Months that could not be computed, in words.
        let problems: [String]
        let monthPublished: Bool
    }
}
