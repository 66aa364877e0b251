import Document
import Foundation
import GongkaiCore
import PDF
import Sheets
import Store

/// The verifiers' papers of a data-matching batch (`gongkai match sheets`): one workbook per township
/// (核查表, with blank 核查结果 / 处理日期 / 说明 columns that `gongkai match results` reads back) and one
/// PDF 核查单 per finding, for the file.
///
/// These are staff documents: they name household heads and members and what a department said about
/// them. Each carries `StaffDocument.marker` (the workbook in its 说明 sheet, the 核查单 in its text),
/// so the publication guard refuses it if it is ever passed as a public file, and the command refuses
/// to write them into the public output folder.
public struct MatchWorksheets {
    public let office: String
    public let today: CivilDate
    public let rules: MatchingRules
    public let townships: Townships

    public init(office: String, today: CivilDate, rules: MatchingRules, townships: Townships) {
        self.office = office; self.today = today; self.rules = rules; self.townships = townships
    }

    /// What was written, relative to the folder.
    public struct Written: Sendable {
        public let workbooks: [String]
        public let sheets: [String]
    }

    /// The folder name of a township's files: its code, or its name when templates/townships.toml has none.
    func folderName(_ township: String) -> String { townships.code(of: township) ?? township }

    public func write(_ rows: [MatchWorksheet.Row], batch: MatchBatch, to folder: URL) throws -> Written {
        let fm = FileManager.default
        try FileSystemError.performing("创建文件夹", folder.path) {
            try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        }
        var workbooks: [String] = [], sheets: [String] = []
        let created = "\(today)T00:00:00Z"
        let byTownship = Dictionary(grouping: rows, by: \.township)
        for township in byTownship.keys.sorted() {
            let list = byTownship[township] ?? []
            let code = folderName(township)
            let name = "核查表-\(batch)-\(code).xlsx"
            try XLSXWriter.write([worksheet(list), instructions(batch: batch, township: township)],
                                 to: folder.appendingPathComponent(name).path,
                                 title: "\(batch) 批数据比对核查表（\(township)）", created: created)
            workbooks.append(name)
            let pdfFolder = folder.appendingPathComponent("核查单-\(code)")
            try FileSystemError.performing("创建文件夹", pdfFolder.path) {
                try fm.createDirectory(at: pdfFolder, withIntermediateDirectories: true)
            }
            for (i, row) in list.enumerated() {
                let file = String(format: "%03d", i + 1) + "-\(row.householdID).pdf"
                try PDFRenderer().render(sheet(row, number: i + 1), to: pdfFolder.appendingPathComponent(file).path)
                sheets.append("核查单-\(code)/\(file)")
            }
        }
        return Written(workbooks: workbooks, sheets: sheets)
    }

    /// The worksheet: the columns `MatchWorksheet` reads back, in its order.
    func worksheet(_ rows: [MatchWorksheet.Row]) -> XLSXWriter.Sheet {
        let widths: [String: (Double, XLSXWriter.Style)] = [
            "序号": (6, .general), "比对批次": (11, .code), "乡镇": (10, .general), "村": (10, .general), "户编号": (14, .code),
            "户主姓名": (10, .general), "涉及人员": (10, .general), "推送部门": (9, .general), "规则": (16, .code),
            "比对事项": (40, .general), "规则说明": (50, .general), "核查结果": (9, .general), "处理日期": (11, .code), "说明": (30, .general),
        ]
        let columns = MatchWorksheet.titles.map { XLSXWriter.Column($0, width: widths[$0]?.0 ?? 10, style: widths[$0]?.1 ?? .general) }
        let cells: [[XLSXWriter.Cell]] = rows.enumerated().map { i, r in
            func text(_ s: String?) -> XLSXWriter.Cell { s.map { $0.isEmpty ? .empty : .text($0) } ?? .empty }
            // A finding already verified comes back with its result; a pending one is blank for the verifier.
            let pending = r.result == "待核查"
            return [.number(String(i + 1)), .text(r.batch), text(r.township), text(r.village), .text(r.householdID),
                    text(r.headName), text(r.personName), text(r.department), text(r.ruleID), .text(r.finding),
                    text(explanation(r)), pending ? .empty : .text(r.result), text(r.resolvedOn), text(r.note)]
        }
        return XLSXWriter.Sheet(name: "核查表", columns: columns, rows: cells)
    }

    func explanation(_ r: MatchWorksheet.Row) -> String? { r.ruleID.flatMap { rules.rule($0)?.explanation } }

    /// The 说明 sheet: what the workbook is, how to fill it in, and the marker.
    func instructions(batch: MatchBatch, township: String) -> XLSXWriter.Sheet {
        let lines = [
            StaffDocument.marker,
            "\(office) \(batch) 批数据比对核查表（\(township)），\(today.chinese)生成。",
            "本表含个人信息，只供核查人员入户核查使用，不得公开、张贴或外传；核查完毕交回民政局。",
            "填写方法：在“核查结果”栏填 属实、不属实 或 待核查，在“处理日期”栏填核查完成的日期（如 2026-11-20），“说明”栏简要写明情况。",
            "其他各栏请勿改动（比对批次、户编号和比对事项用于对应比对结果）；填好后用 gongkai match results 读回。",
        ]
        return XLSXWriter.Sheet(name: "说明", columns: [XLSXWriter.Column("说明", width: 100)], rows: lines.map { [.text($0)] })
    }

    /// One finding's 核查单.
    func sheet(_ r: MatchWorksheet.Row, number: Int) -> Document {
        let fields: [(String, String)] = [
            ("比对批次", r.batch), ("序号", String(number)), ("乡镇（街道）", r.township), ("村（社区）", r.village),
            ("户编号", r.householdID), ("户主姓名", r.headName), ("涉及人员", r.personName ?? "—"), ("推送部门", r.department),
            ("比对规则", r.ruleID ?? "（外部系统推送）"), ("涉及项目", r.programme.flatMap { Programme(parsing: $0)?.chineseName } ?? "—"),
            ("重要程度", r.severity ?? "—"), ("推送日期", r.pushedOn), ("比对事项", r.finding),
            ("规则说明", explanation(r) ?? "—"),
            ("核查结果", r.result == "待核查" ? "□ 属实　　□ 不属实" : r.result),
            ("处理日期", r.resolvedOn ?? ""), ("说明", r.note ?? ""), ("核查人签字", ""),
        ]
        let blocks: [Block] = [
            .paragraph(Paragraph(StaffDocument.marker, indent: false)),
            .table(Table(name: "hechadan", caption: "比对结果 \(r.batch) 第 \(number) 条",
                         columns: [Column(title: "项目", width: 1), Column(title: "内容", width: 3)],
                         rows: fields.map { TableRow.body([Cell($0.0), Cell($0.1)]) })),
            .note(Note(text: "本核查单含个人信息，只供核查人员使用，不得公开、张贴或外传，核查后随卷归档。")),
        ]
        return Document(metadata: DocumentMetadata(title: ["数据比对核查单"], office: office, subject: "数据比对核查单",
                                                   publicationDate: today),
                        blocks: blocks)
    }
}
