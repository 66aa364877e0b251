import GRDB
import GRDBSQLite

/// Binds and steps a prepared statement through SQLite's C API. The import writes millions of rows,
/// and GRDB's per-execution argument checking cost more than the write itself; the statement still
/// runs inside GRDB's transaction, so all-or-nothing is unchanged.
struct DirectStatement {
    let statement: Statement
    private static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// Runs the statement with `values` bound in order; returns the number of rows it changed.
    @discardableResult
    func run(_ values: [DatabaseValue]) throws -> Int {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            switch value.storage {
            case .null: sqlite3_bind_null(s, index)
            case .int64(let n): sqlite3_bind_int64(s, index, n)
            case .double(let d): sqlite3_bind_double(s, index, d)
            case .string(let text): sqlite3_bind_text(s, index, text, -1, Self.transient)
            case .blob(let data):
                _ = data.withUnsafeBytes { sqlite3_bind_blob(s, index, $0.baseAddress, Int32($0.count), Self.transient) }
            }
        }
        let code = sqlite3_step(s)
        guard code == SQLITE_DONE else {
            let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(s)))
            sqlite3_reset(s)
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
        }
        return Int(sqlite3_changes(sqlite3_db_handle(s)))
    }
}
