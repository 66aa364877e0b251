import Foundation
import GongkaiCore

/// Where one import table's rows come from: a CSV file (`CSVFileSource`) or a spreadsheet's sheet
/// (the Sheets module's source, handed to the importer by a `WorkbookOpener`).
///
/// This is the seam between the formats and the import contract: every check, the one transaction
/// and idempotence live after it, so a table delivered as .xlsx is checked and written exactly as
/// the same table delivered as .csv.
public protocol TableSource {
    /// The name errors give the table: `households.csv`, `households.xlsx!Sheet1`.
    var name: String { get }
    /// Calls `visit` with the header row first, then with each data row in order. A source may
    /// stream (a sheet of 100,000 rows is never held whole). Throws `InputErrors` when the source
    /// cannot be read at all, and rethrows what `visit` throws.
    func read(_ visit: (SourceRow) throws -> Void) throws -> TableOrigin
}

/// What the import log records of a table's source.
public struct TableOrigin: Sendable {
    /// SHA-256 of the file the table came from (the whole workbook for a sheet).
    public let sha256: String
    public let encoding: TextEncoding

    public init(sha256: String, encoding: TextEncoding) { self.sha256 = sha256; self.encoding = encoding }
}

/// Opens spreadsheet workbooks for the import. Store reads CSV itself but not .xlsx: the Sheets
/// module supplies an opener and the CLI wires it in, so Store depends on no ZIP or XML library
/// (docs/architecture.md: Store imports Core and GRDB only).
public protocol WorkbookOpener {
    /// The sheets of the workbook at `url`, in workbook order. Throws `InputErrors` naming the file
    /// when it is not a workbook that can be read.
    func sheets(of url: URL) throws -> [WorkbookSheet]
}

/// One sheet of a workbook: its name as the workbook gives it, and its rows.
public struct WorkbookSheet {
    public let name: String
    public let table: any TableSource

    public init(name: String, table: any TableSource) { self.name = name; self.table = table }
}

/// A CSV file of the contract: decoded (UTF-8 or GB18030) and parsed whole, as before.
public struct CSVFileSource: TableSource {
    public let url: URL
    public var name: String { url.lastPathComponent }

    public init(url: URL) { self.url = url }

    public func read(_ visit: (SourceRow) throws -> Void) throws -> TableOrigin {
        guard let data = try? Data(contentsOf: url) else {
            throw InputErrors([InputError(file: url.path, reason: "无法读取：请检查它是当前账号可以读取的文件（不是文件夹或失效的链接）")])
        }
        let decoded: (utf8: [UInt8], encoding: TextEncoding)
        let table: CSVTable
        do {
            decoded = try TextDecoding.decode(data)
            table = try CSVTable(utf8: decoded.utf8)
        } catch let failure as TextDecoding.Failure {
            throw InputErrors([InputError(file: name, line: failure.line, reason: failure.description)])
        } catch let failure as CSVTable.Failure {
            throw InputErrors([InputError(file: name, line: failure.line, reason: failure.description)])
        }
        try visit(SourceRow(line: table.headerLine, fields: table.header))
        for row in table.rows { try visit(row) }
        return TableOrigin(sha256: Digest.sha256Hex(data), encoding: decoded.encoding)
    }
}
