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
}
