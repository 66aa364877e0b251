import Foundation
import GongkaiCore
import Sheets
import Store

/// Store's `WorkbookOpener` made of Sheets' streaming reader. Store reads CSV and knows no .xlsx;
/// Sheets reads .xlsx and knows no import contract; the CLI joins them here.
struct WorkbookTables: WorkbookOpener {
    func sheets(of url: URL) throws -> [WorkbookSheet] {
        let workbook = try Workbook(url: url)
        return workbook.sheets.map { WorkbookSheet(name: $0.name, table: SheetTable(workbook: workbook, sheet: $0)) }
    }
}

/// One sheet as an import table: rows numbered as Excel shows them, numbers and error values marked
/// so that the contract's checks can refuse a damaged ID or an `#N/A`.
struct SheetTable: TableSource {
    let workbook: Workbook
    let sheet: Workbook.Sheet
    var name: String { "\(workbook.fileName)!\(sheet.name)" }

    /// Reads beside the import (`RowPipeline`): the sheet is inflated, scanned and turned into typed
    /// cells while the import checks the rows before on another thread, so the two use both cores.
    /// Rows, their order and every refusal are those of reading in line.
    func read(_ visit: (SourceRow) throws -> Void) throws -> TableOrigin {
        let workbook = workbook, sheet = sheet
        return try RowPipeline.run(produce: { emit in
            try withoutActuallyEscaping(emit) { emit in
                try workbook.table(of: sheet) { row in try emit(Self.sourceRow(row)) }
            }
            return TableOrigin(sha256: try FileDigest.sha256(of: workbook.url), encoding: .xlsx)
        }, consume: visit)
    }

    /// A sheet's row as the import reads it: its text, with numbers and error values marked.
    static func sourceRow(_ row: SheetRow) -> SourceRow {
        var marks: [Int: CellMark] = [:]
        for (i, cell) in row.cells.enumerated() {
            switch cell.kind {
            case .number: marks[i] = .number
            case .error: marks[i] = .error
            case .text, .date, .boolean: break
            }
        }
        return SourceRow(line: row.number, fields: row.cells.map(\.text), marks: marks)
    }
}

/// SHA-256 of a file read in chunks (a workbook is hashed whole, as the import log records files).
enum FileDigest {
    static func sha256(of url: URL) throws -> String {
        guard let handle = try? FileHandle(forReadingFrom: url) else {
            throw InputErrors([InputError(file: url.path, reason: "无法读取：请检查当前账号是否有读取权限")])
        }
        defer { try? handle.close() }
        var hasher = Digest.Hasher()
        while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(chunk) }
        return hasher.finalizeHex()
    }
}
