import Foundation
import GongkaiCore

/// A worksheet's XML, written row by row: the header row (bold, frozen), column widths and styles,
/// then the rows.
enum SheetXML {
    /// Writes the sheet to `path`; returns its size in bytes.
    static func write(_ sheet: XLSXWriter.Sheet, to path: String) throws -> Int64 {
        try OutputFile.atomically(path) { file -> Int64 in
            var size: Int64 = 0
            var buffer = ""
            func flush(force: Bool) throws {
                guard force || buffer.utf8.count > 1 << 16 else { return }
                let data = Data(buffer.utf8)
                guard file.append(data) else { throw CocoaError(.fileWriteUnknown) }
                size += Int64(data.count)
                buffer = ""
            }
            buffer += """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
                xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
                </sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>
                """
            for (i, column) in sheet.columns.enumerated() {
                buffer += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(column.width)\" customWidth=\"1\" style=\"\(column.style.rawValue)\"/>"
            }
            buffer += "</cols><sheetData><row r=\"1\">"
            for (i, column) in sheet.columns.enumerated() {
                buffer += "<c r=\"\(CellReference.letters(i))1\" s=\"\(Styles.header)\" t=\"inlineStr\"><is><t>\(escape(column.title))</t></is></c>"
            }
            buffer += "</row>"
            var number = 1
            for row in sheet.rows {
                number += 1
                guard number <= CellReference.rows else { throw XLSXWriter.TooManyRows(sheet: sheet.name) }
                buffer += "<row r=\"\(number)\">"
                for (i, cell) in row.enumerated() {
                    let style = i < sheet.columns.count ? sheet.columns[i].style : .general
                    buffer += self.cell(cell, reference: "\(CellReference.letters(i))\(number)", style: style)
                }
                buffer += "</row>"
                try flush(force: false)
            }
            buffer += "</sheetData></worksheet>"
            try flush(force: true)
            return size
        }
    }

    /// Style indexes of xl/styles.xml (`Parts.styles`) beyond the column styles.
    enum Styles {
        static let header = 5, day = 6, month = 7, minute = 8
    }

    static func cell(_ cell: XLSXWriter.Cell, reference: String, style: XLSXWriter.Style) -> String {
        switch cell {
        case .empty:
            return ""
        case .text(let text):
            return "<c r=\"\(reference)\" s=\"\(style.rawValue)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(text))</t></is></c>"
        case .number(let text):
            guard isDecimal(text) else { return self.cell(.text(text), reference: reference, style: style) }
            return "<c r=\"\(reference)\" s=\"\(style.rawValue)\"><v>\(text)</v></c>"
        case .percent(let text):
            guard isDecimal(text) else { return self.cell(.text(text), reference: reference, style: style) }
            return "<c r=\"\(reference)\" s=\"\(XLSXWriter.Style.percent.rawValue)\"><v>\(hundredth(text))</v></c>"
        case .date(let text):
            guard let (serial, dateStyle) = serial(text) else { return self.cell(.text(text), reference: reference, style: style) }
            return "<c r=\"\(reference)\" s=\"\(dateStyle)\"><v>\(serial)</v></c>"
        }
    }

    /// A plain decimal divided by 100, exactly, by moving its point: `97.98` → `0.9798`, `-5` → `-0.05`.
    static func hundredth(_ text: String) -> String {
        let negative = text.hasPrefix("-")
        let parts = (negative ? text.dropFirst() : Substring(text)).split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(repeating: "0", count: max(0, 3 - parts[0].count)) + parts[0]
        let fraction = String(whole.suffix(2)) + (parts.count > 1 ? parts[1] : "")
        var integer = String(whole.dropLast(2).drop { $0 == "0" })
        if integer.isEmpty { integer = "0" }
        var digits = Substring(fraction)
        while digits.hasSuffix("0") { digits = digits.dropLast() }
        return (negative ? "-" : "") + integer + (digits.isEmpty ? "" : ".\(digits)")
    }

    /// `-12`, `1234.50`, `0.0125`: what a number cell may hold (no exponent, no grouping).
    static func isDecimal(_ text: String) -> Bool {
        let body = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        return (1...2).contains(parts.count) && parts.allSatisfy { !$0.isEmpty && $0.utf8.allSatisfy { (48...57).contains($0) } }
            && (parts[0].count <= 15)
    }

    /// The 1900-system serial of a civil date or minute, and the style that shows it as written.
    static func serial(_ text: String) -> (String, Int)? {
        let parts = text.split(separator: " ")
        let dateText = parts.first.map(String.init) ?? ""
        let style: Int, date: CivilDate?
        if dateText.count == 7, case .success(let month) = YearMonth.parse(dateText), parts.count == 1 {
            date = CivilDate(year: month.year, month: month.month, day: 1); style = Styles.month
        } else if case .success(let day) = CivilDate.parse(dateText) {
            date = day; style = parts.count == 2 ? Styles.minute : Styles.day
        } else {
            return nil
        }
        guard let date, let epoch = CivilDate(year: 1899, month: 12, day: 30) else { return nil }
        let days = date.dayNumber - epoch.dayNumber
        guard days > 60 else { return nil }  // before 1900-03-01 the serials carry Excel's phantom leap day
        guard parts.count == 2 else { return (String(days), style) }
        let time = parts[1].split(separator: ":")
        guard time.count == 2, let h = Int(time[0]), let m = Int(time[1]), (0..<24).contains(h), (0..<60).contains(m) else { return nil }
        let minutes = h * 60 + m
        // Minutes as an exact decimal fraction of the day: 1440 = 2^5·3^2·5, so use enough digits
        // that the reader's rounding to the second gives the same minute back.
        let fraction = Double(minutes) / 1440
        return ("\(Double(days) + fraction)", style)
    }

    /// Text as XML character data: markup escaped, and characters XML 1.0 cannot hold written in
    /// Excel's own escape (`_x0001_`), as Excel does.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        let scalars = Array(text.unicodeScalars)
        for (i, scalar) in scalars.enumerated() {
            switch scalar {
            // A literal "_x0041_" in the text: its underscore escaped, or a reader would decode it.
            case "_" where i + 6 < scalars.count && scalars[i + 1] == "x" && scalars[i + 6] == "_"
                && scalars[(i + 2)..<(i + 6)].allSatisfy({ $0.properties.isASCIIHexDigit }):
                out += "_x005F_"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF {
                    let hex = String(v, radix: 16, uppercase: true)
                    out += "_x" + String(repeating: "0", count: 4 - hex.count) + hex + "_"
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out
    }
}
