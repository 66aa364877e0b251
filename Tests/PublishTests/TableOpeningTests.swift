import Document
import GongkaiCore
import Testing
import Typeset

/// A table never starts with one row at a page foot and the rest overleaf: its caption, header and
/// first two rows start together (GB/T 9704 practice; issue 25, the policy page's lone row).
@Suite struct TableOpeningTests {
    @Test func aTableStartsWithAtLeastTwoRowsOnItsFirstPage() throws {
        let table = Table(name: "t", caption: "标准", columns: [Column(title: "类别"), Column(title: "标准（元）", align: .right)],
                          rows: (1...6).map { TableRow.body([Cell("第\($0)类"), Cell("810.00")]) })
        let typesetter = try Typesetter(settings: .gbt9704)
        var tried = 0
        // Push the table down the first page a line at a time, past every place its opening could fall.
        for lines in 0...26 {
            let document = Document(
                metadata: DocumentMetadata(title: "表格换页", office: "原州区民政局", publicationDate: CivilDate(year: 2026, month: 11, day: 5)!),
                blocks: (0..<lines).map { _ in .paragraph(Paragraph("正文一行。", indent: false)) } + [.table(table)])
            let pages = try typesetter.pages(document)
            let first = try #require(pages.first { $0.rows.contains { $0.table == "t" && $0.kind == PlacedRow.Kind.body } })
            let rows = first.rows.filter { $0.table == "t" && $0.kind == PlacedRow.Kind.body }.count
            #expect(rows >= 2, "with \(lines) lines before it the table starts with \(rows) row on page \(first.number)")
            tried += 1
        }
        #expect(tried == 27)
    }

    /// A notice's list opens with a township's heading: the heading is not one of the two rows, so the
    /// heading and two households start together.
    @Test func aGroupHeadingIsNotCountedAsOneOfTheTwoRows() throws {
        let table = Table(name: "g", caption: "名单", columns: [Column(title: "序号"), Column(title: "户主姓名", names: true)],
                          rows: [.group("三营镇")] + (1...6).map { TableRow.body([Cell(String($0)), Cell("马*\($0)")]) })
        let typesetter = try Typesetter(settings: .gbt9704)
        for lines in 0...26 {
            let document = Document(
                metadata: DocumentMetadata(title: "表格换页", office: "原州区民政局", publicationDate: CivilDate(year: 2026, month: 11, day: 5)!),
                blocks: (0..<lines).map { _ in .paragraph(Paragraph("正文一行。", indent: false)) } + [.table(table)])
            let pages = try typesetter.pages(document)
            let first = try #require(pages.first { $0.rows.contains { $0.table == "g" && $0.kind != PlacedRow.Kind.header } })
            let rows = first.rows.filter { $0.table == "g" && $0.kind == PlacedRow.Kind.body }.count
            #expect(rows >= 2, "with \(lines) lines before it the table starts with its heading and \(rows) row on page \(first.number)")
        }
    }
}
