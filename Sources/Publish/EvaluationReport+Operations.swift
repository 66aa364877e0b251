import Desk
import Document
import GongkaiCore
import Indicators
import Store

/// The sections on how the work is done: services beside cash, complaints, data matching, the team.
/// Their tables print counts from `ReportAggregates` and `ComplaintStatistics`; ratios in them are
/// recomputed from the totals, never averaged.
extension EvaluationReport {
    static func serviceOutcomes(_ r: IndicatorReader) -> [Block] {
        var rows = districtRows(["service_coverage_rate", "training_employment_rate", "service_satisfaction_rate"], r)
        if let exits = r.definition("exits_by_income_rate") {
            rows.append(IndicatorLine(label: "\(exits.name)（低保，\(exits.unitLabel)）", definition: exits, programme: "dibao"))
        }
        let services = r.inputs.services
        let first = r.inputs.month.adding(months: -11).chinese
        let total = (started: services.reduce(0) { $0 + $1.started }, ended: services.reduce(0) { $0 + $1.ended },
                     employed: services.reduce(0) { $0 + $1.employedOrStartedBusiness },
                     rated: services.reduce(0) { $0 + $1.rated }, satisfied: services.reduce(0) { $0 + $1.satisfied })
        func cells(_ name: String, _ started: Int, _ ended: Int, _ employed: Int, _ rated: Int, _ satisfied: Int) -> [Cell] {
            [Cell(name), countCell(started), countCell(ended), countCell(employed), countCell(rated),
             countCell(satisfied), Cell(IndicatorReader.percent(satisfied, of: rated))]
        }
        return [
            .heading(Heading(level: 1, text: "“救助+服务”成效")),
            .paragraph(Paragraph("“物质+服务”救助的成效看三点：救助对象中同时接受服务的比例，技能培训后就业创业的比例，"
                + "以及服务对象的满意程度；低保退出中因增收、就业退出的占比反映救助的“造血”效果。")),
            .table(indicatorTable(name: "service-indicators", caption: "“救助+服务”指标（\(r.inputs.month.chinese)）", rows: rows, r)),
            .table(Table(
                name: "services", caption: "分服务类型情况（\(first)—\(r.inputs.month.chinese)）",
                columns: [Column(title: "服务类型", width: 1.8), numberColumn("开始服务"), numberColumn("结束服务"), numberColumn("其中就业创业", width: 1.4),
                          numberColumn("参与评价"), numberColumn("满意"), numberColumn("满意率（%）", width: 1.1)],
                rows: services.map { .body(cells($0.serviceType, $0.started, $0.ended, $0.employedOrStartedBusiness, $0.rated, $0.satisfied)) }
                    + [.total(cells("合计", total.started, total.ended, total.employed, total.rated, total.satisfied))])),
            .note(Note(text: "服务按开始、结束日期计入近12个月；满意指评分4分及以上。")),
        ]
    }

    /// Counts and rates as the release discloses them (`Disclosure`): a count the complaint notice
    /// prints as "*" is "*" here too, in the tables and in the sentences.
    static func complaintHandling(_ r: IndicatorReader) -> [Block] {
        let c = r.inputs.complaints, d = r.inputs.disclosure
        let closedOnTime = "complaints_closed_on_time_rate", satisfaction = "complaint_satisfaction_rate"
        let rates: [(String, ComplaintStatistics.Ratio, String?)] = [
            ("按期办结率", c.concludedOnTime, closedOnTime), ("及时受理率", c.acknowledgedInTime, nil),
            ("群众参评率", c.rated, closedOnTime), ("参评群众满意率", c.satisfied, satisfaction),
        ]
        let received = d.received.map(String.init) ?? "少于\(d.threshold)"
        let byType = d.receivedByType.filter { $0.count != 0 }.map { "\($0.name)\($0.count.map(String.init) ?? "*")件" }
            .joined(separator: "、")
        let summary = "\(r.inputs.month.chinese)共受理投诉举报和咨询\(received)件" + (byType.isEmpty ? "" : "，其中\(byType)")
            + "。本月办结\(d.count(c.concludedOnTime.denominator, denominatorOf: closedOnTime))件，"
            + "按期办结率\(d.rate(c.concludedOnTime, indicator: closedOnTime))；及时受理率\(d.rate(c.acknowledgedInTime, indicator: nil))；"
            + "参评群众满意率\(d.rate(c.satisfied, indicator: satisfaction))。月末尚未办结\(d.count(c.openAtMonthEnd))件，"
            + "其中超期\(d.count(c.overdueAtMonthEnd))件；本月重复投诉\(d.count(c.repeated))件。"
            + (d.withholdsAnything || summaryHides(c, d) ? "“*”为少于\(d.threshold)件或为防止推算而不公布的数。" : "")
        var countRows: [TableRow] = []
        for (group, counts) in [("按类型", d.receivedByType), ("按类别", d.receivedByCategory),
                                ("按涉及项目", d.receivedByProgramme.map { (name: $0.programme, count: $0.count) })] {
            let nonZero = counts.filter { $0.count != 0 }
            guard !nonZero.isEmpty else { continue }
            countRows.append(.group(group))
            countRows += nonZero.map { row in
                .body([Cell(row.name), Cell(row.count.map(String.init) ?? "*"),
                       Cell(row.count.flatMap { n in d.received.map { IndicatorReader.percent(n, of: $0) } } ?? "*")])
            }
        }
        countRows.append(.total([Cell("受理合计"), Cell(d.received.map(String.init) ?? "*"),
                                 Cell(d.received.map { $0 > 0 ? "100.0" : "—" } ?? "*")]))
        return [
            .heading(Heading(level: 1, text: "投诉举报办理")),
            .paragraph(Paragraph(summary)),
            .table(Table(name: "complaint-rates", caption: "投诉举报办理质量（\(r.inputs.month.chinese)）",
                         columns: [Column(title: "指标", width: 2), numberColumn("本月", width: 1.2), numberColumn("分子"), numberColumn("分母")],
                         rows: rates.map { name, ratio, indicator in
                             let shown = d.rate(ratio, indicator: indicator)
                             return .body([Cell(name), Cell(shown), Cell(shown == "*" ? "*" : String(ratio.numerator)),
                                           Cell(shown == "*" ? "*" : String(ratio.denominator))])
                         })),
            .table(Table(name: "complaint-counts", caption: "本月受理投诉举报分类",
                         columns: [Column(title: "分类", width: 2.4), numberColumn("件数"), numberColumn("占比（%）")], rows: countRows)),
            .note(Note(text: "分类表只列本月有受理的分类。按期办结率以本月办结且有办理期限的件数为分母；诉求涉及的项目未填写时计入“未填写”。")),
        ]
    }

