import GRDB

extension StoreDatabase {
    /// Runs `body` in one transaction on whichever database the store is: a snapshot read, or a
    /// write that commits all of `body`'s changes or none.
    @discardableResult
    func session<T>(readOnly: Bool, _ body: (any SQLSession) throws -> T) throws -> T {
        switch backend {
        case .sqlite:
            return readOnly ? try read { try body(SQLiteSession(db: $0)) } : try write { try body(SQLiteSession(db: $0)) }
        case .postgres(let connections):
            if !readOnly && isReadOnly { throw StoreError.openedReadOnly(connections.address.description) }
            return try connections.transaction(readOnly: readOnly) { try body($0) }
        }
    }

    /// Runs `body` where statements may name the reference tables (`ReferenceData`): on SQLite on a
    /// connection holding `tables` as its temporary copies, outside a transaction (each statement
    /// one consistent read; the copies are the connection's, so a read-only store works); on
    /// PostgreSQL in a read-only transaction (the statements carry the rows).
    func referenceRead<T>(_ tables: ReferenceData.Tables, _ body: (any SQLSession) throws -> T) throws -> T {
        switch backend {
        case .sqlite(let writer):
            return try writer.unsafeRead { db in
                try tables.install(on: db)
                return try body(SQLiteSession(db: db))
            }
        case .postgres:
            return try session(readOnly: true, body)
        }
    }
}
