import GRDB

extension Row {
    /// The column's value, nil for NULL. GRDB's subscript (`row["x"] as Int64?`) traps on a value of
    /// another type (a row edited outside gongkai); this throws `damaged(column, value)` instead.
    func checked<T: DatabaseValueConvertible>(_ column: String, damaged: (String, String) -> any Error) throws -> T? {
        do { return try decode(T?.self, forColumn: column) } catch {
            throw damaged(column, Login.printable("\(self[column] as DatabaseValue)"))
        }
    }
}
