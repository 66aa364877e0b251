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
        let insert = try prepare("INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))")
        var count = 0
        for row in rows { count += try insert(row) }
        return count
    }

    func prepare(_ sql: String) throws -> ([SQLValue]) throws -> Int {
        let statement = try DirectStatement(db, sql: sql)
        return { try statement.run($0) }
    }

    /// Steps the statement through SQLite's C API and reads each column straight into the row's
    /// values, one buffer reused for every row: a million rows through GRDB's `Row` cost a second more.
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(StatementArguments(arguments.map(\.databaseValue)))
        let s = statement.sqliteStatement
        defer { sqlite3_reset(s) }
        let columns = statement.columnNames
        var values: [SQLValue] = []
        values.reserveCapacity(columns.count)
        while true {
            let code = sqlite3_step(s)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(sqlite3_db_handle(s))), sql: sql)
            }
            values.removeAll(keepingCapacity: true)
            for i in 0..<Int32(columns.count) {
                switch sqlite3_column_type(s, i) {
                case SQLITE_NULL: values.append(.null)
                case SQLITE_INTEGER: values.append(.integer(sqlite3_column_int64(s, i)))
                case SQLITE_FLOAT: values.append(.real(sqlite3_column_double(s, i)))
                case SQLITE_TEXT:
                    // The text first, then its length in bytes (SQLite's documented order).
                    let text = sqlite3_column_text(s, i)
                    let count = Int(sqlite3_column_bytes(s, i))
                    values.append(.text(text.map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? ""))
                default:
                    let bytes = sqlite3_column_blob(s, i)
                    let count = Int(sqlite3_column_bytes(s, i))
                    values.append(.blob(bytes.map { Data(bytes: $0, count: count) } ?? Data()))
                }
            }
            try body(SQLRow(columns: columns, values: values))
        }
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
