import Document
import GongkaiCore
import Testing
@testable import Typeset

/// Geometry, not pixels: what is on which page, where each row starts and ends, how lines break.
@Suite struct PaginationTests {
    static let date = CivilDate(year: 2026, month: 1, day: 5)!
    static let columns = [Column(title: "序号", align: .right, width: 0.8), Column(title: "乡镇（街道）", width: 1.5),
                          Column(title: "户主姓名", width: 1.6, names: true), Column(title: "月保障金额（元）", align: .right, width: 1.6)]

    static func document(_ blocks: [Block]) -> Document {
        Document(metadata: DocumentMetadata(title: "测试公布", office: "原州区民政局", publicationDate: date), blocks: blocks)
    }

    static func table(rows: [TableRow]) -> Table {
        Table(name: "notice", caption: "名单", columns: columns, rows: rows)
    }

    static func bodyRows(_ count: Int, start: Int = 1) -> [TableRow] {
        (start..<(start + count)).map { .body([Cell("\($0)"), "三营镇", "马建国", "1060.00"]) }
    }

    @Test func headerOnEveryPageNoRowSplitAndEveryRowOnce() throws {
        let setter = try Typesetter(settings: .gbt9704)
        let pages = try setter.pages(Self.document([.table(Self.table(rows: Self.bodyRows(500)))]))
        let s = setter.settings
        let bottom = s.paperHeight - s.marginBottom
        #expect(pages.count > 5)
        var seen: [Int] = []
        for page in pages where !page.rows.isEmpty {
            #expect(page.rows.first?.kind == .header, "page \(page.number) does not start with the header")
            for row in page.rows {
                #expect(row.y >= s.marginTop - 0.01 && row.y + row.height <= bottom + 0.01,
                        "row \(row.bodyRow ?? 0) on page \(page.number) crosses the text block")
            }
            seen += page.rows.compactMap(\.bodyRow)
        }
        #expect(seen == Array(1...500))
    }

    @Test func rowsPerPageFillTheTextBlock() throws {
        let setter = try Typesetter(settings: .gbt9704)
        let pages = try setter.pages(Self.document([.table(Self.table(rows: Self.bodyRows(300)))]))
        let s = setter.settings
        let rowHeight = s.tableLinePitch + 2 * s.tableCellPadding
        // The header wraps "月保障金额（元）" onto two lines in its column.
        let header = try #require(pages[1].rows.first)
        let expected = Int(((s.contentHeight - header.height) / rowHeight + 0.001).rounded(.down))
        #expect(pages[1].rows.filter { $0.kind == .body }.count == expected)
        #expect(pages[2].rows.filter { $0.kind == .body }.count == expected)
    }

    @Test func groupHeadingIsNeverTheLastRowOfAPage() throws {
        var rows: [TableRow] = []
        var n = 0
        for town in 0..<60 {
            rows.append(.group("第\(town + 1)组"))
            rows += Self.bodyRows(3 + town % 4, start: n + 1)
            n += 3 + town % 4
            rows.append(.subtotal(["", "小计", "", "100.00"]))
        }
        let pages = try Typesetter(settings: .gbt9704).pages(Self.document([.table(Self.table(rows: rows))]))
        #expect(pages.count > 3)
        for page in pages where !page.rows.isEmpty {
            #expect(page.rows.last?.kind != .group, "page \(page.number) ends with a group heading")
        }
    }

    @Test func middleDotNamesNeverBreakInNarrowCells() throws {
        let narrow = [Column(title: "序号"), Column(title: "姓名", width: 0.5, names: true), Column(title: "备注", width: 4)]
        let table = Table(name: "notice", caption: "", columns: narrow,
                          rows: [.body(["1", "阿依古丽·买买提", "—"]), .body(["2", "张𠮷祥", "—"])])
        let pages = try Typesetter(settings: .gbt9704).pages(Self.document([.table(table)]))
        let body = pages.flatMap(\.rows).filter { $0.kind == .body }
        #expect(body[0].cellLines[1] == ["阿依古丽·买买提"])
        #expect(body[1].cellLines[1] == ["张𠮷祥"])
    }

    @Test func longTitlesAreBalancedNotLeftWithAStrayCharacter() throws {
        let title = "原州区2026年10月城乡最低生活保障对象公布"
        let document = Document(metadata: DocumentMetadata(title: title, office: "原州区民政局", publicationDate: Self.date),
                                blocks: [.paragraph(Paragraph("正文"))])
        let lines = try Typesetter(settings: .gbt9704).pages(document)[0].lines
        // At 22 pt on a 156 mm measure the title needs two lines; balanced, neither is a stub.
        let titleLines = Array(lines.prefix { $0 != "正文" }.filter { !$0.isEmpty }.prefix(2))
        #expect(titleLines.joined() == title)
        #expect(titleLines.allSatisfy { $0.count >= title.count / 3 }, "\(titleLines)")
    }

    @Test func middleDotNamesNeverBreakInParagraphs() throws {
        // Shift the name across the line end one character at a time: at some shift, a plain layout
        // would break at the dot or inside the name.
        for shift in 20...30 {
            let text = String(repeating: "公", count: shift) + "阿依古丽·买买提" + String(repeating: "示", count: 20)
            let pages = try Typesetter(settings: .gbt9704).pages(Self.document([.paragraph(Paragraph(text))]))
            let lines = pages[0].lines
            #expect(lines.contains { $0.contains("阿依古丽·买买提") }, "name split at shift \(shift): \(lines)")
        }
    }

    @Test func noLineStartsWithClosingPunctuationOrEndsWithOpening() throws {
        var text = ""
        for k in 0..<120 {
            text += String(repeating: "保", count: k % 29 + 1) + ["，", "。", "、", "；", "：", "？", "！", "）", "》"][k % 9]
            if k % 5 == 0 { text += ["（", "《"][k % 2] + "注" }
        }
        let pages = try Typesetter(settings: .gbt9704).pages(Self.document([.paragraph(Paragraph(text))]))
        let lines = pages.flatMap(\.lines).filter { !$0.hasPrefix("—") && $0 != "测试公布" }
        #expect(lines.count > 40)
        for line in lines {
            #expect(!"，。、；：？！）》".contains(line.first ?? " "), "line starts with punctuation: \(line)")
            #expect(!"（《".contains(line.last ?? " "), "line ends with an opening bracket: \(line)")
        }
    }

    @Test func pageNumbersAlternateSidesBelowTheTextBlock() throws {
        let setter = try Typesetter(settings: .gbt9704)
        let pages = try setter.pages(Self.document([.table(Self.table(rows: Self.bodyRows(80)))]))
        let s = setter.settings
        for page in pages.prefix(2) {
            let pieces = page.items.compactMap { item -> PlacedLine? in
                if case .text(let line) = item, line.baseline > s.paperHeight - s.marginBottom { line } else { nil }
            }
            #expect(pieces.map(\.text).joined(separator: " ") == "— \(page.number) —")
            let first = try #require(pieces.first), last = try #require(pieces.last)
            if page.number % 2 == 1 {
                #expect(abs(last.textX + last.layout.lineWidths[0] - (s.paperWidth - s.marginRight - s.pageNumberSize)) < 0.01)
            } else {
                #expect(abs(first.textX - (s.marginLeft + s.pageNumberSize)) < 0.01)
            }
            // The top of the 14 pt number is 7 mm below the text block.
            let top = first.baseline - s.pageNumberSize * 0.88
            #expect(abs(top - (s.paperHeight - s.marginBottom + 7 * PageSettings.pointsPerMillimetre)) < 0.01)
        }
    }

    @Test func headingIsKeptWithTheTextAfterIt() throws {
        let filler = (0..<19).map { _ in Block.paragraph(Paragraph("正文", indent: true)) }
        let pages = try Typesetter(settings: .gbt9704).pages(Self.document(
            filler + [.heading(Heading(level: 1, text: "监督方式")), .paragraph(Paragraph("热线12349。"))]))
        let page = try #require(pages.first { $0.headings.contains { $0.title == "一、监督方式" } })
        #expect(page.lines.contains("热线12349。"))
    }

    @Test func aTotalRowIsNeverAloneOnAPage() throws {
        // Grow the table a row at a time past a page end: at some length the total alone would spill.
        for count in 20...45 {
            let total = TableRow.total([Cell(""), Cell("合计"), Cell(""), Cell("\(count * 1060).00")])
            let rows = Self.bodyRows(count) + [total]
            let pages = try Typesetter(settings: .gbt9704).pages(Self.document([.table(Self.table(rows: rows))]))
            for page in pages {
                let content = page.rows.filter { $0.kind != PlacedRow.Kind.header }
                #expect(!(content.count == 1 && content[0].kind == PlacedRow.Kind.total), "\(count) rows: page \(page.number) holds only the total")
            }
        }
    }

    @Test func aSubtotalRowNeverOpensAPageAlone() throws {
        // A township's last row travels with its 小计, so no page starts with a subtotal under the header.
        for count in 20...45 {
            let subtotal = TableRow.subtotal([Cell(""), Cell("南关街道小计"), Cell(""), Cell("\(count * 1060).00")])
            let total = TableRow.total([Cell(""), Cell("全区合计"), Cell(""), Cell("\(count * 1060).00")])
            let rows = Self.bodyRows(count) + [subtotal] + Self.bodyRows(3) + [total]
            let pages = try Typesetter(settings: .gbt9704).pages(Self.document([.table(Self.table(rows: rows))]))
            for page in pages {
                let content = page.rows.filter { $0.kind != PlacedRow.Kind.header }
                #expect(content.first?.kind != PlacedRow.Kind.subtotal, "\(count) rows: page \(page.number) opens with the subtotal")
            }
        }
    }

    @Test func headingIsKeptWithTheTableAfterIt() throws {
        // Move the heading down the page a line at a time: at some point only the heading and a line
        // or two fit, and the table's caption, header and first row must not be left behind.
        for fillerLines in 14...22 {
            let filler = (0..<fillerLines).map { _ in Block.paragraph(Paragraph("正文", indent: true)) }
            let pages = try Typesetter(settings: .gbt9704).pages(Self.document(
                filler + [.heading(Heading(level: 1, text: "名单")), .table(Self.table(rows: Self.bodyRows(3)))]))
            let page = try #require(pages.first { $0.headings.contains { $0.title == "一、名单" } })
            #expect(page.rows.contains { $0.kind == .body }, "with \(fillerLines) lines before it the heading ended page \(page.number) alone")
        }
    }
}

