import Foundation
import GongkaiCore

/// Finds the import's tables among the paths given: contract CSV files (`households.csv` …),
/// workbooks named like them (`households.xlsx`), and workbooks whose sheets are named after the
/// tables (`households` or `家庭` …), in files or folders, mixed freely.
enum TableCollection {
    static func collect(_ paths: [String], workbooks: (any WorkbookOpener)?) throws(InputErrors)
        -> (tables: [(ImportKind, any TableSource)], warnings: [String]) {
        var tables: [ImportKind: any TableSource] = [:], warnings: [String] = [], errors: [InputError] = []
        let fm = FileManager.default
        let known = ImportKind.allCases.map(\.fileName).joined(separator: ", ")
        let sheetNames = ImportKind.allCases.map { "\($0.rawValue)/\($0.chineseName)" }.joined(separator: ", ")
        func take(_ kind: ImportKind, _ table: any TableSource, at path: String) {
            if let other = tables[kind] {
                errors.append(InputError(file: path, reason: "a second \(kind.rawValue) table (the first is \(other.name))"))
            }
            tables[kind] = table
        }
        func addWorkbook(_ url: URL, explicit: Bool) {
            let stem = url.deletingPathExtension().lastPathComponent
            guard let workbooks else {
                errors.append(InputError(file: url.path, reason: "this build reads no .xlsx workbooks: save each sheet as CSV UTF-8"))
                return
            }
            let sheets: [WorkbookSheet]
            do { sheets = try workbooks.sheets(of: url) } catch let failure as InputErrors {
                errors += failure.errors
                return
            } catch {
                errors.append(InputError(file: url.path, reason: "cannot be read as a workbook: \(error)"))
                return
            }
            if let kind = ImportKind.named(stem) {
                // households.xlsx: its sheet named after the table, or else its first sheet.
                guard let sheet = sheets.first(where: { ImportKind.named($0.name) == kind }) ?? sheets.first else {
                    errors.append(InputError(file: url.lastPathComponent, reason: "the workbook has no sheet"))
                    return
                }
                take(kind, sheet.table, at: url.path)
                return
            }
            var any = false
            for sheet in sheets {
                guard let kind = ImportKind.named(sheet.name) else {
                    warnings.append("\(url.lastPathComponent)!\(sheet.name): not a table's sheet name (\(sheetNames)), skipped")
                    continue
                }
                any = true
                take(kind, sheet.table, at: url.path)
            }
            if !any && explicit {
                errors.append(InputError(file: url.path, reason: "no sheet is named after a table: name the file after its table (\(ImportKind.households.rawValue).xlsx …) or each sheet after its table (\(sheetNames))"))
            }
        }
        func add(_ url: URL, explicit: Bool) {
            let name = url.lastPathComponent
            let ext = url.pathExtension.lowercased()
            if name.hasPrefix("~$") && !explicit { return }  // the lock file Excel leaves beside an open workbook
            switch ext {
            case "xlsx":
                addWorkbook(url, explicit: explicit)
            case "xls", "et", "ods", "xlsb":
                let problem = "a .\(ext) workbook is not read: save it as Excel 工作簿 (.xlsx) or CSV UTF-8 and import again"
                if explicit { errors.append(InputError(file: url.path, reason: problem)) } else { warnings.append("\(url.path): \(problem); skipped") }
            default:
                guard let kind = ImportKind.allCases.first(where: { $0.fileName == name.lowercased() }) else {
                    if explicit {
                        errors.append(InputError(file: url.path, reason: "unknown file name: name it one of \(known)"))
                    } else if ext == "csv" {
                        warnings.append("\(url.path): not a contract file name (\(known)), skipped")
                    }
                    return
                }
                take(kind, CSVFileSource(url: url), at: url.path)
            }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(InputError(file: path, reason: "no such file or folder"))
                continue
            }
            if isDirectory.boolValue {
                let names = ((try? fm.contentsOfDirectory(atPath: path)) ?? []).sorted()
                for name in names { add(URL(fileURLWithPath: path).appendingPathComponent(name), explicit: false) }
            } else {
                add(URL(fileURLWithPath: path), explicit: true)
            }
        }
        if tables.isEmpty && errors.isEmpty {
            errors.append(InputError(file: paths.joined(separator: " "), reason: "no contract files found (expected \(known), the same names as .xlsx, or a workbook whose sheets are named \(sheetNames))"))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return (ImportKind.allCases.compactMap { k in tables[k].map { (k, $0) } }, warnings)
    }
}
