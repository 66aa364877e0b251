import Document
import GongkaiCore

/// policy.pdf / policy.html: the month's 政策信息 — the standards in force (by programme, area and
/// category, with the document that set each), the changes taking effect this month highlighted,
/// and the 办事指南 of each programme with its statutory time limits and the office's numbers.
///
/// A pure function of its inputs: templates/standards.toml, templates/policy.toml and office.toml.
/// It holds no person and no figure from the store.
public enum PolicyPage {
    public static func document(month: YearMonth, publicationDate: CivilDate, office: OfficeSettings,
                                standards: PaymentStandards, guides: PolicyGuides) -> Document {
        let m = month.chinese
        var blocks: [Block] = [
            .paragraph(Paragraph("为便于群众了解社会救助政策、监督救助资金发放，现将\(office.name)\(m)执行的社会救助保障标准和办事指南公布如下。低保按家庭人均收入与保障标准的差额（补差）发放，每户每月发放金额不超过对应类别的标准乘以保障人数；特困人员救助供养金不超过基本生活标准与照料护理标准之和；临时救助每次不超过规定的上限。")),
        ]
        let changes = standards.changes(in: month)
        if !changes.isEmpty {
            blocks.append(.heading(Heading(level: 1, text: "本月起调整的标准")))
            blocks += changes.map { change in
                .paragraph(Paragraph(runs: [Run(changeSentence(change.entry, replaced: change.replaced, month: month), emphasis: true),
                                           Run("（依据：\(change.entry.documentNumber)《\(change.entry.documentTitle)》）")]))
            }
        }
        let current = standards.inForce(month)
        blocks.append(.heading(Heading(level: 1, text: "\(m)执行的社会救助标准")))
        let dibao = current.filter { $0.kind == .dibao }
        if !dibao.isEmpty {
            blocks.append(.table(standardsTable(
                name: "dibao", caption: "最低生活保障标准", first: "城乡", second: "类别", entries: dibao, month: month,
                labels: { ($0.area ?? "", $0.category) })))
        }
        let tekun = current.filter { $0.kind == .tekunBasic } + current.filter { $0.kind == .tekunCare }
        if !tekun.isEmpty {
            blocks.append(.table(standardsTable(
                name: "tekun", caption: "特困人员救助供养标准", first: "标准", second: "城乡或自理能力", entries: tekun, month: month,
                labels: { $0.kind == .tekunBasic ? ("基本生活标准", $0.area ?? "") : ("照料护理标准", "\($0.category)（城乡同）") })))
        }
        let temporary = current.filter { $0.kind == .temporary }
        if !temporary.isEmpty { blocks.append(.table(temporaryTable(temporary, standards: standards, month: month))) }
        if current.isEmpty {
            blocks.append(.paragraph(Paragraph("本月没有在 standards.toml 中登记的保障标准。")))
        } else {
            blocks.append(.table(documentsTable(current)))
        }
        if let note = standards.note { blocks.append(.note(Note(text: note))) }

        if !guides.guides.isEmpty {
            blocks.append(.heading(Heading(level: 1, text: "办事指南")))
            for guide in guides.guides {
                blocks.append(.heading(Heading(level: 2, text: guide.programme.chineseName)))
                blocks.append(.paragraph(Paragraph(runs: [Run("申请条件：", emphasis: true), Run(guide.who)])))
                blocks.append(.paragraph(Paragraph(runs: [Run("申请材料：", emphasis: true),
                                                          Run(numbered(guide.materials))])))
                blocks.append(.paragraph(Paragraph(runs: [Run("办理地点：", emphasis: true), Run(guide.place)])))
                blocks.append(.paragraph(Paragraph(runs: [Run("办理时限：", emphasis: true), Run(numbered(guide.timeLimits))])))
                blocks.append(.paragraph(Paragraph(runs: [Run("政策依据：", emphasis: true), Run(guide.basis)])))
            }
        }
        blocks += [
            .paragraph(Paragraph("咨询政策、申请救助或反映问题，可拨打社会救助服务热线\(office.hotline)、监督电话\(office.supervisionPhone)，或来信来访：\(office.petitionAddress)。")),
            .signature(Signature(office: office.name, date: publicationDate)),
        ]
        return Document(
            metadata: DocumentMetadata(title: [office.district, m, "社会救助", "政策信息"], office: office.name,
                                       subject: "社会救助保障标准和办事指南",
                                       keywords: ["保障标准", "办事指南", "社会救助", office.district, m],
                                       publicationDate: publicationDate, language: "zh-CN"),
            blocks: blocks)
    }

