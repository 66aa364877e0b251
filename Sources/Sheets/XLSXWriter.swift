import Foundation
import GongkaiCore
import ZIPFoundation

/// A small, deterministic .xlsx writer: the same sheets give the same bytes, so a release that holds
/// a workbook stays byte-identical when it is built again.
///
/// Fixed: the parts and their order, every ZIP entry's date (1980-01-01, the first DOS date), and
/// docProps' created/modified time (the caller's `created`, never the clock). Strings are inline
/// (`t="inlineStr"`): no shared-string table to build, and every text the file holds sits in its
/// sheet's XML. Each sheet's XML is written to a temporary file first and deflated from there, so a
/// sheet of millions of rows is never held in memory.
public struct XLSXWriter {
    public enum Style: Int, Sendable {
        /// Text in a column formatted as text (`@`): codes keep every digit and leading zero.
        case code = 1
        /// A whole number (`#,##0`).
        case integer = 2
        /// A number with two decimals (`#,##0.00`).
        case decimal = 3
        /// A fraction shown as a percentage with one decimal (`0.0%`): 0.1234 shows as 12.3%.
        case percent = 4
        /// General: text as text, numbers as they are.
        case general = 0
    }

    public struct Column: Sendable {
        public let title: String
        public let width: Double
        public let style: Style
        public init(_ title: String, width: Double, style: Style = .general) { self.title = title; self.width = width; self.style = style }
    }

    public enum Cell: Sendable, Equatable {
        case text(String)
        /// A plain decimal (`1234.5`, `-3`, `0.0125`); anything else is written as text.
        case number(String)
        /// A value in percent (`97.98` is 97.98%), written as the fraction 0.9798 with a percent format
        /// so that Excel computes with it; anything but a plain decimal is written as text.
        case percent(String)
        /// A civil date `YYYY-MM-DD`, `YYYY-MM` or `YYYY-MM-DD HH:MM`, written as a date serial with a
        /// matching date format (anything else is written as text).
        case date(String)
        case empty
    }

    public struct Sheet {
        public let name: String
        public let columns: [Column]
        public let rows: any Sequence<[Cell]>
        public init(name: String, columns: [Column], rows: any Sequence<[Cell]>) { self.name = name; self.columns = columns; self.rows = rows }
    }

    /// A sheet holds at most 1,048,576 rows (Excel's limit): the header and 1,048,575 rows of data.
    public struct TooManyRows: Error, CustomStringConvertible {
        public let sheet: String
        public static let limit = CellReference.rows - 1
        public var description: String {
            "工作表 \(sheet) 将超过 \(Self.limit) 行，Excel 或 WPS 无法打开：请改为写成 CSV"
        }
    }

    /// The date the ZIP entries carry: 1980-01-01 00:00 UTC, the first date the format can hold.
    static let entryDate = Date(timeIntervalSince1970: 315_532_800)

    /// Writes `sheets` to `path` (through a temporary file renamed at the end). `created` is the
    /// workbook's stated creation time, ISO 8601 (`2026-11-05T00:00:00Z`).
    public static func write(_ sheets: [Sheet], to path: String, title: String, created: String) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".\(target.lastPathComponent).partial")
        try? fm.removeItem(at: temporary)
        defer { try? fm.removeItem(at: temporary) }
        let archive = try Archive(url: temporary, accessMode: .create)
        func add(_ name: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), modificationDate: entryDate,
                                 permissions: 0o644, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<min(data.count, Int(position) + size))
            }
        }
        try add("[Content_Types].xml", Parts.contentTypes(sheets: sheets.count))
        try add("_rels/.rels", Parts.rootRelationships)
        try add("docProps/app.xml", Parts.app)
        try add("docProps/core.xml", Parts.core(title: title, created: created))
        try add("xl/workbook.xml", Parts.workbook(names: sheets.map(\.name)))
        try add("xl/_rels/workbook.xml.rels", Parts.workbookRelationships(sheets: sheets.count))
        try add("xl/styles.xml", Parts.styles)
        for (i, sheet) in sheets.enumerated() {
            let xml = fm.temporaryDirectory.appendingPathComponent("gongkai-sheet-\(ProcessInfo.processInfo.globallyUniqueString).xml")
            defer { try? fm.removeItem(at: xml) }
            let size = try SheetXML.write(sheet, to: xml.path)
            guard let handle = try? FileHandle(forReadingFrom: xml) else { throw CocoaError(.fileReadUnknown) }
            defer { try? handle.close() }
            try archive.addEntry(with: "xl/worksheets/sheet\(i + 1).xml", type: .file, uncompressedSize: size,
                                 modificationDate: entryDate, permissions: 0o644, compressionMethod: .deflate,
                                 bufferSize: 1 << 16) { _, count in
                try handle.read(upToCount: count) ?? Data()
            }
        }
        if fm.fileExists(atPath: path) { try fm.removeItem(atPath: path) }
        try fm.moveItem(at: temporary, to: target)
    }

    /// The workbook's bytes (for a release file that is recorded as it is written).
    public static func data(_ sheets: [Sheet], title: String, created: String) throws -> Data {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-\(ProcessInfo.processInfo.globallyUniqueString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write(sheets, to: path, title: title, created: created)
        return try Data(contentsOf: URL(fileURLWithPath: path))
    }
}
