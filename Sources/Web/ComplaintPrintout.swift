import Desk
import Document
import GongkaiCore

/// The desk's print-ready documents, as `Document` values for the same `PDFRenderer` that prints the
/// publications: a 交办单 (work order) for one complaint, and a list of a filtered queue for a
/// meeting. Built from what the complaint's page shows (`ComplaintPage.fields`, the history), so the
/// paper and the screen agree.
///
/// Caller identity is printed only when `caller` is given — the route passes it only after a reasoned,
/// audited request by someone who may reveal it; otherwise the line says 来电人：不显示. The meeting
/// list never carries a caller or a summary (like the CSV export).
struct ComplaintPrintout {
    let office: String
    let today: CivilDate

    /// Text from the desk as one printable line: a summary typed in a form may hold line breaks or
    /// control characters, which a table cell cannot print (`Document.validate`).
    static func line(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
                ? " " : scalar
        }))
    }

    static let hidden = "不显示"

    /// The 交办单: every field of the complaint, its deadline and light, the caller line, the history.
    func jiaobandan(_ page: ComplaintPage, caller: (name: String?, phone: String?, reason: String, by: String)?) -> Document {
        let detail = page.detail, number = detail.view.id
        var fields = page.fields
        // Beside the field they belong with (at the end, should the page ever drop that field).
        func insert(_ rows: [(String, String)], after label: String) {
            fields.insert(contentsOf: rows, at: fields.firstIndex { $0.0 == label }.map { $0 + 1 } ?? fields.endIndex)
        }
        insert([("当前灯号", detail.view.light(on: page.today, schedule: page.schedule)?.chinese ?? "—")], after: "办结期限")
        if let caller {
            insert([("来电人", caller.name ?? "（未登记）"), ("联系电话", caller.phone ?? "（未登记）")], after: "匿名")
        } else {
            insert([("来电人", detail.view.anonymous ? "匿名" : Self.hidden)], after: "匿名")
        }
        var blocks: [Block] = [
            .paragraph(Paragraph("编号：\(number)　　打印日期：\(today.chinese)", indent: false)),
            .heading(Heading(level: 1, text: "投诉事项")),
            .table(Table(name: "jiaobandan", caption: "投诉 \(number) 交办事项",
                         columns: [Column(title: "项目", width: 1), Column(title: "内容", width: 3)],
                         rows: fields.map { TableRow.body([Cell(Self.line($0.0)), Cell(Self.line($0.1))]) })),
            .heading(Heading(level: 1, text: "办理经过")),
        ]
        if detail.events.isEmpty {
            blocks.append(.paragraph(Paragraph("尚无办理记录。")))
        } else {
            blocks.append(.table(Table(
                name: "history", caption: "投诉 \(number) 办理经过",
                columns: [Column(title: "时间", width: 1.3), Column(title: "办理人", width: 1), Column(title: "环节", width: 1),
                          Column(title: "状态变化", width: 1.3), Column(title: "说明", width: 2.4)],
                rows: detail.events.map { e in
                    let event = page.event(e)
                    return TableRow.body(["time", "handler", "action", "change", "note"].map {
                        Cell(Self.line(event[$0] as? String ?? ""))
                    })
                })))
        }
        if let caller {
            blocks.append(.note(Note(text: "来电人身份由\(Self.line(caller.by))于\(today.chinese)打印，原因：\(Self.line(caller.reason))。已记入办理经过和审计日志，请妥善保管，不得外传。")))
        } else {
            blocks.append(.note(Note(text: "来电人身份依规定保密，本交办单不显示。")))
        }
        return Document(metadata: DocumentMetadata(title: ["投诉举报交办单", "（\(number)）"], office: office,
                                                   subject: "投诉举报交办单", publicationDate: today),
                        blocks: blocks)
    }

    /// The list of a filtered queue for a meeting: one row per complaint, in the queue's order, with
    /// its deadline and light; `filters` says in words which queue and filters it is.
    func meetingList(_ complaints: [ComplaintView], filters: String, schedule: ComplaintSchedule) -> Document {
        let red = complaints.filter { $0.light(on: today, schedule: schedule) == .red }.count
        let rows = complaints.map { v in
            let handler = [v.assignedUnit, v.assignedHandler].compactMap { $0 }.joined(separator: " ")
            return TableRow.body([v.id, v.receivedOn.description, v.township ?? "—", v.category, v.status.rawValue,
                           v.dueText ?? "—", v.light(on: today, schedule: schedule)?.chinese ?? "—",
                           handler.isEmpty ? "—" : handler,
                           v.supervised ? "是" : "否"].map { Cell(Self.line($0)) })
        }
        var blocks: [Block] = [
            .paragraph(Paragraph("截至\(today.chinese)，\(Self.line(filters))：共 \(complaints.count) 件，其中超期（红灯）\(red) 件。", indent: false)),
        ]
        if complaints.isEmpty {
            blocks.append(.paragraph(Paragraph("没有符合条件的投诉。")))
        } else {
            blocks.append(.table(Table(
                name: "meeting", caption: "投诉办理情况（\(complaints.count) 件）",
                columns: [Column(title: "编号", width: 1.6), Column(title: "收到日期", width: 1.2), Column(title: "乡镇（街道）", width: 1.1),
                          Column(title: "类别", width: 1), Column(title: "状态", width: 0.9), Column(title: "办结期限", width: 1.2),
                          Column(title: "灯号", width: 1.1), Column(title: "承办单位、承办人", width: 1.5), Column(title: "督办", width: 0.6)],
                rows: rows)))
        }
        blocks.append(.note(Note(text: "本清单供会议研究使用，不含来电人身份和诉求内容。")))
        return Document(metadata: DocumentMetadata(title: ["投诉办理情况", "会议清单"], office: office,
                                                   subject: "投诉办理情况会议清单", publicationDate: today),
                        blocks: blocks)
    }
}