    /// "自2026年10月起，特困人员照料护理标准（全护理）由每人每月680.00元调整为每人每月750.00元。"
    static func changeSentence(_ entry: PaymentStandards.Entry, replaced: PaymentStandards.Entry?, month: YearMonth) -> String {
        let what: String = switch entry.kind {
        case .dibao: "\(entry.area ?? "")最低生活保障标准（\(entry.category)）"
        case .tekunBasic: "\(entry.area ?? "")特困人员基本生活标准"
        case .tekunCare: "特困人员照料护理标准（\(entry.category)）"
        case .temporary: "临时救助（\(entry.category)）上限"
        }
        let start = "自\(month.chinese)起，\(what)"
        guard let replaced else { return "\(start)执行\(amount(entry))。" }
        return "\(start)由\(amount(replaced))调整为\(amount(entry))。"
    }

    /// "每人每月810.00元", or for temporary aid "低保一类标准的3倍".
    static func amount(_ entry: PaymentStandards.Entry) -> String {
        if let money = entry.amount { return "每人每\(entry.period.rawValue)\(money.yuanGrouped)元" }
        return "低保\(entry.baseCategory ?? "")标准的\(entry.multiple ?? 0)倍"
    }

    /// "1．…；2．…。": numbered with a full-width point as GB/T 9704 numbers its fourth level, never
    /// "1." (a number with a trailing dot).
    static func numbered(_ items: [String]) -> String {
        items.enumerated().map { "\($0.offset + 1)．\($0.element)" }.joined(separator: "；") + "。"
    }

    /// 文号 and title of every document the month's standards rest on, each once, in order.
    private static func documentsTable(_ entries: [PaymentStandards.Entry]) -> Table {
        var seen = Set<String>()
        let documents = entries.filter { seen.insert($0.documentNumber).inserted }
        return Table(name: "documents", caption: "政策依据",
                     columns: [Column(title: "文号"), Column(title: "文件标题")],
                     rows: documents.map { .body([Cell($0.documentNumber), Cell("《\($0.documentTitle)》")]) }).weighedByContent()
    }

    /// The amount per person per month, or per year marked as such.
    static func amountCell(_ entry: PaymentStandards.Entry) -> Cell {
        Cell((entry.amount?.yuanGrouped ?? "") + (entry.period == .year ? "（每年）" : ""))
    }

    /// The effective date, marked when it starts to apply this month.
    static func since(_ entry: PaymentStandards.Entry, month: YearMonth) -> String {
        entry.firstMonth == month ? "\(entry.effective.chinese)（本月起）" : entry.effective.chinese
    }

    private static func standardsTable(name: String, caption: String, first: String, second: String,
                                       entries: [PaymentStandards.Entry], month: YearMonth,
                                       labels: (PaymentStandards.Entry) -> (String, String)) -> Table {
        Table(name: name, caption: caption,
              columns: [Column(title: first), Column(title: second), Column(title: "标准（元/人·月）", align: .right),
                        Column(title: "执行日期"), Column(title: "文号")],
              rows: entries.map { e in
                  let (a, b) = labels(e)
                  return .body([Cell(a), Cell(b), amountCell(e), Cell(since(e, month: month)), Cell(e.documentNumber)])
              }).weighedByContent()
    }

    /// Temporary-aid limits: the multiple, and what it comes to in each area this month.
    private static func temporaryTable(_ entries: [PaymentStandards.Entry], standards: PaymentStandards, month: YearMonth) -> Table {
        let allowances = standards.allowances(in: month)
        func limit(_ e: PaymentStandards.Entry, _ area: String) -> String {
            allowances.first { $0.programme == .temporary && $0.area == area && $0.category == e.category }
                .map { Money(fen: $0.fen).yuanGrouped } ?? "—"
        }
        return Table(name: "temporary", caption: "临时救助标准（每次上限）",
                     columns: [Column(title: "类型"), Column(title: "上限"), Column(title: "城市（元/次）", align: .right),
                               Column(title: "农村（元/次）", align: .right), Column(title: "执行日期"), Column(title: "文号")],
                     rows: entries.map { e in
                         .body([Cell(e.category), Cell("本户城乡" + amount(e)), Cell(limit(e, "城市")), Cell(limit(e, "农村")),
                                Cell(since(e, month: month)), Cell(e.documentNumber)])
                     }).weighedByContent()
    }
}
