import Foundation

/// One value bound to a statement or read from a row, the same whichever database runs it.
///
/// The store's SQL binds and reads only these: integers (counts, fen, day numbers, flags 0/1), text
/// (codes, names, UTC ISO 8601 times) and bytes. Both schemas keep integers as 64-bit (SQLite's
/// INTEGER, PostgreSQL's BIGINT), so a value reads back as the same case from either.
enum SQLValue: Sendable, Hashable, CustomStringConvertible {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob(Data)

    /// As SQLite's shell shows it (text quoted), for an error about a value gongkai never writes.
    var description: String {
        switch self {
        case .null: "NULL"
        case .integer(let n): String(n)
        case .real(let d): String(d)
        case .text(let s): String(reflecting: s)
        case .blob(let d): "<\(d.count) 字节>"
        }
    }
}

/// A Swift value a statement may bind.
protocol SQLArgument: Sendable { var sqlValue: SQLValue { get } }

extension Int64: SQLArgument { var sqlValue: SQLValue { .integer(self) } }
extension Int: SQLArgument { var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Bool: SQLArgument { var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension String: SQLArgument { var sqlValue: SQLValue { .text(self) } }
extension Data: SQLArgument { var sqlValue: SQLValue { .blob(self) } }
extension Optional: SQLArgument where Wrapped: SQLArgument { var sqlValue: SQLValue { self?.sqlValue ?? .null } }

/// A Swift value a row's column may be read as; nil when the stored value is of another kind.
protocol SQLColumnValue { init?(sqlValue: SQLValue) }

extension Int64: SQLColumnValue {
    init?(sqlValue: SQLValue) { guard case .integer(let n) = sqlValue else { return nil }; self = n }
}
extension Int: SQLColumnValue {
    init?(sqlValue: SQLValue) { guard case .integer(let n) = sqlValue, let v = Int(exactly: n) else { return nil }; self = v }
}
extension String: SQLColumnValue {
    init?(sqlValue: SQLValue) { guard case .text(let s) = sqlValue else { return nil }; self = s }
}
extension Data: SQLColumnValue {
    init?(sqlValue: SQLValue) { guard case .blob(let d) = sqlValue else { return nil }; self = d }
}

/// One result row: its column names (as the statement names them) and values.
struct SQLRow: Sendable {
    let columns: [String]
    let values: [SQLValue]

    /// The value of the named column; NULL when the statement has no such column.
    subscript(_ column: String) -> SQLValue {
        columns.firstIndex(of: column).map { values[$0] } ?? .null
    }

    /// The value at a position; NULL past the last column.
    subscript(_ index: Int) -> SQLValue { values.indices.contains(index) ? values[index] : .null }

    /// The column's value, nil for NULL; a value of another kind (a row edited outside gongkai)
    /// throws `StoredRecordDamage` naming `key`, the column and the value, never traps.
    func checked<T: SQLColumnValue>(_ column: String, key: String) throws -> T? {
        let value = self[column]
        if value == .null { return nil }
        guard let typed = T(sqlValue: value) else { throw StoredRecordDamage(key: key, field: column, value: value.description) }
        return typed
    }

    /// The value at `index`, as `checked(_:key:)` reads a named column: for loops over many rows
    /// (a department's list), where finding each column by its name would cost more than the read.
    func checked<T: SQLColumnValue>(_ index: Int, key: String) throws -> T? {
        let value = self[index]
        if value == .null { return nil }
        guard let typed = T(sqlValue: value) else {
            throw StoredRecordDamage(key: key, field: columns.indices.contains(index) ? columns[index] : "\(index)", value: value.description)
        }
        return typed
    }

    /// The column's value, or `fallback` when it is NULL or of another kind: for columns the store's
    /// own schema constrains (NOT NULL, CHECK), where a damaged value cannot arise from gongkai.
    func value<T: SQLColumnValue>(_ column: String, or fallback: T) -> T { T(sqlValue: self[column]) ?? fallback }

