import Foundation
import GRDB
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
        return try store.write { db in
            var results: [DepartmentListSummary.FileResult] = []
            let insert = try DirectStatement(db, sql: """
                INSERT INTO department_list_row (batch, list, line, id_number, person_name, label, stage, amount, base, day,
                                                 start_month_index, end_month_index)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            for (list, name, sha256, rows) in read {
                let key: [DatabaseValue] = [batch.description.databaseValue, list.rawValue.databaseValue]
                try db.execute(sql: "DELETE FROM department_list_row WHERE batch = ? AND list = ?", arguments: StatementArguments(key))
                let replaced = db.changesCount
                for r in rows {
                    _ = try insert.run(key + [
                        r.line.databaseValue, r.idNumber.value.databaseValue, r.name.dbValue, r.label.dbValue, r.stage.dbValue,
                        r.amount.dbValue, r.base.dbValue, r.day?.dayNumber.databaseValue ?? .null, r.start.dbValue, r.end.dbValue,
                    ])
                }
                try db.execute(sql: """
                    INSERT OR REPLACE INTO department_list_file (batch, list, file_name, sha256, rows, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: StatementArguments(key + [name.databaseValue, sha256.databaseValue,
                                                               rows.count.databaseValue, importedAt.databaseValue]))
                results.append(.init(list: list, fileName: name, rows: rows.count, replaced: replaced))
            }
            // Lists kept past their period go now, whichever command comes first.
            _ = try MatchingRun.purge(today: clock.today, now: importedAt, alsoBatch: nil, in: db)
            return DepartmentListSummary(batch: batch, files: results, warnings: warnings)
        }
    }
}
