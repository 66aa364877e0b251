import Foundation
import GongkaiCore

/// Finds an import's tables among the paths given: contract CSV files (`households.csv` …),
/// workbooks named like them (`households.xlsx`), and workbooks whose sheets are named after the
/// tables (`households` or `家庭` …), in files or folders, mixed freely. The office's exports
/// (`ImportKind`) and the departments' lists (`DepartmentList`) are found alike.
enum TableCollection {
    static func collect<Kind: ContractTable>(_ paths: [String], workbooks: (any WorkbookOpener)?, as _: Kind.Type)
        throws(InputErrors) -> (tables: [(Kind, any TableSource)], warnings: [String]) {
        var tables: [Kind: any TableSource] = [:], warnings: [String] = [], errors: [InputError] = []
        let fm = FileManager.default
        let known = Kind.allCases.map(\.fileName).joined(separator: ", ")
        let sheetNames = Kind.allCases.map { "\($0.rawValue)/\($0.chineseName)" }.joined(separator: ", ")
        func take(_ kind: Kind, _ table: any TableSource, at path: String) {
            if let other = tables[kind] {
                errors.append(InputError(file: path, reason: "第二张 \(kind.rawValue) 表（第一张是 \(other.name)）"))
            }
            tables[kind] = table
        }
        func addWorkbook(_ url: URL, explicit: Bool) {
            let stem = url.deletingPathExtension().lastPathComponent
            guard let workbooks else {
                errors.append(InputError(file: url.path, reason: "此版本不读取 .xlsx 工作簿：请把每张工作表另存为 CSV UTF-8"))
                return
            }
            let sheets: [WorkbookSheet]
            do { sheets = try workbooks.sheets(of: url) } catch let failure as InputErrors {
                errors += failure.errors
                return
            } catch {
                errors.append(InputError(file: url.path, reason: "无法作为工作簿读取：\(error)"))
                return
            }
            if let kind = Kind.named(stem) {
                // households.xlsx: its sheet named after the table, or else its first sheet.
                guard let sheet = sheets.first(where: { Kind.named($0.name) == kind }) ?? sheets.first else {
                    errors.append(InputError(file: url.lastPathComponent, reason: "工作簿中没有工作表"))
                    return
                }
                take(kind, sheet.table, at: url.path)
                return
            }
            var any = false
            for sheet in sheets {
                guard let kind = Kind.named(sheet.name) else {
                    warnings.append("\(url.lastPathComponent)!\(sheet.name)：不是数据表的工作表名（\(sheetNames)），已跳过")
                    continue
                }
                any = true
                take(kind, sheet.table, at: url.path)
            }
            if !any && explicit {
                errors.append(InputError(file: url.path, reason: "没有按数据表命名的工作表：请按数据表命名文件（\(Kind.allCases.first.map(\.rawValue) ?? "").xlsx……），或按数据表命名每张工作表（\(sheetNames)）"))
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
                let problem = "不读取 .\(ext) 工作簿：请另存为 Excel 工作簿（.xlsx）或 CSV UTF-8 后重新导入"
                if explicit { errors.append(InputError(file: url.path, reason: problem)) } else { warnings.append("\(url.path)：\(problem)；已跳过") }
            default:
                guard let kind = Kind.csvNamed(name) else {
                    if explicit {
                        errors.append(InputError(file: url.path, reason: "无法识别的文件名：请命名为以下之一：\(known)"))
                    } else if ext == "csv" {
                        warnings.append("\(url.path)：不是约定的文件名（\(known)），已跳过")
                    }
                    return
                }
                take(kind, CSVFileSource(url: url), at: url.path)
            }
        }
        for path in paths {
            var isDirectory: ObjCBool = false
            guard fm.fileExists(atPath: path, isDirectory: &isDirectory) else {
                errors.append(InputError(file: path, reason: "没有这个文件或文件夹"))
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
            errors.append(InputError(file: paths.joined(separator: " "), reason: "没有找到约定的文件（应为 \(known)，或同名的 .xlsx，或工作表命名为 \(sheetNames) 的工作簿）"))
        }
        guard errors.isEmpty else { throw InputErrors(errors) }
        return (Kind.allCases.compactMap { k in tables[k].map { (k, $0) } }, warnings)
    }
}