@Suite struct GlyphCoverageTests {
    @Test func missingGlyphNamesTheRecordAndCodePoint() throws {
        let table = Table(name: "notice", caption: "名单", columns: PaginationTests.columns,
                          rows: PaginationTests.bodyRows(131) + [.body(["132", "三营镇", "张\u{2A6D6}", "530.00"])])
        let setter = try Typesetter(settings: .gbt9704)
        #expect(throws: TypesetError.self) { try setter.checkCoverage(PaginationTests.document([.table(table)])) }
        do {
            try setter.checkCoverage(PaginationTests.document([.table(table)]))
        } catch {
            #expect("\(error)".hasPrefix("notice 第 132 行，户主姓名：U+2A6D6 在已安装的字体中都没有字形"))
        }
    }

    @Test func privateUseCharacterInAParagraphIsCaught() throws {
        let setter = try Typesetter(settings: .gbt9704)
        #expect(throws: TypesetError.missingGlyph(character: "\u{E000}", location: "第 1 块（段落）")) {
            try setter.checkCoverage(PaginationTests.document([.paragraph(Paragraph("申请人\u{E000}"))]))
        }
    }

    @Test func extensionBNameIsCovered() throws {
        try Typesetter(settings: .gbt9704).checkCoverage(PaginationTests.document([.paragraph(Paragraph("张𠮷祥、阿依古丽·买买提"))]))
    }

    @Test func uninstalledFamiliesAreSkipped() throws {
        var settings = PageSettings.gbt9704
        settings.fontChains[.body] = ["No Such Font Family", "Noto Serif CJK SC"]
        #expect(try Typesetter(settings: settings).fontFamilies[.body] == ["Noto Serif CJK SC"])
        settings.fontChains[.kaiti] = ["No Such Font Family"]
        #expect(throws: TypesetError.noInstalledFont(role: "heading2", chain: ["No Such Font Family"])) {
            try Typesetter(settings: settings)
        }
    }
}
