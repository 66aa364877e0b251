import Foundation
import GongkaiCore
import Hummingbird
@testable import Store
import GRDB
import Testing
@testable import Web

@Suite struct SQLitePersistDriverTests {
    /// A clock the test moves by hand.
    final class ManualClock: @unchecked Sendable {
        private let lock = NSLock()
        private var date = Date(timeIntervalSince1970: 1_793_000_000)
        var clock: Clock { Clock { [self] in lock.withLock { date } } }
        func advance(_ seconds: TimeInterval) { lock.withLock { date += seconds } }
    }

    struct Value: Codable, Sendable, Equatable { var n: Int }

    @Test func storesReadsAndRemoves() async throws {
        let store = try StoreDatabase()
        let time = ManualClock()
        let driver = SQLitePersistDriver(store: store, clock: time.clock)
        try await driver.create(key: "hbs.abc", value: Value(n: 1), expires: .seconds(60))
        #expect(try await driver.get(key: "hbs.abc", as: Value.self) == Value(n: 1))
        await #expect(throws: PersistError.duplicate) { try await driver.create(key: "hbs.abc", value: Value(n: 2), expires: nil) }
        try await driver.set(key: "hbs.abc", value: Value(n: 3), expires: nil)
        let (value, ttl) = try #require(try await driver.getWithTTL(key: "hbs.abc", as: Value.self))
        #expect(value == Value(n: 3))
        #expect(ttl == .seconds(60), "set without an expiry keeps the one the row has")
        try await driver.remove(key: "hbs.abc")
        #expect(try await driver.get(key: "hbs.abc", as: Value.self) == nil)
    }

    @Test func expiredRowsAreNeverReturnedAndAreSwept() async throws {
        let store = try StoreDatabase()
        let time = ManualClock()
        let driver = SQLitePersistDriver(store: store, clock: time.clock)
        try await driver.set(key: "a", value: Value(n: 1), expires: .seconds(10))
        time.advance(11)
        #expect(try await driver.get(key: "a", as: Value.self) == nil)
        try await driver.set(key: "b", value: Value(n: 2), expires: .seconds(10))
        #expect(try store.webSessionCount() == 1, "writing a session sweeps the expired ones")
    }

    @Test func keysAreStoredHashed() async throws {
        let store = try StoreDatabase()
        let driver = SQLitePersistDriver(store: store, clock: ManualClock().clock)
        try await driver.set(key: "hbs.secret-session-id", value: Value(n: 1), expires: nil)
        let keys = try store.read { db in try String.fetchAll(db, sql: "SELECT key_hash FROM web_session") }
        #expect(keys == [Digest.sha256Hex("hbs.secret-session-id")])
    }

    @Test func aValueOfAnotherShapeIsAConversionError() async throws {
        let store = try StoreDatabase()
        let driver = SQLitePersistDriver(store: store, clock: ManualClock().clock)
        try await driver.set(key: "k", value: "text", expires: nil)
        await #expect(throws: PersistError.invalidConversion) { try await driver.get(key: "k", as: Value.self) }
    }
}
