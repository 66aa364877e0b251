import Foundation
import GongkaiCore
import Sheets
import Store

/// `gongkai demo --format xlsx`: each demo CSV file rewritten as the workbook an office system would
/// hand over (households.xlsx, its sheet named households) — codes and ID numbers as text, amounts
/// and counts as numbers, dates, months and times as real date cells — so that importing it exercises
/// the spreadsheet path end to end and must give the same store as the CSV files. A table longer
/// than a sheet can hold (payments of a very large district) stays CSV, as an office would send it.
enum DemoWorkbooks {
    static func convert(_ files: [URL], created: String) throws -> [URL] {
        try files.map { csv in
            let table = try CSVTable(utf8: Array(try Data(contentsOf: csv)))
            guard table.rows.count <= XLSXWriter.TooManyRows.limit else {
                progress("\(csv.lastPathComponent)：\(table.rows.count) 行，超过一张工作表的容量（\(XLSXWriter.TooManyRows.limit) 行），保留为 CSV")
                return csv
            }
            let kinds = table.header.map(kind)
            let columns = zip(table.header, kinds).map { name, kind in
                XLSXWriter.Column(name, width: kind.width, style: kind.style)
            }
            let rows = table.rows.lazy.map { row in
                zip(row.fields, kinds).map { text, kind -> XLSXWriter.Cell in
                    text.isEmpty ? .empty : kind.cell(text)
                }
            }
            let name = csv.deletingPathExtension().lastPathComponent
            let xlsx = csv.deletingPathExtension().appendingPathExtension("xlsx")
            try XLSXWriter.write([XLSXWriter.Sheet(name: name, columns: columns, rows: rows)], to: xlsx.path,
                                 title: name, created: created)
            try FileManager.default.removeItem(at: csv)
            return xlsx
        }
    }

    enum Kind {
        case code, text, number, date
        var style: XLSXWriter.Style { self == .code ? .code : .general }
        var width: Double { self == .code ? 20 : self == .date ? 17 : 12 }
        func cell(_ text: String) -> XLSXWriter.Cell {
            switch self {
            case .code, .text: .text(text)
            case .number: .number(text)
            case .date: .date(text)
            }
        }
    }

    /// The demo's columns by header: identifiers as text, figures as numbers, dates as dates.
    static func kind(_ header: String) -> Kind {
        if ["户编号", "户主身份证号", "联系电话", "涉及户编号", "来电号码", "工号", "编号", "比对批次"].contains(header) { return .code }
        if ["金额", "家庭人口", "保障人数", "本年培训学时"].contains(header) { return .number }
        if header.hasSuffix("日期") || header.hasSuffix("月份") || header.hasSuffix("时间") { return .date }
        return .text
    }
}
