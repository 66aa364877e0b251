import Foundation
import GongkaiCore

/// What `gongkai match results` did.
public struct MatchResultsSummary: Sendable {
    /// Findings whose result, date or note changed.
    public let updated: Int
    /// Rows read back that changed nothing (blank 核查结果, or the same result again).
    public let unchanged: Int
    public let files: [String]
}

/// Reads the verifiers' worksheets back (`MatchWorksheet`, .xlsx or CSV) and records their results on
/// the findings, all or nothing: a row is found by 比对批次 + 户编号 + 比对事项, exactly as the worksheet
/// was written; 核查结果 is 属实, 不属实 or 待核查 (blank: not verified yet, left as it is); a result
/// other than 待核查 needs its 处理日期, on or after the day the finding was raised. Every problem is
/// reported at its file, sheet, row and column, and nothing is written unless every row is right.
public struct MatchResultsReader {
    public let store: StoreDatabase
    public let workbooks: (any WorkbookOpener)?

    public init(store: StoreDatabase, workbooks: (any WorkbookOpener)?) {
        self.store = store; self.workbooks = workbooks
    }

    struct Result {
        let file: String
        let line: Int
        let batch: String, householdID: String, finding: String
        let result: String, resolved: CivilDate?, note: String?
    }

    public func run(paths: [String]) throws -> MatchResultsSummary {
        var errors: [InputError] = []
        var results: [Result] = []
        var names: [String] = []
        for path in paths {
            let url = URL(fileURLWithPath: path)
            let table: any TableSource
            switch url.pathExtension.lowercased() {
            case "xlsx":
                guard let workbooks else { throw InputErrors([InputError(file: path, reason: "此版本不读取 .xlsx 工作簿")]) }
                do {
                    let sheets = try workbooks.sheets(of: url)
                    guard let sheet = sheets.first(where: { MatchWorksheet.named($0.name) != nil }) ?? sheets.first else {
                        errors.append(InputError(file: path, reason: "工作簿中没有工作表")); continue
                    }
                    table = sheet.table
                } catch let failure as InputErrors { errors += failure.errors; continue }
            case "csv":
                table = CSVFileSource(url: url)
            default:
                errors.append(InputError(file: path, reason: "不是核查表：请给出 gongkai match sheets 写出的 .xlsx（或另存的 CSV）"))
                continue
            }
            names.append(table.name)
            var reader: FieldReader?
            do {
                _ = try table.read { row in
                    guard var current = reader else {
                        let header = try ResolvedHeader(row, kind: MatchWorksheet.worksheet, file: table.name)
                        reader = FieldReader(file: table.name, header: header, townships: .none, settings: .standard)
                        return
                    }
                    reader = nil
                    if current.start(row), let r = Self.result(&current) { results.append(r) }
                    reader = current
                }
            } catch let failure as InputErrors {
                errors += failure.errors
                continue
            }
            errors += reader?.errors ?? []
        }
        guard errors.isEmpty else { throw InputErrors(Array(errors.prefix(Importer.errorLimit)), totalCount: errors.count) }
        return try store.session(readOnly: false) { session in
            var updated = 0, unchanged = 0
            var seen: [[String]: (String, Int)] = [:]
            for r in results {
                let key = [r.batch, r.householdID, r.finding]
                if let first = seen[key] {
                    errors.append(InputError(file: r.file, line: r.line, reason: "与 \(first.0) 第 \(first.1) 行是同一条比对结果"))
                    continue
                }
                seen[key] = (r.file, r.line)
                guard let pushed: Int = try session.value("""
                    SELECT pushed_day FROM data_match WHERE batch = ? AND household_id = ? AND finding = ?
                    """, r.batch, r.householdID, r.finding) else {
                    errors.append(InputError(file: r.file, line: r.line, field: "比对事项",
                                             reason: "数据库中没有这条比对结果（批次 \(r.batch)、户 \(r.householdID)）：比对批次、户编号和比对事项须与核查表写出时一致"))
                    continue
                }
                if let resolved = r.resolved, resolved.dayNumber < pushed {
                    errors.append(InputError(file: r.file, line: r.line, field: "处理日期",
                                             reason: "处理日期 \(resolved) 早于比对结果的推送日期 \(CivilDate(dayNumber: pushed))"))
                    continue
                }
                let changed = try session.execute("""
                    UPDATE data_match SET result = ?, resolved_on = ?, resolved_day = ?, note = ?
                    WHERE batch = ? AND household_id = ? AND finding = ?
                      AND (result IS DISTINCT FROM ? OR resolved_on IS DISTINCT FROM ? OR note IS DISTINCT FROM ?)
                    """, r.result, r.resolved?.description, r.resolved?.dayNumber, r.note,
                    r.batch, r.householdID, r.finding, r.result, r.resolved?.description, r.note)
                if changed > 0 { updated += 1 } else { unchanged += 1 }
            }
            guard errors.isEmpty else {
                throw InputErrors(Array(errors.prefix(Importer.errorLimit)), totalCount: errors.count)
            }
            return MatchResultsSummary(updated: updated, unchanged: unchanged, files: names)
        }
    }

    /// A row with a result; nil for a row not verified yet (blank 核查结果) or a wrong one (its errors in `r`).
    static func result(_ r: inout FieldReader) -> Result? {
        let batch = r.text("batch"), household = r.householdKey("household_id"), finding = r.text("finding")
        let result = r.code("result", in: Codelist.matchResult, required: false)
        let resolved = r.date("resolved_on", required: false), note = r.text("note", required: false)
        guard let batch, let household, let finding, let result else { return nil }
        if result != "待核查" && resolved == nil {
            r.fail("resolved_on", "核查结果为\(result)时须填写处理日期")
            return nil
        }
        return Result(file: r.file, line: r.line, batch: batch, householdID: household, finding: finding,
                      result: result, resolved: result == "待核查" ? nil : resolved, note: note)
    }
}
