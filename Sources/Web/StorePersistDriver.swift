import Foundation
import GongkaiCore
import Hummingbird
import Store

/// hummingbird-auth's session storage over the office's store (SQLite or PostgreSQL), so that
/// sessions survive a restart of `gongkai serve` and, on PostgreSQL, a session made by one node is
/// valid on every other (Hummingbird ships only an in-memory driver).
///
/// Values are stored as JSON, keys only as their SHA-256 (see `StoreDatabase.migrateWebSessions`).
/// Expiry is computed from the injected clock, never from `Date()`, so tests can move time on; rows
/// past their expiry are never returned and are swept whenever a session is written.
public struct StorePersistDriver: PersistDriver {
    let store: StoreDatabase
    let clock: Clock

    public init(store: StoreDatabase, clock: Clock) {
        self.store = store
        self.clock = clock
    }

    var nowSeconds: Int64 { Int64(clock.now().timeIntervalSince1970.rounded(.down)) }

    func expiry(_ expires: Duration?) -> Int64? {
        expires.map { nowSeconds + $0.components.seconds }
    }

    public func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let data = try JSONEncoder().encode(value)
        guard try store.putWebSession(key: key, value: data, expiresAt: expiry(expires), now: nowSeconds, onlyIfNew: true) else {
            throw PersistError.duplicate
        }
    }

    public func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        let data = try JSONEncoder().encode(value)
        try store.putWebSession(key: key, value: data, expiresAt: expiry(expires), now: nowSeconds)
    }

    public func get<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> Object? {
        try await getWithTTL(key: key, as: type)?.object
    }

    public func getWithTTL<Object: Codable & Sendable>(key: String, as type: Object.Type) async throws -> (object: Object, ttl: Duration?)? {
        let now = nowSeconds
        guard let row = try store.webSession(key: key, now: now) else { return nil }
        let object: Object
        do { object = try JSONDecoder().decode(type, from: row.value) } catch { throw PersistError.invalidConversion }
        return (object, row.expiresAt.map { .seconds($0 - now) })
    }

    public func remove(key: String) async throws {
        try store.removeWebSession(key: key)
    }
}