    /// The column's value, nil when NULL or of another kind (nullable columns the schema constrains).
    func optional<T: SQLColumnValue>(_ column: String) -> T? { T(sqlValue: self[column]) }
}

/// The statements of one transaction, on whichever database the store opened.
///
/// Statements are written once, with `?` placeholders and the SQL both databases accept (`INSERT …
/// RETURNING`, `ON CONFLICT`, 64-bit integers for flags and times as UTC ISO 8601 text). Only Store
/// sees a session.
protocol SQLSession {
    /// Which database runs the statements, for the few that differ (SQLDialect).
    var dialect: SQLDialect { get }
    /// Runs a statement that returns no rows; the number of rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [SQLValue]) throws -> Int
    /// Runs a query; every row.
    func rows(_ sql: String, _ arguments: [SQLValue]) throws -> [SQLRow]
    /// A statement prepared once for many runs in this transaction (a finding per matched person): each
    /// call binds its values and returns the rows it changed. SQLite binds and steps it through its C
    /// API (`DirectStatement`); elsewhere each call is an `execute`.
    func prepare(_ sql: String) throws -> ([SQLValue]) throws -> Int
    /// Runs a query and hands `body` each row as it is read, for results too large to hold at once
    /// (a department's list of a million rows). PostgreSQL's client reads the whole result first.
    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws
    /// Appends rows (each one value per column, in order) to `table` the fastest way the database
    /// has — SQLite one prepared INSERT stepped per row, PostgreSQL `COPY … FROM STDIN` — for loads
    /// of many rows; the number appended. `table` and `columns` are the store's names, never input.
    @discardableResult
    func append<Rows: Sequence>(into table: String, columns: [String], rows: Rows) throws -> Int where Rows.Element == [SQLValue]
    /// Where an import writes its rows in this transaction (`ImportSink`): each database's bulk path.
    func importSink() -> any ImportSink
    /// What a query written by the office (an indicator definition) would return, without running it:
    /// its number of columns, and whether it only reads. Throws the database's message for a
    /// statement it cannot prepare.
    func shape(of sql: String, _ arguments: [SQLValue]) throws -> StatementShape
}

/// A prepared query's columns and whether it only reads (`SQLSession.shape`).
struct StatementShape: Equatable {
    let columns: Int
    let readOnly: Bool
    /// The placeholders the database found; more than the store bound means the text holds a
    /// parameter form other than `:name` (SQLite's `?`, `@x`, `$x`).
    let placeholders: Int
}

extension SQLSession {
    func prepare(_ sql: String) throws -> ([SQLValue]) throws -> Int {
        { try self.execute(sql, $0) }
    }

    func forEachRow(_ sql: String, _ arguments: [SQLValue], _ body: (SQLRow) throws -> Void) throws {
        for row in try rows(sql, arguments) { try body(row) }
    }

    func forEachRow(_ sql: String, _ arguments: any SQLArgument..., body: (SQLRow) throws -> Void) throws {
        try forEachRow(sql, arguments.map(\.sqlValue), body)
    }

    @discardableResult
    func execute(_ sql: String, _ arguments: any SQLArgument...) throws -> Int {
        try execute(sql, arguments.map(\.sqlValue))
    }

    func rows(_ sql: String, _ arguments: any SQLArgument...) throws -> [SQLRow] {
        try rows(sql, arguments.map(\.sqlValue))
    }

    /// The first row, or nil.
    func row(_ sql: String, _ arguments: any SQLArgument...) throws -> SQLRow? {
        try rows(sql, arguments.map(\.sqlValue)).first
    }

    /// The first column of the first row, nil when there is no row, it is NULL or of another kind.
    func value<T: SQLColumnValue>(_ sql: String, _ arguments: any SQLArgument...) throws -> T? {
        try rows(sql, arguments.map(\.sqlValue)).first.flatMap { T(sqlValue: $0[0]) }
    }

    /// The first column of every row (NULLs and values of another kind left out).
    func column<T: SQLColumnValue>(_ sql: String, _ arguments: any SQLArgument...) throws -> [T] {
        try rows(sql, arguments.map(\.sqlValue)).compactMap { T(sqlValue: $0[0]) }
    }
}
