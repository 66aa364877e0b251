import Foundation
import GongkaiCore

/// What `gongkai match import` read: per list, its file and rows.
public struct DepartmentListSummary: Sendable {
    public struct FileResult: Sendable {
        public let list: DepartmentList
        public let fileName: String
        public let rows: Int
        /// Rows of the same batch and list imported before and replaced by these.
        public let replaced: Int
    }
    public let batch: MatchBatch
    public let files: [FileResult]
    public let warnings: [String]
}

/// Reads the departments' lists of one batch into the store, all or nothing.
///
/// The same door as the office's import (`Importer`): the contract's columns by Chinese or English
/// name, every cell checked, ID numbers normalised (full-width digits, a lower-case x, invisible
/// characters) and checked against GB 11643, length limits, located errors, nothing written unless
/// everything is right. Importing a list again for the same batch replaces that list's rows, so the
/// import is idempotent. The rows stay only until `match run` (`MatchingRun`) has read them.
public struct DepartmentListImporter {
    public let store: StoreDatabase
    public let clock: Clock
    public let workbooks: (any WorkbookOpener)?

    public init(store: StoreDatabase, clock: Clock, workbooks: (any WorkbookOpener)? = nil) {
        self.store = store; self.clock = clock; self.workbooks = workbooks
    }

    public func run(paths: [String], batch: MatchBatch) throws -> DepartmentListSummary {
        let (found, warningsFound) = try TableCollection.collect(paths, workbooks: workbooks, as: DepartmentList.self)
        var warnings = warningsFound
        var errors: [InputError] = []
        var read: [(list: DepartmentList, name: String, sha256: String, rows: [DepartmentRow])] = []
        for (list, table) in found {
            var reader: FieldReader?
            var header: ResolvedHeader?
            var rows: [DepartmentRow] = []
            let origin: TableOrigin
            do {
                origin = try table.read { row in
                    guard var current = reader else {
                        let resolved = try ResolvedHeader(row, kind: list, file: table.name)
                        header = resolved
                        reader = FieldReader(file: table.name, header: resolved, townships: .none, settings: .standard)
                        return
                    }
                    reader = nil  // keeps `current` uniquely referenced while it grows
                    if current.start(row), let parsed = DepartmentRow(list, &current) { rows.append(parsed) }
                    reader = current
                }
            } catch let failure as InputErrors {
                errors += failure.errors
                continue
            }
            guard let header else {
                errors.append(InputError(file: table.name, line: 1, reason: CSVTable.Failure.empty.description))
                continue
            }
            for column in header.ignored { warnings.append("\(table.name)：列 '\(column)' 不在数据约定中，已忽略") }
            errors += reader?.errors ?? []
            read.append((list, table.name, origin.sha256, rows))
        }
        guard errors.isEmpty else {
            throw InputErrors(Array(errors.prefix(Importer.errorLimit)), totalCount: errors.count)
        }
        let importedAt = ISO8601DateFormatter().string(from: clock.now())
        return try store.session(readOnly: false) { session in
            var results: [DepartmentListSummary.FileResult] = []
            for (list, name, sha256, rows) in read {
                let key: [SQLValue] = [batch.description.sqlValue, list.rawValue.sqlValue]
                let replaced = try session.execute("DELETE FROM department_list_row WHERE batch = ? AND list = ?", key)
                try session.append(into: "department_list_row", columns: Self.rowColumns, rows: rows.lazy.map { r in
                    key + [r.line.sqlValue, r.idNumber.value.sqlValue, r.name.sqlValue, r.label.sqlValue, r.stage.sqlValue,
                           r.amount.sqlValue, r.base.sqlValue, r.day?.dayNumber.sqlValue ?? .null, r.start.sqlValue, r.end.sqlValue]
                })
                // A list imported again for the batch starts over: not yet used, kept or deleted.
                try session.execute("""
                    INSERT INTO department_list_file (batch, list, file_name, sha256, rows, imported_at) VALUES (?, ?, ?, ?, ?, ?)
                    ON CONFLICT (batch, list) DO UPDATE SET file_name = excluded.file_name, sha256 = excluded.sha256,
                        rows = excluded.rows, imported_at = excluded.imported_at, used_at = NULL, keep_until_day = NULL, deleted_at = NULL
                    """, key + [name.sqlValue, sha256.sqlValue, rows.count.sqlValue, importedAt.sqlValue])
                results.append(.init(list: list, fileName: name, rows: rows.count, replaced: replaced))
            }
            // Lists kept past their period go now, whichever command comes first.
            _ = try MatchingRun.purge(today: clock.today, now: importedAt, alsoBatch: nil, in: session)
            return DepartmentListSummary(batch: batch, files: results, warnings: warnings)
        }
    }

    /// The columns of `department_list_row` a list's rows fill, in the order `run` gives their values.
    static let rowColumns = ["batch", "list", "line", "id_number", "person_name", "label", "stage", "amount", "base", "day",
                             "start_month_index", "end_month_index"]
}
