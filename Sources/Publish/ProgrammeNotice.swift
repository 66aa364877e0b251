import Document
import GongkaiCore

/// The monthly 公布 of one programme's recipients (docs/domain.md §1b): the list grouped by township with
/// subtotals and a district total, the month's changes, the hotline, and the office's signature.
public struct ProgrammeNotice {
    public let data: PublicProgrammeMonth
    public let office: OfficeSettings
    public let publicationDate: CivilDate
    /// The office's working days, for the last day of the 公示期 (`publicityEnd`).
    public let calendar: WorkCalendar
    /// When set, the notice covers only this township (the village-board split).
    public let township: String?

    public init(data: PublicProgrammeMonth, office: OfficeSettings, publicationDate: CivilDate, calendar: WorkCalendar,
                township: String? = nil) {
        self.data = data; self.office = office; self.publicationDate = publicationDate; self.calendar = calendar
        self.township = township
    }

    var programme: Programme { data.programme }
    var isOneOff: Bool { [.temporary, .medical, .education, .housing, .disaster].contains(programme) }

    /// The 类别 column is left out where the category itself is sensitive: 医疗救助's category names a
    /// kind of illness care, 教育救助's reveals a minor's schooling (PIPL §28).
    var showsCategory: Bool { ![.medical, .education, .temporary].contains(programme) }

    /// The title as the lines of a long title may break: 原州区 | 2026年10月 | 特困人员救助供养 | 对象公布,
    /// never inside a word (社会救 / 助).
    public var titleSegments: [String] {
        [office.district, data.month.chinese, office.titleName(programme), "对象公布"] + (township.map { ["（\($0)）"] } ?? [])
    }

    public var title: String { titleSegments.joined() }

    /// The last day of the 公示期, when objections are still taken: `publicity_days` calendar days
    /// after the publication date, which is not counted (民法典 §201): published 10月8日 for 7 days,
    /// the period ends 10月15日. A last day that is a day off — a weekend or a 法定节假日 in the
    /// holiday calendar, a 调休 working Saturday not — moves to the next working day (民法典 §203):
    /// published 2026年9月24日 for 7 days ends on 10月1日, National Day, and so on 10月8日. A year
    /// the calendar has no table for stops the publication, naming the file to add.
    public var publicityEnd: CivilDate {
        get throws(CalendarError) { try calendar.civilCodeDeadline(from: publicationDate, days: office.publicityDays) }
    }

    public func document() throws -> Document {
        let recipients = filtered(data.recipients, \.township)
        let households = recipients.count, persons = try Self.persons(recipients)
        let amount = try Money.total(recipients.lazy.map(\.amount))
        let end = try publicityEnd
        let values = [
            "district": office.district + (township ?? ""), "month": data.month.chinese,
            "programme": office.titleName(programme), "households": DecimalText.groupingThousands(String(households)),
            "persons": DecimalText.groupingThousands(String(persons)),
            "amount": amount.yuanGrouped, "legal_basis": office.legalBasis[programme] ?? "《社会救助暂行办法》",
            "hotline": office.hotline, "supervision_phone": office.supervisionPhone,
            "petition_address": office.petitionAddress, "office": office.name,
            // The days the period lasts: `publicity_days`, more when its last day moved past a day off.
            "publicity_from": publicationDate.chinese, "publicity_until": end.chinese,
            "publicity_days": String(end.dayNumber - publicationDate.dayNumber),
        ]
        var blocks: [Block] = [.paragraph(Paragraph(try TextTemplate.render(office.preamble, values))),
                               .paragraph(Paragraph(try TextTemplate.render(office.publicity, values)))]
        blocks.append(.table(try listTable(recipients)))
        if !isOneOff { blocks += changes() }
        blocks.append(.paragraph(Paragraph(try TextTemplate.render(office.closing, values))))
        blocks.append(.signature(Signature(office: office.name, date: publicationDate)))
        return Document(metadata: DocumentMetadata(
            title: titleSegments, office: office.name, subject: "社会救助对象公布",
            keywords: [office.district, programme.chineseName, data.month.chinese, "公布"],
            publicationDate: publicationDate), blocks: blocks)
    }

    private func filtered<T>(_ rows: [T], _ townshipOf: (T) -> String) -> [T] {
        guard let township else { return rows }
        return rows.filter { townshipOf($0) == township }
    }

    private var amountTitle: String { isOneOff ? "救助金额（元）" : "月保障金额（元）" }

