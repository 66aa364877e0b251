import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

// TEMPORARY: the XMLParser-based reader, kept only until the byte-level reader is shown to give the
// same cells on every fixture workbook (SheetReaderEquivalenceTests); removed in the next commit.

extension XMLParts {
    /// Parses a small part (workbook, relationships, styles) held in memory with `delegate`.
    static func legacyParse(_ data: Data, with delegate: any XMLParserDelegate) -> Bool {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        return parser.parse()
    }
}

extension Relationships {
    init(legacy data: Data?, base: String) {
        guard let data else { self.init(found: [], base: base); return }
        let reader = Reader()
        _ = XMLParts.legacyParse(data, with: reader)
        self.init(found: reader.found, base: base)
    }

    final class Reader: NSObject, XMLParserDelegate {
        var found: [(String, String, String)] = []
        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            guard XMLParts.local(elementName) == "Relationship", let id = attributes["Id"], let target = attributes["Target"],
                  attributes["TargetMode"] != "External" else { return }
            found.append((id, attributes["Type"] ?? "", target))
        }
    }
}

/// xl/workbook.xml: the sheets in tab order, and the date system.
final class LegacyWorkbookPart: NSObject, XMLParserDelegate {
    var sheets: [(name: String, id: String)] = []
    var date1904 = false

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch XMLParts.local(elementName) {
        case "sheet":
            if let name = attributes["name"], let id = XMLParts.attribute(attributes, "id") { sheets.append((name, id)) }
        case "workbookPr":
            date1904 = ["1", "true"].contains(attributes["date1904"]?.lowercased() ?? "")
        default:
            break
        }
    }
}


extension NumberFormats {
    init(legacyStyles data: Data) {
        let reader = Reader()
        _ = XMLParts.legacyParse(data, with: reader)
        self.init(customFormats: reader.customFormats, styleFormats: reader.styleFormats)
    }

    final class Reader: NSObject, XMLParserDelegate {
        var customFormats: [Int: String] = [:]
        var styleFormats: [Int] = []
        private var inCellXfs = false

        func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                    qualifiedName qName: String?, attributes: [String: String] = [:]) {
            switch XMLParts.local(elementName) {
            case "numFmt":
                if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: styleFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
            default: break
            }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
            if XMLParts.local(elementName) == "cellXfs" { inCellXfs = false }
        }
    }
}

/// Reads a worksheet's `sheetData` with SAX callbacks and hands each row on as it ends, so a sheet
/// of any length is read with one row in memory.
///
/// Cell types: `s` (shared string), `inlineStr` (`is/t`, rich-text runs joined, phonetic runs
/// skipped), `str` (a formula's text), `b` (boolean), `e` (error value), `d` (ISO 8601 date), and
/// numbers (no type or `n`), which a date style turns into a civil date. A formula's cached value is
/// read; the formula itself is not.
final class LegacySheetParser: NSObject, XMLParserDelegate {
    private let shared: [String]
    private let formats: NumberFormats
    private let date1904: Bool
    private let visit: (SheetRow) throws -> Void
    /// What stopped the parse: the visitor's error, or a problem with the sheet's content.
    private(set) var failure: (any Error)?
    private(set) var problem: String?
    /// Whether the sheet's XML reached `</sheetData>`: Foundation's stream parsing does not always
    /// report a document that ends early, and a truncated sheet must not import as a shorter table.
    private(set) var complete = false

    private var rowNumber = 0
    private var cells: [SheetCell] = []
    private var column = 0
    private var cellType = ""
    private var cellStyle = 0
    private var value = ""
    private var capturing = false
    private var inInline = false
    private var phoneticDepth = 0

    init(shared: [String], formats: NumberFormats, date1904: Bool, visit: @escaping (SheetRow) throws -> Void) {
        self.shared = shared; self.formats = formats; self.date1904 = date1904; self.visit = visit
    }

    private func stop(_ parser: XMLParser, _ reason: String) {
        if problem == nil && failure == nil { problem = reason }
        parser.abortParsing()
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch XMLParts.name(elementName) {
        case "c":
            if let r = attributes["r"] {
                guard let ref = CellReference(r) else { return stop(parser, "第 \(rowNumber) 行：单元格引用 '\(r)' 不是工作表中的单元格") }
                guard ref.column >= cells.count else { return stop(parser, "第 \(rowNumber) 行：单元格 \(r) 出现在其右侧单元格之后") }
                column = ref.column
            } else {
                column = cells.count
            }
            guard column < CellReference.columns else { return stop(parser, "第 \(rowNumber) 行超过 \(CellReference.columns) 列") }
            cellType = attributes["t"] ?? ""
            cellStyle = attributes["s"].flatMap(Int.init) ?? 0
            value = ""
        case "v":
            capturing = true
        case "is":
            inInline = true
        case "t" where inInline && phoneticDepth == 0:
            capturing = true
        case "rPh":
            phoneticDepth += 1
        case "row":
            let next = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            guard next > rowNumber, next <= CellReference.rows else {
                return stop(parser, "第 \(next) 行出现在第 \(rowNumber) 行之后：行的顺序不对")
            }
            rowNumber = next
            cells = []
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if capturing { value += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch XMLParts.name(elementName) {
        case "v", "t":
            capturing = false
        case "rPh":
            phoneticDepth -= 1
        case "is":
            inInline = false
        case "sheetData":
            complete = true
        case "c":
            guard let cell = makeCell() else {
                return stop(parser, "单元格 \(CellReference.letters(column))\(rowNumber) 的内容 '\(value.prefix(40))' 不是其类型 '\(cellType)' 的值")
            }
            if column > cells.count { cells += Array(repeating: .empty, count: column - cells.count) }
            cells.append(cell)
        case "row":
            do { try visit(SheetRow(number: rowNumber, cells: cells)) } catch {
                failure = error
                parser.abortParsing()
            }
        default:
            break
        }
    }

    private func makeCell() -> SheetCell? {
        SheetCell(value: value, type: cellType, style: cellStyle, shared: shared, formats: formats, date1904: date1904)
    }
}

/// The shared-string table (xl/sharedStrings.xml), which cells of type `s` index into. It is held in
/// memory: that is inherent to the format. Each `si` is its text (`t`) or the concatenation of its
/// rich-text runs (`r/t`); phonetic runs (`rPh`, the furigana some CJK editors add) are not text.
final class LegacySharedStrings: NSObject, XMLParserDelegate {
    private(set) var strings: [String] = []
    /// The most text the table may hold (in UTF-8 bytes): far beyond any office export, and a bound on
    /// what a hostile workbook (a ZIP bomb of strings) can make us keep in memory.
    static let limit = 512 << 20
    private(set) var tooLarge = false
    /// Whether the table reached `</sst>` (a truncated part must not shift every string index).
    private(set) var complete = false
    private var total = 0
    private var current = ""
    private var inText = false
    private var phoneticDepth = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch XMLParts.local(elementName) {
        case "si": current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = phoneticDepth == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText else { return }
        current += string
        total += string.utf8.count
        if total > Self.limit { tooLarge = true; parser.abortParsing() }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch XMLParts.local(elementName) {
        case "si": strings.append(XMLParts.unescape(current))
        case "sst": complete = true
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }
}
