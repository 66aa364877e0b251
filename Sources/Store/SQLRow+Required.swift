extension SQLRow {
    /// The column's value where the schema says NOT NULL: NULL or a value of another kind (a row
    /// edited outside gongkai) throws `StoredRecordDamage` naming `key` and the column, never traps.
    func required<T: SQLColumnValue>(_ column: String, key: String) throws -> T {
        guard let value: T = try checked(column, key: key) else { throw StoredRecordDamage(key: key, field: column, value: "NULL") }
        return value
    }
}
