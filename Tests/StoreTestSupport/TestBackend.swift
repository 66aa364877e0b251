import Foundation
import OfficeTools
import Store

/// The two databases the store's conformance tests run on: every behaviour the same on both.
public enum TestBackend: String, CaseIterable, Sendable {
    case sqlite, postgres

    /// A new, empty store: an in-memory SQLite database, or a new database on the throwaway
    /// PostgreSQL cluster (`ThrowawayPostgres`).
    public func store() async throws -> StoreDatabase {
        switch self {
        case .sqlite:
            return try StoreDatabase()
        case .postgres:
            let url = try await ThrowawayPostgres.shared.newDatabaseURL()
            guard case .postgres(let address) = try StoreLocation(url) else { throw StoreLocationError.malformed(url) }
            return try StoreDatabase(postgres: address)
        }
    }
}
