import Document
import GongkaiCore
import Indicators

/// The month's management-review report (社会救助绩效评估报告): key figures, every indicator per
/// programme against its target, townships side by side, services, complaint handling, data
/// matching, the team, and appendices that print every indicator's definition and where the data
/// came from, so a reader can check any figure.
///
/// A pure function of `EvaluationInputs`: the same inputs always give the same document, and the
/// report is tested without a database. It holds counts and ratios only, never a person.
public enum EvaluationReport {
    public static func document(_ inputs: EvaluationInputs) -> Document {
        let r = IndicatorReader(inputs)
        var blocks = overview(r)
        blocks += programmeSections(r)
        blocks += townshipComparison(r)
        blocks += serviceOutcomes(r)
        blocks += complaintHandling(r)
        blocks += dataMatching(r)
        blocks += dataQuality(r)
        blocks += team(r)
        blocks.append(.signature(Signature(office: inputs.office.name, date: inputs.publicationDate)))
        blocks.append(.pageBreak)
        blocks += methodologyAppendix(r)
        blocks += dataAppendix(r)
        let district = inputs.office.district
        return Document(
            metadata: DocumentMetadata(
                title: [district, inputs.month.chinese, "社会救助", "绩效评估报告"], office: inputs.office.name,
                subject: "\(district)\(inputs.month.chinese)社会救助指标、投诉办理、数据比对与队伍建设评估",
                keywords: ["社会救助", "绩效评估", "评估报告", district, inputs.month.description],
                publicationDate: inputs.publicationDate),
            blocks: blocks)
    }

    /// The key figures of 总体情况 in rows of three (caseload and money; timeliness and services;
    /// callers): three to a row leaves room for names like 审批时限内办结率, which four would cut.
    static let keyFigureRows = [
        ["households_active", "persons_active", "funds_paid"],
        ["payments_on_time_rate", "approvals_within_limit_rate", "service_coverage_rate"],
        ["complaints_closed_on_time_rate", "complaint_satisfaction_rate"],
    ]

    static func overview(_ r: IndicatorReader) -> [Block] {
        let month = r.inputs.month.chinese
        var text = "\(month)，全区各项社会救助"
        let caseload = r.definitions(["households_active", "persons_active"])
        if !caseload.isEmpty {
            text += "在保" + caseload.map { r.value($0, "all") + $0.unitLabel }.joined(separator: "、") + "，"
        }
        if let funds = r.definition("funds_paid") {
            text += "发放救助资金\(r.value(funds, "all"))元，"
        }
        text += "与上月相比，" + r.definitions(["households_active", "persons_active", "funds_paid"])
            .map { $0.name + r.changeOnLastMonth($0, "all") }
            .joined(separator: "，") + "。"

        let judged = r.inputs.catalog.definitions.filter { r.status($0, "all") != nil }
        func names(_ status: IndicatorStatus) -> [String] { judged.filter { r.status($0, "all") == status }.map(\.name) }
        text += "全区层面设定目标的\(judged.count)项指标中，\(names(.met).count)项达标"
        for (status, word) in [(IndicatorStatus.warning, "预警"), (.missed, "未达标")] where !names(status).isEmpty {
            text += "，\(names(status).count)项\(word)（\(names(status).joined(separator: "、"))）"
        }
        text += "。"

        let figures = keyFigureRows.map { ids in
            Block.keyFigures(KeyFigures(items: r.definitions(ids).map { keyFigure($0, r) }))
        }
        return [.heading(Heading(level: 1, text: "总体情况")), .paragraph(Paragraph(text))] + figures
    }

    /// An amount of money is shown in 万元 in its box, where a full amount in yuan does not fit; the
    /// tables keep the exact yuan.
    static func keyFigure(_ d: IndicatorDefinition, _ r: IndicatorReader) -> KeyFigure {
        let change = "环比 " + r.change(d, "all", from: r.inputs.previous)
        guard d.unit == .yuan, let yuan = r.exact(d, "all"),
              let tenThousands = Fraction(1, 10_000).flatMap(yuan.multiplied(by:)) else {
            return KeyFigure(label: d.name, value: r.value(d, "all"), unit: d.unitLabel, change: change,
                             status: r.figureStatus(d, "all"))
        }
        return KeyFigure(label: d.name, value: IndicatorReader.grouped(tenThousands.formatted(decimals: 2)), unit: "万元",
                         change: change + "元", status: r.figureStatus(d, "all"))
    }

    /// "全部项目" or the programme's official name.
    static func programmeName(_ code: String) -> String {
        code == "all" ? "全部项目" : Programme(rawValue: code)?.chineseName ?? code
    }

    /// One row of an indicator table: which indicator, for which programme, under which label.
    struct IndicatorLine {
        let label: String
        let definition: IndicatorDefinition
        let programme: String
    }

    /// 指标 | 本月 | 目标 | 状态 | 环比 | 同比: the one shape every indicator table of the report has,
    /// so a reader learns it once. Its columns are weighed by what they hold (`Table.weighedByContent`):
    /// a district's funds ("+1,484,807.00") and an indicator's name each get the room they need.
    static func indicatorTable(name: String, caption: String, rows: [IndicatorLine], _ r: IndicatorReader) -> Table {
        Table(name: name, caption: caption,
              columns: [Column(title: "指标"), Column(title: "本月", align: .right), Column(title: "目标", align: .center),
                        Column(title: "状态", align: .center), Column(title: "环比", align: .right), Column(title: "同比", align: .right)],
              rows: rows.map { row in
                  let d = row.definition, p = row.programme
                  return .body([Cell(row.label), Cell(r.value(d, p)), Cell(r.target(d, p)),
                                Cell(r.status(d, p)?.rawValue ?? "—", status: r.status(d, p).map { _ in r.figureStatus(d, p) }), Cell(r.change(d, p, from: r.inputs.previous)),
                                Cell(r.change(d, p, from: r.inputs.lastYear))])
              }).weighedByContent()
    }

    /// The district-level ("all") rows of the given indicators, labelled with name and unit.
    static func districtRows(_ ids: [String], _ r: IndicatorReader) -> [IndicatorLine] {
        r.definitions(ids).map { IndicatorLine(label: r.label($0), definition: $0, programme: "all") }
    }

    /// A right-aligned column for counts and amounts.
    static func numberColumn(_ title: String, width: Double = 1) -> Column { Column(title: title, align: .right, width: width) }

    /// A count cell with thousands separators.
    static func countCell(_ value: Int) -> Cell { Cell(IndicatorReader.grouped(String(value))) }
}