    /// Whether the summary's own counts print a "*".
    private static func summaryHides(_ c: ComplaintStatistics, _ d: Disclosure) -> Bool {
        [c.openAtMonthEnd, c.overdueAtMonthEnd, c.repeated, c.concludedOnTime.denominator].contains { d.count($0) == "*" }
    }

    static func dataMatching(_ r: IndicatorReader) -> [Block] {
        let m = r.inputs.matches
        func cells(_ name: String, _ values: [Int]) -> [Cell] { [Cell(name)] + values.map { countCell($0) } }
        func counts(_ d: ReportAggregates.DepartmentMatches) -> [Int] {
            [d.pushed, d.pushedPreviousMonth, d.verifiedWithin30Days, d.confirmed, d.pending]
        }
        let totals = m.map(counts).reduce([0, 0, 0, 0, 0]) { zip($0, $1).map(+) }
        return [
            .heading(Heading(level: 1, text: "数据比对")),
            .paragraph(Paragraph("相关部门推送的比对疑点应在30日内核查完毕。核查时限在推送后一个月内届满，"
                + "因此核查率、属实率按上月推送的疑点计算。")),
            .table(indicatorTable(name: "matching-indicators", caption: "数据比对指标（\(r.inputs.month.chinese)）",
                                  rows: districtRows(["matches_pushed", "matches_verified_30d_rate", "matches_confirmed_rate"], r), r)),
            .table(Table(name: "matches", caption: "分部门比对疑点",
                         columns: [Column(title: "推送部门", width: 1.4), numberColumn("本月推送"), numberColumn("上月推送"),
                                   numberColumn("上月疑点30日内核查", width: 1.5), numberColumn("上月疑点属实", width: 1.2),
                                   numberColumn("上月疑点待核查", width: 1.3)],
                         rows: m.map { .body(cells($0.department, counts($0))) } + [.total(cells("合计", totals))])),
        ] + matchingLoop(r)
    }