    /// The list's columns; their widths are weighed by what they hold (`Table.weighedByContent`), so
    /// a 事由 of three characters (支出型) keeps its line instead of one character a line.
    private func listColumns() -> [Column] {
        var columns = [Column(title: "序号", align: .right), Column(title: "乡镇（街道）", statedByGroup: true),
                       Column(title: "村（社区）"), Column(title: "户主姓名", names: true),
                       Column(title: "保障人数", align: .right)]
        if programme == .temporary { columns.append(Column(title: "事由", align: .center)) }
        if showsCategory { columns.append(Column(title: "类别", align: .center)) }
        columns.append(Column(title: amountTitle, align: .right))
        return columns
    }

    private func row(_ n: Int, _ r: PublicRecipient) -> [Cell] {
        var cells: [Cell] = [Cell(String(n)), Cell(r.township), Cell(r.village), Cell(r.name, isName: true), Cell(String(r.persons))]
        if programme == .temporary { cells.append(Cell(r.reason ?? "")) }
        if showsCategory { cells.append(Cell(r.category ?? "")) }
        cells.append(Cell(r.amount.yuanGrouped))
        return cells
    }

    /// A subtotal or total row: the label under 乡镇 with 村 left empty, so that the label spans both
    /// (`Table.cells(of:)`) instead of wrapping in the narrow 乡镇 column (南关街道小 / 计); then the
    /// households under 户主姓名, persons and amount.
    private func sumRow(_ label: String, _ rows: [PublicRecipient], columns: Int) throws -> [Cell] {
        var cells: [Cell] = [Cell(""), Cell(label), Cell(""), Cell("\(rows.count)户"), Cell(String(try Self.persons(rows)))]
        while cells.count < columns - 1 { cells.append(Cell("")) }
        cells.append(Cell(try Money.total(rows.lazy.map(\.amount)).yuanGrouped))
        return cells
    }

    private static func persons(_ rows: [PublicRecipient]) throws -> Int {
        try TotalOverflow.sum(rows.lazy.map(\.persons), of: "人数")
    }

    private func listTable(_ recipients: [PublicRecipient]) throws -> Table {
        let columns = listColumns()
        var rows: [TableRow] = []
        var n = 0
        var start = 0
        while start < recipients.count {
            let township = recipients[start].township
            var end = start
            while end < recipients.count && recipients[end].township == township { end += 1 }
            let group = Array(recipients[start..<end])
            rows.append(.group(township))
            for r in group { n += 1; rows.append(.body(row(n, r), key: r.household)) }
            rows.append(.subtotal(try sumRow("\(township)小计", group, columns: columns.count)))
            start = end
        }
        rows.append(.total(try sumRow(township == nil ? "全区合计" : "合计", recipients, columns: columns.count)))
        return Table(name: "notice", caption: "\(office.titleName(programme))对象名单", columns: columns, rows: rows)
            .weighedByContent()
    }

    /// 本月新增, 本月停发 and 金额调整 (the actions of 最低生活保障审核确认办法 §31–32).
    private func changes() -> [Block] {
        var blocks: [Block] = [.heading(Heading(level: 1, text: "本月变动情况"))]
        let started = filtered(data.started, \.township), stopped = filtered(data.stopped, \.township)
        let adjusted = filtered(data.adjusted, \.township)
        let base = [Column(title: "序号", align: .right), Column(title: "乡镇（街道）"),
                    Column(title: "村（社区）"), Column(title: "户主姓名", names: true),
                    Column(title: "保障人数", align: .right)]
        func section(_ title: String, _ table: Table?) {
            blocks.append(.heading(Heading(level: 2, text: title)))
            if let table { blocks.append(.table(table.weighedByContent())) } else { blocks.append(.paragraph(Paragraph("本月无\(title)。"))) }
        }
        section("新增", started.isEmpty ? nil : Table(
            name: "started", caption: "本月新增", columns: base + [Column(title: amountTitle, align: .right)],
            rows: started.enumerated().map { .body([Cell(String($0 + 1)), Cell($1.township), Cell($1.village),
                                                     Cell($1.name, isName: true), Cell(String($1.persons)), Cell($1.amount.yuanGrouped)], key: $1.household) }))
        section("停发", stopped.isEmpty ? nil : Table(
            name: "stopped", caption: "本月停发", columns: base,
            rows: stopped.enumerated().map { .body([Cell(String($0 + 1)), Cell($1.township), Cell($1.village),
                                                     Cell($1.name, isName: true), Cell(String($1.persons))], key: $1.household) }))
        section("金额调整", adjusted.isEmpty ? nil : Table(
            name: "adjusted", caption: "本月金额调整",
            columns: base + [Column(title: "调整前（元）", align: .right), Column(title: "调整后（元）", align: .right)],
            rows: adjusted.enumerated().map { .body([Cell(String($0 + 1)), Cell($1.township), Cell($1.village),
                                                      Cell($1.name, isName: true), Cell(String($1.persons)),
                                                      Cell($1.before.yuanGrouped), Cell($1.after.yuanGrouped)], key: $1.household) }))
        return blocks
    }
}
