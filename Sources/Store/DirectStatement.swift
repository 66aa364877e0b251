import GRDB
import GRDBSQLite

/// Binds and steps a prepared statement through SQLite's C API. The import writes millions of rows,
/// and GRDB's per-execution argument checking cost more than the write itself; the statement still
/// runs inside GRDB's transaction, so all-or-nothing is unchanged.
struct DirectStatement {
    let statement: Statement
    fileprivate static let transient = unsafeBitCast(OpaquePointer(bitPattern: -1), to: sqlite3_destructor_type.self)

    init(_ db: Database, sql: String) throws {
        statement = try db.makeStatement(sql: sql)
    }

    /// Runs the statement with `values` bound in order; returns the number of rows it changed.
    @discardableResult
    func run(_ values: [SQLValue]) throws -> Int {
        let s = statement.sqliteStatement
        sqlite3_reset(s)
        for (i, value) in values.enumerated() {
            let bound = value.bind(to: s, at: Int32(i + 1))
            guard bound == SQLITE_OK else { throw failure(bound) }
        }
        let code = sqlite3_step(s)
        guard code == SQLITE_DONE else { throw failure(code) }
        return Int(sqlite3_changes(sqlite3_db_handle(s)))
    }

    private func failure(_ code: Int32) -> DatabaseError {
        let s = statement.sqliteStatement
        let message = String(cString: sqlite3_errmsg(sqlite3_db_handle(s)))
        sqlite3_reset(s)
        return DatabaseError(resultCode: ResultCode(rawValue: code), message: message, sql: statement.sql)
    }
}

extension SQLValue {
    /// Text is bound with its byte length, never as a C string: a NUL inside it would otherwise end
    /// the text there and store "a" for "a\0b".
    func bind(to s: OpaquePointer?, at index: Int32) -> Int32 {
        switch self {
        case .null: return sqlite3_bind_null(s, index)
        case .integer(let n): return sqlite3_bind_int64(s, index, n)
        case .real(let d): return sqlite3_bind_double(s, index, d)
        case .text(let text) where text.isEmpty:
            // Bound apart: an empty buffer may have no address, and a NULL pointer binds SQL NULL.
            return sqlite3_bind_text(s, index, "", 0, DirectStatement.transient)
        case .text(let text):
            var text = text
            return text.withUTF8 { utf8 in
                utf8.withMemoryRebound(to: CChar.self) { chars in
                    sqlite3_bind_text64(s, index, chars.baseAddress, sqlite3_uint64(chars.count), DirectStatement.transient, UInt8(SQLITE_UTF8))
                }
            }
        case .blob(let data):
            return data.withUnsafeBytes { sqlite3_bind_blob64(s, index, $0.baseAddress, sqlite3_uint64($0.count), DirectStatement.transient) }
        }
    }
}
