import Desk
import Document
import GongkaiCore

/// notice-complaints: the month's public complaint statistics (issue 6, docs/domain.md §2c) — counts by
/// type and category and by programme, the on-time, rating and satisfaction rates with their
/// definitions, and how to reach the office.
///
/// Only counts and ratios are published, as the release's `Disclosure` decided them: a count below the
/// office's threshold, or one hidden so it cannot be worked out from the totals, prints "*" here and in
/// every other file of the release. No caller identity, complaint number or summary is read.
public enum ComplaintNotice {
    /// The 受理量 key figure is the type-and-category table's grand total as published, so a month
    /// with fewer complaints than the threshold shows "少于3" there and "*" in the tables, never the count.
    public static func document(_ inputs: ComplaintNoticeInputs) -> Document {
        let office = inputs.office, month = inputs.month.chinese, threshold = office.suppressionThreshold
        let title = [office.district, month, "社会救助", "投诉举报", "办理情况公布"]

        let disclosure = inputs.disclosure, statistics = inputs.statistics
        let receivedText = disclosure.received.map(String.init) ?? "少于\(threshold)"
        var blocks: [Block] = [
            .paragraph(Paragraph("为接受社会监督，现将\(office.name)\(month)受理的社会救助咨询、求助、投诉、举报、建议和表扬的办理情况公布如下。本公布只含统计数字，不含任何当事人信息。")),
            .heading(Heading(level: 1, text: "总体情况")),
            .keyFigures(KeyFigures(items: [
                KeyFigure(label: "受理量", value: receivedText, unit: "件"),
                KeyFigure(label: "按期办结率", value: disclosure.rate(statistics.concludedOnTime, indicator: "complaints_closed_on_time_rate")),
                KeyFigure(label: "满意率", value: disclosure.rate(statistics.satisfied, indicator: "complaint_satisfaction_rate")),
                KeyFigure(label: "参评率", value: disclosure.rate(statistics.rated, indicator: "complaints_closed_on_time_rate")),
            ])),
            .heading(Heading(level: 1, text: "按类型和类别统计")),
            .table(table(name: "types", caption: "\(office.district)\(month)投诉举报按类型和类别统计（件）",
                         corner: "类别", rows: disclosure.categories, columns: disclosure.types,
                         suppression: disclosure.byCategoryAndType)),
        ]
        if !disclosure.receivedByProgramme.isEmpty {
            // The programme totals of complaints_received, as indicators.csv publishes them.
            let rows = disclosure.receivedByProgramme.map { TableRow.body([Cell($0.programme), Cell($0.count.map(String.init) ?? "*")]) }
            blocks += [
                .heading(Heading(level: 1, text: "按救助项目统计")),
                .table(Table(name: "programmes", caption: "\(office.district)\(month)投诉举报按救助项目统计（件）",
                             columns: [Column(title: "救助项目", width: 1.6), Column(title: "件数", align: .right)],
                             rows: rows + [.total([Cell("合计"), Cell(disclosure.received.map(String.init) ?? "*")])])),
            ]
        }
        if disclosure.withholdsAnything {
            blocks.append(.note(Note(label: "*：", text: "数量少于\(threshold)件，为保护当事人不予公布；部分相邻数据同时隐藏，以防由合计推算。")))
        }
        blocks += [.heading(Heading(level: 1, text: "指标说明"))]
            + definitions(inputs.limits).map { .paragraph(Paragraph($0)) }
        blocks += [
            .paragraph(Paragraph("如对社会救助工作有意见建议，或发现违规问题，可拨打社会救助服务热线\(office.hotline)、监督电话\(office.supervisionPhone)，或来信来访：\(office.petitionAddress)。我们将依法办理，并对反映人信息严格保密。")),
            .signature(Signature(office: office.name, date: inputs.publicationDate)),
        ]
        return Document(
            metadata: DocumentMetadata(title: title, office: office.name, subject: "投诉举报统计",
                                       keywords: ["投诉举报", "社会救助", office.district, month],
                                       publicationDate: inputs.publicationDate, language: "zh-CN"),
            blocks: blocks)
    }

    /// A count table with a total row, and a total column when there is more than one column (a lone
    /// column's row totals repeat its cells); hidden entries print as "*".
    private static func table(name: String, caption: String, corner: String, rows: [String], columns: [String],
                              suppression: CellSuppression) -> Table {
        let withTotal = columns.count > 1
        func text(_ position: CellSuppression.Position) -> Cell { Cell(suppression.published(position).map(String.init) ?? "*") }
        let body = rows.indices.map { r in
            TableRow.body([Cell(rows[r])] + columns.indices.map { text(.cell(row: r, column: $0)) }
                          + (withTotal ? [text(.rowTotal(row: r))] : []))
        }
        let total = TableRow.total([Cell("合计")] + columns.indices.map { text(.columnTotal(column: $0)) }
                                   + (withTotal ? [text(.grandTotal)] : []))
        return Table(name: name, caption: caption,
                     columns: [Column(title: corner, width: 1.6)]
                        + (columns + (withTotal ? ["合计"] : [])).map { Column(title: $0, align: .right) },
                     rows: body + [total])
    }

    /// How the rates are defined, with the conclusion limit the desk measures against.
    private static func definitions(_ limits: DeskSettings) -> [String] {
        let byType = Codelist.complaintType.compactMap { type in
            limits.byType[type]?.conclude.map { "\(type)类为\($0.chinese)" }
        }
        let exceptions = byType.isEmpty ? "" : "（\(byType.joined(separator: "，"))）"
        let counting = switch limits.conclude.unit {
        case .days: "，开始当日不计入，期限最后一日为法定节假日的顺延至节后第一个工作日"
        case .workdays: "，只计工作日，开始当日不计入"
        }
        return [
            "按期办结率 = 本月办结件中在办结期限内办结的件数 ÷ 本月办结件数。办结期限自收到之日起\(limits.conclude.chinese)\(exceptions)\(counting)；经批准延期的，期限最多延长\(limits.extensionMaxDays)日。",
            "满意率 = 评价为满意或基本满意的件数 ÷ 已评价件数。",
            "参评率 = 已评价件数 ÷ 本月办结件数。",
            "受理量为本月收到的件数；办结件含本月以前收到、本月办结的件。无可计算的件时比率显示为“—”。",
        ]
    }
}
