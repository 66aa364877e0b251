import DemoData
import Foundation
import GongkaiCore
@testable import Sheets
import Testing
import ZIPFoundation

/// A seeded mutation fuzzer of the sheet reader, the .xlsx counterpart of the importer's CSV fuzzer
/// (StoreTests/ImportFuzzTests, which holds the store unchanged whatever a source refuses; a sheet
/// reaches the importer through the same `TableSource` seam). Each case takes one small valid
/// workbook (a title merged across columns, a header, rows of every cell type, shared strings with
/// rich-text runs, a date style), applies one to three mutations to the bytes of its sheet or its
/// shared strings (malformed tags, bad entities and references, huge cells, wrong `r=` references,
/// missing shared strings, control characters, cut-off parts, bit flips), and reads every sheet as
/// a table. Whatever the mutant, the reader must not trap, and either
/// - it is refused with `InputErrors`, each error naming the workbook, a refusal inside a sheet
///   naming the sheet and a row ≥ 1, with no control character and no cell's whole text in it; or
/// - it reads, every row numbered above the one before, no row wider than 16,384 columns and no cell
///   longer than Excel's 32,767 characters.
///
/// `GONGKAI_FUZZ_CASES` sets the number of cases (default 300), `GONGKAI_FUZZ_SEED` the first seed
/// (default 1), as for the CSV fuzzer; a failing case is reported with its seed and mutations, and
/// replays with that seed and CASES=1. Every case is also read as the import reads it, its rows
/// consumed on another thread (`RowPipeline`): the rows or the refusal must be the serial read's.
@Suite struct SheetFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let cases = environment["GONGKAI_FUZZ_CASES"].flatMap { Int($0) } ?? 300
    static let firstSeed = environment["GONGKAI_FUZZ_SEED"].flatMap { UInt64($0) } ?? 1
    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

    static let sheet = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <worksheet xmlns="\(main)"><dimension ref="A1:F5"/><sheetData>\
        <row r="1"><c r="A1" t="s"><v>0</v></c></row>\
        <row r="2"><c r="A2" t="inlineStr"><is><t>户编号</t></is></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="inlineStr"><is><t>金额</t></is></c>\
        <c r="D2" t="inlineStr"><is><t>日期</t></is></c><c r="E2" t="inlineStr"><is><t>核对</t></is></c><c r="F2" t="inlineStr"><is><t>备注</t></is></c></row>\
        <row r="3"><c r="A3" t="inlineStr"><is><t>H1</t></is></c><c r="B3" t="s"><v>2</v></c><c r="C3"><v>1234.5</v></c><c r="D3" s="1"><v>46300</v></c>\
        <c r="E3" t="b"><v>1</v></c><c r="F3" t="inlineStr"><is><r><t>甲 &amp; 乙</t></r><r><t xml:space="preserve"> 丙</t></r></is></c></row>\
        <row r="4"><c r="A4" t="inlineStr"><is><t>H2</t></is></c><c r="B4" t="s"><v>3</v></c><c r="C4"><v>-0.01</v></c><c r="D4" s="1"><v>46301.5</v></c>\
        <c r="E4" t="e"><v>#N/A</v></c><c r="F4" t="str"><f>A4&amp;"x"</f><v>H2x</v></c></row>\
        <row r="5"><c r="A5" t="inlineStr"><is><t>H3</t></is></c><c r="B5" t="s"><v>4</v></c><c r="C5"><v>640402198001010017</v></c>\
        <c r="F5" t="inlineStr"><is><t>&#x4E2D;&#20013;_x000D_</t></is></c></row>\
        </sheetData><mergeCells count="1"><mergeCell ref="A1:F1"/></mergeCells></worksheet>
        """
    static let shared = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <sst xmlns="\(main)" count="5" uniqueCount="5"><si><t>2026年10月 名册</t></si><si><t>户主姓名</t></si>\
        <si><r><t>马</t></r><r><rPr><b/></rPr><t>一</t></r><rPh sb="0" eb="1"><t>ma</t></rPh></si><si><t>马二</t></si><si><t>马 &lt;三&gt;</t></si></sst>
        """
    static let styles = """
        <styleSheet xmlns="\(main)"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>\
        <cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164"/></cellXfs></styleSheet>
        """

    /// Writes a workbook of `sheet` and `shared` (nil: no shared-string part) to `url`.
    static func write(sheet: [UInt8], shared: [UInt8]?, to url: URL) throws {
        try? FileManager.default.removeItem(at: url)
        let archive = try Archive(url: url, accessMode: .create)
        let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
        var parts: [(String, [UInt8])] = [
            ("[Content_Types].xml", Array(#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#.utf8)),
            ("_rels/.rels", Array(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(rel)/officeDocument" Target="xl/workbook.xml"/></Relationships>"#.utf8)),
            ("xl/workbook.xml", Array(#"<workbook xmlns="\#(main)" xmlns:r="\#(rel)"><sheets><sheet name="家庭" sheetId="1" r:id="rId1"/></sheets></workbook>"#.utf8)),
            ("xl/_rels/workbook.xml.rels", Array(#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="\#(rel)/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="\#(rel)/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="\#(rel)/styles" Target="styles.xml"/></Relationships>"#.utf8)),
            ("xl/styles.xml", Array(styles.utf8)),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
        if let shared { parts.append(("xl/sharedStrings.xml", shared)) }
        for (path, bytes) in parts {
            let data = Data(bytes)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
    }

    /// Every row of every sheet as a table, or the refusal.
    static func read(_ url: URL) -> Result<[SheetRow], any Error> {
        Result {
            let workbook = try Workbook(url: url)
            nonisolated(unsafe) var rows: [SheetRow] = []
            for sheet in workbook.sheets {
                try workbook.table(of: sheet) { rows.append($0) }
                try workbook.rows(of: sheet) { _ in }
            }
            return rows
        }
    }

    /// The same read with each sheet's rows consumed on another thread (`RowPipeline`, as the
    /// import reads it), one row a batch and one batch ahead: the most hand-overs between threads.
    static func readPipelined(_ url: URL) -> Result<[SheetRow], any Error> {
        Result {
            let workbook = try Workbook(url: url)
            var rows: [SheetRow] = []
            for sheet in workbook.sheets {
                try RowPipeline.run(batchSize: 1, batchesAhead: 1, produce: { emit in
                    try withoutActuallyEscaping(emit) { emit in try workbook.table(of: sheet) { try emit($0) } }
                }, consume: { rows.append($0) })
            }
            return rows
        }
    }

    /// A read's rows or its refusal, as text to compare.
    static func outline(_ result: Result<[SheetRow], any Error>) -> String {
        switch result {
        case .success(let rows): rows.map { "\($0.number): \($0.cells)" }.joined(separator: "\n")
        case .failure(let error): "refused: \(error)"
        }
    }

    @Test func theValidWorkbookReadsAsWritten() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-sheetfuzz-valid.xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try Self.write(sheet: Array(Self.sheet.utf8), shared: Array(Self.shared.utf8), to: url)
        let rows = try Self.read(url).get()
        #expect(rows.map(\.number) == [2, 3, 4, 5])
        #expect(rows[0].cells.map(\.text) == ["户编号", "户主姓名", "金额", "日期", "核对", "备注"])
        #expect(rows[1].cells.map(\.text) == ["H1", "马一", "1234.5", "2026-10-05", "TRUE", "甲 & 乙 丙"])
        #expect(rows[2].cells.map(\.text) == ["H2", "马二", "-0.01", "2026-10-06", "#N/A", "H2x"])
        #expect(rows[3].cells.map(\.text) == ["H3", "马 <三>", "640402198001010000", "", "", "中中\r"])
    }

    @Test func mutatedSheetsAreReadOrRefusedLocated() throws {
        var tally = (accepted: 0, refused: 0)
        var failures = 0
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-sheetfuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("fuzz.xlsx")
        for n in 0..<Self.cases {
            let seed = Self.firstSeed &+ UInt64(n)
            let mutant = SheetMutant(seed: seed)
            try Self.write(sheet: mutant.sheet, shared: mutant.shared, to: url)
            var problems: [String] = []
            let read = Self.read(url)
            if Self.outline(read) != Self.outline(Self.readPipelined(url)) {
                problems.append("read through the pipeline, rows or refusal differ from the serial read")
            }
            switch read {
            case .success(let rows):
                tally.accepted += 1
                problems += Self.problems(accepted: rows)
            case .failure(let refusal as InputErrors):
                tally.refused += 1
                problems += Self.problems(refused: refusal)
            case .failure(let error):
                problems.append("failed with \(type(of: error)), not InputErrors: \(error)")
            }
            for problem in problems {
                failures += 1
                if failures <= 20 { Issue.record("seed \(seed) \(mutant.mutations): \(problem)") }
            }
        }
        print("SheetFuzzTests: \(Self.cases) cases, \(tally.accepted) read, \(tally.refused) refused, \(failures) failures "
              + "(seeds \(Self.firstSeed)…\(Self.firstSeed &+ UInt64(max(0, Self.cases - 1))))")
        #expect(tally.accepted + tally.refused == Self.cases)
        // The mutations are meant to break the sheet: over many cases, most are refused and some read.
        if Self.cases >= 100 { #expect(tally.refused > Self.cases / 3 && tally.accepted > 0) }
    }

    static func problems(accepted rows: [SheetRow]) -> [String] {
        var problems: [String] = []
        for (a, b) in zip(rows, rows.dropFirst()) where b.number <= a.number {
            problems.append("row \(b.number) after row \(a.number)")
        }
        for row in rows {
            if row.cells.count > CellReference.columns { problems.append("row \(row.number) has \(row.cells.count) cells") }
            for cell in row.cells where cell.text.utf16.count > XMLScanner.excelCellLimit {
                problems.append("row \(row.number) has a cell of \(cell.text.utf16.count) characters")
            }
        }
        return problems
    }

    static func problems(refused refusal: InputErrors) -> [String] {
        var problems: [String] = []
        if refusal.errors.isEmpty { problems.append("refused with no error") }
        for error in refusal.errors {
            let text = error.description
            if !error.file.hasPrefix("fuzz.xlsx") { problems.append("error does not name the workbook: \(text)") }
            if error.file.contains("!") && (error.line ?? 0) < 1 { problems.append("sheet error without a row: \(text)") }
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
                problems.append("error text holds a control character: \(text.debugDescription)")
            }
            if text.utf8.count > 1_000 { problems.append("error text of \(text.utf8.count) bytes") }
        }
        return problems
    }

    // MARK: Limits, each at its edge

    static func readSheet(_ rows: String, shared: String? = nil) throws -> Result<[SheetRow], any Error> {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-sheetlimit-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        let sheet = "<worksheet xmlns=\"\(main)\"><sheetData>\(rows)</sheetData></worksheet>"
        try write(sheet: Array(sheet.utf8), shared: (shared ?? "<sst xmlns=\"\(main)\"/>").utf8.map { $0 }, to: url)
        return Result {
            let workbook = try Workbook(url: url)
            nonisolated(unsafe) var read: [SheetRow] = []
            try workbook.rows(of: workbook.sheets[0]) { read.append($0) }
            return read
        }
    }

    static func refusal(_ result: Result<[SheetRow], any Error>) -> String {
        if case .failure(let error) = result { return "\(error)" }
        return "read"
    }

    @Test func aCellHoldsExcelsCharactersAndNoMore() throws {
        let most = String(repeating: "测", count: XMLScanner.excelCellLimit)
        let read = try Self.readSheet("<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is><t>\(most)</t></is></c></row>").get()
        #expect(read.first?.cells.last?.text == most)
        // One character more, typed or as a reference, or split over two rich-text runs.
        for cell in ["<t>\(most)a</t>", "<t>\(most)&#x4E2D;</t>", "<r><t>\(most.prefix(20_000))</t></r><r><t>\(most.prefix(20_000))</t></r>"] {
            let refused = Self.refusal(try Self.readSheet("<row r=\"3\"><c r=\"B3\" t=\"inlineStr\"><is>\(cell)</is></c></row>"))
            #expect(refused.hasPrefix("fuzz.xlsx!家庭:3: 单元格 B3 超过 32767 个字符") || refused.contains("!家庭:3: 单元格 B3 超过 32767 个字符"), "\(refused.prefix(200))")
        }
        // A text far longer is refused without being held: the reader stops at the limit.
        let huge = String(repeating: "x", count: 5_000_000)
        #expect(Self.refusal(try Self.readSheet("<row r=\"3\"><c r=\"B3\"><v>\(huge)</v></c></row>")).contains("单元格 B3 超过"))
        // A shared string likewise.
        let long = Self.refusal(try Self.readSheet("<row><c t=\"s\"><v>0</v></c></row>", shared: "<sst xmlns=\"\(Self.main)\"><si><t>\(most)a</t></si></sst>"))
        #expect(long.contains("其共享字符串第 1 条超过 32767 个字符"), "\(long)")
    }

    @Test func rowsColumnsNestingAndDeclarationsAreBounded() throws {
        #expect(try Self.readSheet("<row r=\"1048576\"><c><v>1</v></c></row>").get().first?.number == 1_048_576)
        #expect(Self.refusal(try Self.readSheet("<row r=\"1048577\"><c><v>1</v></c></row>")).contains("行的顺序不对"))
        #expect(try Self.readSheet("<row><c r=\"XFD1\"><v>1</v></c></row>").get().first?.cells.count == 16_384)
        #expect(Self.refusal(try Self.readSheet("<row><c r=\"XFE1\"><v>1</v></c></row>")).contains("单元格引用 'XFE1' 不是工作表中的单元格"))
        #expect(Self.refusal(try Self.readSheet("<row><c r=\"XFD1\"><v>1</v></c><c><v>2</v></c></row>")).contains("这一行超过 16384 列"))
        // A row of 17 MB of text in cells each within the limit.
        let cell = "<c t=\"inlineStr\"><is><t>\(String(repeating: "a", count: 30_000))</t></is></c>"
        #expect(Self.refusal(try Self.readSheet("<row r=\"2\">\(String(repeating: cell, count: 600))</row>")).contains("!家庭:2: 这一行的内容超过 16 MB"))
        let deep = String(repeating: "<x>", count: 300) + String(repeating: "</x>", count: 300)
        #expect(Self.refusal(try Self.readSheet("<row><c>\(deep)<v>1</v></c></row>")).contains("嵌套超过 256 层"))
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE worksheet [<!ENTITY a \"aaaa\"><!ENTITY b \"&a;&a;&a;&a;\">]>"
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-sheetlimit-\(UUID().uuidString).xlsx")
        defer { try? FileManager.default.removeItem(at: url) }
        try Self.write(sheet: Array((bomb + "<worksheet xmlns=\"\(Self.main)\"><sheetData><row><c t=\"inlineStr\"><is><t>&b;</t></is></c></row></sheetData></worksheet>").utf8),
                       shared: nil, to: url)
        #expect(Self.refusal(Self.read(url)).contains("含有文档类型声明（<!DOCTYPE>）"))
        #expect(Self.refusal(try Self.readSheet("<row><c t=\"inlineStr\"><is><t>&#0;</t></is></c></row>")).contains("字符引用 '&#0;' 不是 XML 允许的字符"))
        #expect(Self.refusal(try Self.readSheet("<row><c t=\"inlineStr\"><is><t>&#xD800;</t></is></c></row>")).contains("不是 XML 允许的字符"))
        #expect(Self.refusal(try Self.readSheet("<row><c t=\"inlineStr\"><is><t>a\u{1}b</t></is></c></row>")).contains("含有 XML 不允许的控制字符"))
    }
}

/// One case: the valid sheet and shared strings after one to three mutations, and what was done.
struct SheetMutant {
    let seed: UInt64
    private(set) var sheet: [UInt8]
    private(set) var shared: [UInt8]?
    private(set) var mutations: [String] = []

    /// Markup a damaged or hostile sheet may hold, inserted anywhere.
    static let fragments = [
        "<", ">", "</c>", "<c>", "<row>", "</row>", "<v>", "</v>", "<is>", "<t>", "</sheetData>", "<sheetData>", "<![CDATA[", "]]>", "<!--", "-->",
        "&", "&amp", "&#0;", "&#1;", "&#xD800;", "&#xFFFE;", "&#1114112;", "&#x110000;", "&#;", "&#x;", "&foo;", "&nbsp;", "&#x41;", "&#65;",
        "<!DOCTYPE x>", "<?xml version='1.0'?>", "<?pi x?>", "\"", "'", "=", "\u{0}", "\u{1}", "\u{1B}", "\r", "\r\n", "\u{FEFF}",
        "<c r=\"ZZZZ1\">", "<c r=\"A0\"><v>1</v></c>", "<c r=\"XFE1\"><v>1</v></c>", "<c r=\"A1\"><v>1</v></c>", "<row r=\"0\">",
        "<row r=\"1048577\">", "<row r=\"-1\">", "<row r=\"1\"></row>", "<c t=\"s\"><v>999</v></c>", "<c t=\"s\"><v>-1</v></c>",
        "<c t=\"s\"><v>1e3</v></c>", "<c><v>1,5</v></c>", "<c t=\"b\"><v>yes</v></c>", "<c t=\"d\"><v>T</v></c>", "<c s=\"99999999999999999999\"><v>1</v></c>",
        "<c r=\"A1\" r=\"B1\">", "<c r=A1>", "<c r=\"A1\"/>", "<x:c r=\"B9\"><x:v>2</x:v></x:c>", "<c><v>NaN</v></c>", "<c><v>1e400</v></c>",
    ]

    init(seed: UInt64) {
        self.seed = seed
        var rng = SplitMix64(seed: seed)
        sheet = Array(SheetFuzzTests.sheet.utf8)
        shared = Array(SheetFuzzTests.shared.utf8)
        for _ in 0..<rng.int(1...3) {
            let onShared = rng.chance(0.2)
            var bytes = (onShared ? shared : sheet) ?? []
            let what = Self.mutate(&bytes, &rng, shared: &shared)
            if onShared { shared = shared == nil ? nil : bytes } else { sheet = bytes }
            mutations.append((onShared ? "sharedStrings: " : "sheet: ") + what)
        }
    }

    static func mutate(_ b: inout [UInt8], _ rng: inout SplitMix64, shared: inout [UInt8]?) -> String {
        let at = rng.int(0...b.count)
        func text() -> String { String(decoding: b, as: UTF8.self) }
        func replaceOne(_ old: String, _ new: String) -> String {
            let whole = text()
            let hits = whole.ranges(of: old)
            guard !hits.isEmpty else { return "no \(old) to replace" }
            let hit = hits[rng.int(0...(hits.count - 1))]
            b = Array((whole[..<hit.lowerBound] + new + whole[hit.upperBound...]).utf8)
            return "\(old.debugDescription) → \(new.prefix(40).debugDescription)"
        }
        switch rng.int(0...11) {
        case 0 where !b.isEmpty:
            let i = min(at, b.count - 1), bit = rng.int(0...7)
            b[i] ^= UInt8(1 << bit)
            return "bit \(bit) of byte \(i) flipped"
        case 1:
            let byte = UInt8(rng.int(0...255))
            b.insert(byte, at: at)
            return "byte \(byte) inserted at \(at)"
        case 2 where !b.isEmpty:
            let i = min(at, b.count - 1), n = rng.int(1...min(8, b.count - i))
            b.removeSubrange(i..<(i + n))
            return "\(n) bytes deleted at \(i)"
        case 3:
            b = Array(b.prefix(at))
            return "truncated to \(at) bytes"
        case 4 where !b.isEmpty:
            let start = min(at, b.count - 1), end = rng.int(start...min(b.count, start + 400))
            b.insert(contentsOf: b[start..<end], at: end)
            return "bytes \(start)..<\(end) repeated"
        case 5, 6:
            let fragment = rng.pick(fragments)
            b.insert(contentsOf: Array(fragment.utf8), at: at)
            return "\(fragment.debugDescription) inserted at \(at)"
        case 7:
            // Huge cells: at Excel's limit, just past it, far past it, and as references.
            let huge = rng.pick([
                String(repeating: "测", count: 32_767), String(repeating: "a", count: 32_768),
                String(repeating: "测", count: 70_000), String(repeating: "&#x4E2D;", count: 40_000), String(repeating: "&amp;", count: 33_000),
            ])
            return replaceOne("H1", huge)
        case 8:
            let ref = rng.pick(["", "A", "1", "a3", "$B$3", "B3", "A3", "AAAA3", "XFD3", "XFE3", "A1048577", "1A", "A-1", "Ａ3", "A3:B3"])
            let old = rng.pick(["r=\"B3\"", "r=\"C4\"", "r=\"F5\"", "r=\"3\"", "r=\"4\""])
            return replaceOne(old, old.hasPrefix("r=\"B") || old.hasPrefix("r=\"C") || old.hasPrefix("r=\"F") ? "r=\"\(ref)\"" : "r=\"\(ref.filter(\.isNumber))\"")
        case 9:
            // Missing shared strings: the part gone, a string gone, an index past the table.
            switch rng.int(0...2) {
            case 0:
                shared = nil
                return "sharedStrings.xml removed"
            case 1:
                return replaceOne("<v>4</v>", "<v>\(rng.pick(["5", "99", "-1", "x", "4.5", ""]))</v>")
            default:
                return replaceOne("<c r=\"B3\" t=\"s\">", "<c r=\"B3\" t=\"\(rng.pick(["s ", "S", "inlinestr", "n", "e", "x"]))\">")
            }
        case 10:
            let (old, new) = rng.pick([("</c>", "</C>"), ("</row>", ""), ("<is>", ""), ("</t>", "</x:t>"), ("&amp;", "&amp"),
                                        ("&amp;", "&AMP;"), ("\"", "'"), ("<v>", "<v xml:space=\"preserve\"> "), ("<worksheet", "<!DOCTYPE w><worksheet"),
                                        ("<row", String(repeating: "<x>", count: 300) + "<row"), ("UTF-8", "UTF-16"), ("<t>", "<t><![CDATA[<c>]]>")])
            return replaceOne(old, new)
        default:
            let bad = rng.pick([[0xFF], [0xC3, 0x28], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBE], [0xF8, 0x88, 0x80, 0x80], [0xE6, 0xB5]] as [[UInt8]])
            b.insert(contentsOf: bad, at: at)
            return "invalid UTF-8 \(bad) at \(at)"
        }
    }
}
