import Foundation
import GRDB
import GongkaiCore

/// A statement written in a definition file (templates/indicators.toml), prepared and checked against
/// the store: it must be read-only, return the expected number of columns and use only the named
/// parameters the engine provides.
///
/// The text runs as written on either database: its `:name` parameters are bound by the store
/// (`NamedStatement`), the reference tables it names are put in front of it (`ReferenceData`), and
/// its values are read alike (integers as integers; PostgreSQL's whole NUMERIC, what its SUM of
/// BIGINT gives, as the integer SQLite's SUM gives).
public struct DefinitionQuery: Sendable {
    public let sql: String
    /// The parameters it uses, each once, in the order of first use.
    public let parameters: [String]
    let statement: NamedStatement

    public enum Problem: Error, CustomStringConvertible {
        case invalid(String)
        case notReadOnly
        case columns(expected: Int, found: Int)
        case unknownParameter(String, allowed: [String])
        case positionalParameter
        case notAnInteger(column: Int, found: String)

        public var description: String {
            switch self {
            case .invalid(let message): "SQL 无法运行：\(message)"
            case .notReadOnly: "the SQL must only read (SELECT)"
            case .columns(let expected, let found): "SQL 须返回 \(expected) 列，实际返回 \(found) 列"
            case .unknownParameter(let name, let allowed): "未知参数 :\(name)（请用 \(allowed.map { ":" + $0 }.joined(separator: ", "))）"
            case .positionalParameter: "请用命名参数，如 :month，而不是 ?"
            case .notAnInteger(let column, let found):
                "第 \(column) 列须为整数（件数、分或天数），实际为 \(found)：请用 COUNT、SUM 或 CAST(… AS INTEGER)"
            }
        }
    }

    /// Prepares `sql` in a read-only transaction and checks it.
    public static func prepare(_ sql: String, columns: Int, allowedParameters: [String],
                               in store: StoreDatabase) throws(Problem) -> DefinitionQuery {
        let statement: NamedStatement
        do { statement = try NamedStatement(sql) } catch { throw .positionalParameter }
        let shape: StatementShape
        do {
            shape = try store.referenceRead(.empty) { session in
                try session.shape(of: ReferenceData.Tables.empty.prefixed(statement.sql, dialect: session.dialect),
                                  statement.names.map { _ in .integer(0) })
            }
        } catch {
            throw .invalid(Self.message(error))
        }
        guard shape.readOnly else { throw .notReadOnly }
        guard shape.columns == columns else { throw .columns(expected: columns, found: shape.columns) }
        guard shape.placeholders == statement.names.count else { throw .positionalParameter }
        var names: [String] = []
        for name in statement.names where !names.contains(name) {
            guard allowedParameters.contains(name) else { throw .unknownParameter(name, allowed: allowedParameters) }
            names.append(name)
        }
        return DefinitionQuery(sql: sql, parameters: names, statement: statement)
    }

    /// The database's own words for a statement it cannot prepare.
    private static func message(_ error: any Error) -> String {
        switch error {
        case let error as DatabaseError: error.message ?? "\(error)"
        case StoreError.postgres(_, let failure): failure.message
        default: "\(error)"
        }
    }

    /// Runs the statement with the parameters it uses, returning (programme, township, value) rows.
    /// A NULL programme or township stays nil; the value must be an integer (counts, fen, days): a
    /// REAL or TEXT value (an AVG, a typo) is an error, not a trap or a silent truncation.
    /// The three columns are positional by the definitions' contract, checked when prepared.
    func groupedRows(parameters values: [String: Int], reference: ReferenceData.Tables,
                     in session: any SQLSession) throws -> [(programme: String?, township: String?, value: Int64?)] {
        try run(values, reference: reference, in: session).map { row in
            (try Self.text(row, 0), try Self.text(row, 1), try Self.integer(row, 2))
        }
    }

    /// Runs a single-value statement (a check that must return 0).
    func scalar(parameters values: [String: Int], reference: ReferenceData.Tables, in session: any SQLSession) throws -> Int64 {
        guard let row = try run(values, reference: reference, in: session).first else { return 0 }
        return try Self.integer(row, 0) ?? 0
    }

    private func run(_ values: [String: Int], reference: ReferenceData.Tables, in session: any SQLSession) throws -> [SQLRow] {
        switch statement.arguments(values) {
        case .failure(let missing): throw Problem.unknownParameter(missing.name, allowed: values.keys.sorted())
        case .success(let arguments): return try session.rows(reference.prefixed(statement.sql, dialect: session.dialect), arguments)
        }
    }

    private static func integer(_ row: SQLRow, _ index: Int) throws -> Int64? {
        switch row[index] {
        case .null: return nil
        case .integer(let n): return n
        case .real(let d): throw Problem.notAnInteger(column: index + 1, found: "\(d)")
        case .text(let s): throw Problem.notAnInteger(column: index + 1, found: "'\(s)'")
        case .blob: throw Problem.notAnInteger(column: index + 1, found: "a blob")
        }
    }

    private static func text(_ row: SQLRow, _ index: Int) throws -> String? {
        switch row[index] {
        case .null: return nil
        case .text(let s): return s
        case .integer(let n): return String(n)
        case .real(let d): return "\(d)"
        case .blob: throw Problem.invalid("第 \(index + 1) 列是二进制数据，不是救助项目或乡镇名称")
        }
    }
}