    /// The loop of the findings pushed two months before, by department and rule: counts only, each
    /// column suppressed like the complaint notice's tables (a small count, and whatever would let it be
    /// worked out from the column's total, prints as "*").
    static func matchingLoop(_ r: IndicatorReader) -> [Block] {
        let loop = r.inputs.matchingLoop
        let pushedIn = r.inputs.month.adding(months: -2)
        var blocks: [Block] = [
            .heading(Heading(level: 2, text: "比对核查闭环")),
            .paragraph(Paragraph("\(pushedIn.chinese)推送的比对疑点，按推送部门和比对规则（templates/matching.toml）统计："
                + "30个工作日内核查完毕、核查属实，以及属实后两个月内停发或调整发放金额的条数。30个工作日和两个月的时限在本月均已届满。")),
            .table(indicatorTable(name: "matching-loop-indicators", caption: "比对核查闭环指标（\(r.inputs.month.chinese)）",
                                  rows: districtRows(["matches_verified_30wd_rate", "matches_followed_up_rate"], r), r)),
        ]
        guard !loop.isEmpty else {
            blocks.append(.paragraph(Paragraph("\(pushedIn.chinese)没有推送比对疑点。")))
            return blocks
        }
        let threshold = r.inputs.disclosure.threshold
        let columns = (0..<5).map { c in CellSuppression(counts: loop.map { [$0.counts[c]] }, threshold: threshold) }
        func cell(_ s: CellSuppression, _ position: CellSuppression.Position) -> Cell {
            s.published(position).map { countCell($0) } ?? Cell("*")
        }
        let rows: [TableRow] = loop.enumerated().map { i, l in
            .body([Cell(l.department), Cell(l.rule ?? "（外部推送）")] + columns.map { cell($0, .cell(row: i, column: 0)) })
        }
        blocks.append(.table(Table(
            name: "matching-loop", caption: "比对疑点核查闭环（\(pushedIn.chinese)推送，按部门和规则）",
            columns: [Column(title: "推送部门", width: 1.1), Column(title: "比对规则", width: 2.2), numberColumn("推送"),
                      numberColumn("30个工作日内核查", width: 1.4), numberColumn("属实"), numberColumn("停发"), numberColumn("金额调整")],
            rows: rows + [.total([Cell("合计"), Cell("")] + columns.map { cell($0, .columnTotal(column: 0)) })])))
        if columns.contains(where: { !$0.hidden.isEmpty }) {
            blocks.append(.note(Note(text: "“*”表示少于 \(threshold) 条，或可由其他数字推算出少于 \(threshold) 条的数字，依规定不公布。")))
        }
        return blocks
    }

    /// The month's payments checked against the standards of the policy page: counts by township and
    /// programme, never a household.
    static func dataQuality(_ r: IndicatorReader) -> [Block] {
        let check = r.inputs.standardsCheck
        let totals = check.totals
        var blocks: [Block] = [
            .heading(Heading(level: 1, text: "数据质量：发放金额与保障标准核对")),
            .paragraph(Paragraph("按本月1日有效的保障标准（见本月政策信息）逐笔核对\(r.inputs.month.chinese)低保、特困、临时救助的发放记录："
                + "超过标准的发放\(totals[0])笔，无适用标准的在保记录\(totals[1])条，标准已调整但仍按原标准发放\(totals[2])笔。"
                + "等于标准的视为符合。下表只列出有问题的乡镇和项目，不含任何户的信息；具体名单由本局内部逐户核查处理。")),
            .table(indicatorTable(name: "standards-indicators", caption: "发放金额符合标准率（\(r.inputs.month.chinese)）",
                                  rows: districtRows(["payments_within_standard_rate"], r), r)),
        ]
        if !check.rows.isEmpty {
            func cells(_ first: String, _ second: String, _ counts: [Int]) -> [Cell] {
                [Cell(first), Cell(second)] + counts.map { countCell($0) }
            }
            blocks.append(.table(Table(
                name: "standards-check", caption: "发放金额核对发现的问题（按乡镇和项目）",
                columns: [Column(title: "乡镇（街道）", width: 1.4), Column(title: "项目"), numberColumn("超标准发放（笔）", width: 1.4),
                          numberColumn("无适用标准（条）", width: 1.4), numberColumn("调整未执行（笔）", width: 1.4)],
                rows: check.rows.map { .body(cells($0.township, $0.programme.shortName, $0.counts)) }
                    + [.total(cells("合计", "", totals))])))
        }
        return blocks
    }

    static func team(_ r: IndicatorReader) -> [Block] {
        let staff = r.inputs.staff
        func cells(_ name: String, _ count: Int, _ certified: Int, _ hours: Int) -> [Cell] {
            [Cell(name), countCell(count), countCell(certified), Cell(IndicatorReader.percent(certified, of: count)),
             countCell(hours), Cell(IndicatorReader.quotient(hours, count))]
        }
        return [
            .heading(Heading(level: 1, text: "队伍建设")),
            .paragraph(Paragraph("基层经办队伍共\(staff.total)人，其中持有社会工作职业资格证书\(staff.certified)人，"
                + "本年累计参加培训\(staff.trainingHours)学时。")),
            .table(indicatorTable(name: "team-indicators", caption: "队伍建设指标（\(r.inputs.month.chinese)）",
                                  rows: districtRows(["staff_verifiers", "staff_certified", "certified_share", "training_hours_per_staff"], r), r)),
            .table(Table(name: "staff", caption: "分岗位人员",
                         columns: [Column(title: "岗位", width: 1.6), numberColumn("人数"), numberColumn("持证"), numberColumn("持证比例（%）", width: 1.2),
                                   numberColumn("本年培训学时", width: 1.2), numberColumn("人均学时")],
                         rows: staff.roles.map { .body(cells($0.role, $0.count, $0.certified, $0.trainingHours)) }
                             + [.total(cells("合计", staff.total, staff.certified, staff.trainingHours))])),
        ]
    }
}
