import Foundation
import GRDB
import GRDBSQLite

/// A transaction of the SQLite store, as a `SQLSession`: GRDB's connection inside `read`/`write`.
/// Statements are cached by their text, so a statement run on every request is prepared once.
struct SQLiteSession: SQLSession {
    let db: Database
    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int {
        try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
        return db.changesCount
    }

    @discardableResult
    func append<Rows: Sequence>(into table: String, columns: [String], rows: Rows) throws -> Int where Rows.Element == [SQLValue] {
        let insert = try DirectStatement(db, sql: "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
        var count = 0
        for row in rows { count += try insert.run(row) }
        return count
    }

    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        return try Row.fetchAll(statement, arguments: StatementArguments(arguments.map(\.databaseValue))).map { row in
            SQLRow(columns: columns, values: row.databaseValues.map(SQLValue.init))
        }
    }

    func importSink() -> any ImportSink { SQLiteImportSink(db: db) }

    /// SQLite prepares the statement and says so itself: `sqlite3_stmt_readonly`, its column count and
    /// its parameter count.
    func shape(of sql: String, _ arguments: [SQLValue]) throws -> StatementShape {
        let statement = try db.makeStatement(sql: sql)
        return StatementShape(columns: statement.columnCount, readOnly: statement.isReadonly,
                              placeholders: Int(sqlite3_bind_parameter_count(statement.sqliteStatement)))
    }
}

extension SQLValue {
    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let n): self = .integer(n)
        case .double(let d): self = .real(d)
        case .string(let s): self = .text(s)
        case .blob(let d): self = .blob(d)
        }
    }

    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let n): n.databaseValue
        case .real(let d): d.databaseValue
        case .text(let s): s.databaseValue
        case .blob(let d): d.databaseValue
        }
    }
}
