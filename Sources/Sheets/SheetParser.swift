import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a worksheet's `sheetData` with SAX callbacks and hands each row on as it ends, so a sheet
/// of any length is read with one row in memory.
///
/// Cell types: `s` (shared string), `inlineStr` (`is/t`, rich-text runs joined, phonetic runs
/// skipped), `str` (a formula's text), `b` (boolean), `e` (error value), `d` (ISO 8601 date), and
/// numbers (no type or `n`), which a date style turns into a civil date. A formula's cached value is
/// read; the formula itself is not.
final class SheetParser: NSObject, XMLParserDelegate {
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
        switch cellType {
        case "s":
            guard let i = Int(value) ?? Int(value.trimmingCharacters(in: .whitespacesAndNewlines)), i >= 0, i < shared.count else { return nil }
            return SheetCell(shared[i])
        case "inlineStr", "str":
            return SheetCell(XMLParts.unescape(value))
        case "b":
            return SheetCell(value == "1" || value.lowercased() == "true" ? "TRUE" : "FALSE", .boolean)
        case "e":
            return SheetCell(value, .error)
        case "d":
            // ISO 8601: 2026-10-05T09:30:00 → the date, with the minute when it is not midnight.
            let parts = value.split(separator: "T")
            guard let day = parts.first else { return .empty }
            if parts.count > 1, let time = parts.last, !time.hasPrefix("00:00:00") {
                return SheetCell("\(day) \(time.prefix(5))", .date)
            }
            return SheetCell(String(day), .date)
        default:
            if XMLParts.isBlank(value) { return .empty }
            guard let number = Double(value) ?? Double(value.trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
            if let precision = formats.precision(ofStyle: cellStyle),
               let date = ExcelDate.text(serial: number, date1904: date1904, precision: precision) {
                return SheetCell(date, .date)
            }
            return SheetCell(Self.decimal(number), .number)
        }
    }

    /// A number as the text a person would type: whole numbers without a decimal point (exact up to
    /// 10^18, so a damaged ID shows as `410182199001011000`), others as the shortest decimal that
    /// reads back to the same double (`1234.56`, not `1234.5599999999999`).
    static func decimal(_ number: Double) -> String {
        guard number == number.rounded(), abs(number) < 1e18 else { return "\(number)" }
        var whole = Int64(number)
        // A whole number longer than 15 digits is shown as Excel shows it, to 15 significant digits
        // (410182199001011234 stored as a number: 410182199001011000), not as the double's binary tail.
        if abs(whole) >= 1_000_000_000_000_000 {
            var scale: Int64 = 1
            while abs(whole) / scale >= 1_000_000_000_000_000 { scale *= 10 }
            whole = (whole + (whole < 0 ? -scale / 2 : scale / 2)) / scale * scale
        }
        return String(whole)
    }
}
