import GongkaiCore

/// Reads a worksheet's `sheetData` from its bytes (`XMLScanner`) and hands each row on as it ends,
/// so a sheet of any length is read with one row in memory.
///
/// Cell types: `s` (shared string), `inlineStr` (`is/t`, rich-text runs joined, phonetic runs
/// skipped), `str` (a formula's text), `b` (boolean), `e` (error value), `d` (ISO 8601 date), and
/// numbers (no type or `n`), which a date style turns into a civil date (`SheetCell(value:…)`). A
/// formula's cached value is read; the formula itself is not.
///
/// Every refusal names the sheet and the row being read (`households.xlsx!家庭:57: …`), and the cell
/// where there is one. Sizes are bounded: a cell holds at most Excel's 32,767 characters, a row at
/// most `rowLimit` bytes of text and 16,384 columns, a sheet 1,048,576 rows in increasing order.
struct SheetReader {
    let shared: [String]
    let formats: NumberFormats
    let date1904: Bool
    /// `households.xlsx!家庭`: where errors say they are.
    let place: String
    /// The sheet's part in the package (`xl/worksheets/sheet1.xml`).
    let part: String

    /// The most text one row may hold, in UTF-8 bytes: far beyond any register's row, and a bound
    /// on what a hostile sheet can make the reader keep.
    static let rowLimit = 16 << 20

    /// A problem at the row being read.
    private func refuse(_ row: Int, _ reason: String) -> InputErrors {
        InputErrors([InputError(file: place, line: max(row, 1), reason: reason)])
    }

    func read(_ source: @escaping XMLScanner.Source, _ visit: (SheetRow) throws -> Void) throws {
        var scanner = XMLScanner(source: source)
        var rowNumber = 0
        var cells: [SheetCell] = []
        var rowBytes = 0
        var column = 0
        var cellType = ""
        var cellStyle = 0
        var value: [UInt8] = []
        var capturing = false
        var inInline = false
        var phoneticDepth = 0
        var inCell = false
        var complete = false
        func reference() -> String { "\(CellReference.letters(column))\(rowNumber)" }
        func tooLong() -> InputErrors {
            refuse(rowNumber, "单元格 \(reference()) 超过 \(XMLScanner.excelCellLimit) 个字符（Excel 单元格的上限）：请检查该单元格")
        }

        do {
            tokens: while true {
                switch try scanner.next() {
                case .done:
                    break tokens
                case .text:
                    guard capturing else { continue }
                    value.append(contentsOf: scanner.text)
                    if value.count > XMLScanner.textLimit { throw tooLong() }
                case .start:
                    if scanner.isNamed("c") {
                        if let r = try scanner.attribute("r") {
                            guard let ref = CellReference(r) else {
                                throw refuse(rowNumber, "单元格引用 '\(XMLParts.quoted(r))' 不是工作表中的单元格")
                            }
                            guard ref.column >= cells.count else {
                                throw refuse(rowNumber, "单元格 \(XMLParts.quoted(r)) 出现在其右侧单元格之后")
                            }
                            column = ref.column
                        } else {
                            column = cells.count
                        }
                        guard column < CellReference.columns else { throw refuse(rowNumber, "这一行超过 \(CellReference.columns) 列") }
                        cellType = try scanner.attribute("t").map { try scanner.string($0) } ?? ""
                        cellStyle = try scanner.attribute("s").flatMap { Self.integer($0) } ?? 0
                        value.removeAll(keepingCapacity: true)
                        inCell = true
                    } else if scanner.isNamed("v") {
                        capturing = true
                    } else if scanner.isNamed("is") {
                        inInline = true
                    } else if scanner.isNamed("t") {
                        if inInline && phoneticDepth == 0 { capturing = true }
                    } else if scanner.isNamed("rPh") {
                        phoneticDepth += 1
                    } else if scanner.isNamed("row") {
                        let next = try scanner.attribute("r").flatMap { Self.integer($0) } ?? rowNumber + 1
                        guard next > rowNumber, next <= CellReference.rows else {
                            throw refuse(rowNumber, "第 \(next) 行出现在第 \(rowNumber) 行之后：行的顺序不对")
                        }
                        rowNumber = next
                        cells.removeAll(keepingCapacity: true)
                        rowBytes = 0
                    }
                case .end:
                    if scanner.isNamed("v") || scanner.isNamed("t") {
                        capturing = false
                    } else if scanner.isNamed("c") {
                        inCell = false
                        // The scanner hands over text only as valid UTF-8 (`XMLScanner.text`).
                        let text = String(decoding: value, as: UTF8.self)
                        if value.count > XMLScanner.excelCellLimit, text.utf16.count > XMLScanner.excelCellLimit { throw tooLong() }
                        rowBytes += value.count
                        if rowBytes > Self.rowLimit { throw refuse(rowNumber, "这一行的内容超过 \(Self.rowLimit >> 20) MB") }
                        guard let cell = SheetCell(value: text, type: cellType, style: cellStyle, shared: shared,
                                                   formats: formats, date1904: date1904) else {
                            throw refuse(rowNumber, "单元格 \(reference()) 的内容 '\(XMLParts.quoted(text))' 不是其类型 '\(XMLParts.quoted(cellType, limit: 20))' 的值")
                        }
                        if column > cells.count { cells += repeatElement(.empty, count: column - cells.count) }
                        cells.append(cell)
                    } else if scanner.isNamed("row") {
                        try visit(SheetRow(number: rowNumber, cells: cells))
                    } else if scanner.isNamed("rPh") {
                        phoneticDepth -= 1
                    } else if scanner.isNamed("is") {
                        inInline = false
                    } else if scanner.isNamed("sheetData") {
                        complete = true
                    }
                }
            }
        } catch let fault as XMLScanner.Fault {
            switch fault.kind {
            case .source(let error):
                throw refuse(rowNumber, "无法从文件包中读取该工作表（\(error)）：文件已损坏；请用 Excel 或 WPS 重新保存")
            case .textTooLong where inCell:
                throw tooLong()
            default:
                throw refuse(rowNumber, "该工作表的 XML 已损坏或不完整（\(part) 第 \(fault.line) 行：\(fault.detail)）：请用 Excel 或 WPS 重新保存该工作簿")
            }
        }
        guard complete else {
            throw refuse(rowNumber, "该工作表的 XML 已损坏或不完整（\(part) 中没有 sheetData）：请用 Excel 或 WPS 重新保存该工作簿")
        }
    }

    /// An attribute's whole number (`r="12"`, `s="3"`), as `Int(String)` reads it; nil otherwise.
    static func integer(_ bytes: ArraySlice<UInt8>) -> Int? {
        guard !bytes.isEmpty, bytes.count <= 18 else { return Int(String(decoding: bytes, as: UTF8.self)) }
        var n = 0
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return Int(String(decoding: bytes, as: UTF8.self)) }
            n = n * 10 + Int(b - 0x30)
        }
        return n
    }
}
