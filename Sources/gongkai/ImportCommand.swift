import ArgumentParser
import Foundation
import GongkaiCore
import Store

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import the office's CSV or .xlsx exports into the store (all or nothing).",
        discussion: """
        Give files or folders. Files must be named after their kind: households.csv, enrolments.csv, \
        payments.csv, services.csv, staff.csv, matches.csv, complaints.csv (see docs/csv-contract.md). \
        Columns may use the Chinese or English names, in any order; UTF-8 (with or without BOM) and \
        GB18030/GBK are detected automatically (UTF-16/32 are refused with how to re-save), and LF, \
        CR LF and CR line endings are all read.

        Excel workbooks (.xlsx) are read directly, mixed freely with CSV files: name the workbook like \
        the CSV file (households.xlsx: its sheet named households, or else its first sheet), or give \
        one workbook whose sheets are named after the tables (households or 家庭, enrolments or 保障, \
        payments or 发放, services or 服务, staff or 工作人员, matches or 比对, complaints or 投诉). \
        Errors name the sheet and the row as Excel shows it: households.xlsx!Sheet1:12: 户主身份证号: …. \
        An ID number, phone or household number that the sheet keeps as a number (or shows as \
        4.10182E+17, or cut to …000) is refused: Excel keeps only 15 digits, so the column must be stored \
        as text (设置单元格格式 → 文本) in the source.

        Every row is checked before anything is written. If any row is wrong, nothing is imported and \
        each problem is listed as file:line: column: reason (the first 100). Importing the same files \
        again changes nothing: rows are matched by their keys and only real changes are written.

        Example:
          gongkai import exports/2026-10/
          gongkai import households.csv enrolments.csv
          gongkai import 2026-10.xlsx
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @Argument(help: ArgumentHelp("CSV or .xlsx files, or folders holding them.", valueName: "path"))
    var paths: [String]

    func run() async throws {
        let store = try global.openStore()
        let importer = Importer(store: store, clock: global.clock,
                                schedule: try ComplaintSchedule.load(templates: global.templatesPath),
                                identity: try identity.cipher(for: store, global: global, creating: true),
                                workbooks: WorkbookTables(),
                                settings: try ImportSettings.load(templates: global.templatesPath))
        progress("Importing \(paths.joined(separator: " ")) …")
        let summary: ImportSummary
        do {
            summary = try importer.run(paths: paths)
        } catch let errors as InputErrors {
            printError(errors.description)
            throw CommandFailure("Nothing was imported (\(errors.totalCount) problem\(errors.totalCount == 1 ? "" : "s")). Fix the rows above and run the import again.")
        }
        ImportReport.print(summary)
    }
}

/// The one-screen account of an import, shared by `import` and `demo`.
enum ImportReport {
    static func print(_ summary: ImportSummary) {
        for warning in summary.warnings { printError("warning: \(warning)") }
        for f in summary.files {
            Swift.print("\(f.fileName.count >= 16 ? f.fileName : f.fileName.padding(toLength: 16, withPad: " ", startingAt: 0)) \(String(f.rowsRead).leftPad(9)) rows  \(String(f.inserted).leftPad(9)) new  \(String(f.updated).leftPad(9)) changed  (\(f.encoding.rawValue))")
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
