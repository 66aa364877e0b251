import Foundation
import GRDB
import GRDBSQLite
import GongkaiCore

/// A statement written in a definition file (templates/indicators.toml), prepared and checked against
/// the store: it must be read-only, return the expected number of columns and use only the named
/// parameters the engine provides.
public struct DefinitionQuery: Sendable {
    public let sql: String
    public let parameters: [String]

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

    /// Prepares `sql` on a read-only connection and checks it.
    public static func prepare(_ sql: String, columns: Int, allowedParameters: [String],
                               in store: StoreDatabase) throws(Problem) -> DefinitionQuery {
        do {
            return try store.writer.read { db in
                let statement: Statement
                do { statement = try db.makeStatement(sql: sql) } catch let error as DatabaseError {
                    throw Problem.invalid(error.message ?? "\(error)")
                }
                guard statement.isReadonly else { throw Problem.notReadOnly }
                guard statement.columnCount == columns else { throw Problem.columns(expected: columns, found: statement.columnCount) }
                var names: [String] = []
                let count = sqlite3_bind_parameter_count(statement.sqliteStatement)
                if count > 0 {
                    for i in 1...count {
                        guard let cName = sqlite3_bind_parameter_name(statement.sqliteStatement, i) else { throw Problem.positionalParameter }
                        let name = String(String(cString: cName).dropFirst())
                        guard allowedParameters.contains(name) else { throw Problem.unknownParameter(name, allowed: allowedParameters) }
                        names.append(name)
                    }
                }
                return DefinitionQuery(sql: sql, parameters: names)
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw .invalid("\(error)")
        }
    }

    /// Runs the statement with the parameters it uses, returning (programme, township, value) rows.
    /// A NULL programme or township stays nil; the value must be an integer (counts, fen, days): a
    /// REAL or TEXT value (an AVG, a typo) is an error, not a trap or a silent truncation.
    /// The three columns are positional by the definitions' contract, checked when prepared.
    func groupedRows(parameters values: [String: Int], in db: Database) throws -> [(programme: String?, township: String?, value: Int64?)] {
        let statement = try bound(values, in: db)
        var result: [(String?, String?, Int64?)] = []
        let rows = try Row.fetchCursor(statement)
        while let row = try rows.next() {
            result.append((try Self.text(row, 0), try Self.text(row, 1), try Self.integer(row, 2)))
        }
        return result
    }

    /// Runs a single-value statement (a check that must return 0).
    func scalar(parameters values: [String: Int], in db: Database) throws -> Int64 {
        let statement = try bound(values, in: db)
        guard let row = try Row.fetchOne(statement) else { return 0 }
        return try Self.integer(row, 0) ?? 0
    }

    private func bound(_ values: [String: Int], in db: Database) throws -> Statement {
        let statement = try db.cachedStatement(sql: sql)
        var arguments = StatementArguments()
        for name in parameters {
            guard let value = values[name] else { throw Problem.unknownParameter(name, allowed: values.keys.sorted()) }
            _ = arguments.append(contentsOf: [name: value])
        }
        statement.setUncheckedArguments(arguments)
        return statement
    }

    private static func integer(_ row: Row, _ index: Int) throws -> Int64? {
        let value: DatabaseValue = row[index]
        switch value.storage {
        case .null: return nil
        case .int64(let n): return n
        case .double(let d): throw Problem.notAnInteger(column: index + 1, found: "\(d)")
        case .string(let s): throw Problem.notAnInteger(column: index + 1, found: "'\(s)'")
        case .blob: throw Problem.notAnInteger(column: index + 1, found: "a blob")
        }
    }

    private static func text(_ row: Row, _ index: Int) throws -> String? {
        let value: DatabaseValue = row[index]
        switch value.storage {
        case .null: return nil
        case .string(let s): return s
        case .int64(let n): return String(n)
        case .double(let d): return "\(d)"
        case .blob: throw Problem.invalid("第 \(index + 1) 列是二进制数据，不是救助项目或乡镇名称")
        }
    }
}
