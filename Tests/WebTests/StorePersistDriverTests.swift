import Foundation
import GongkaiCore
import Hummingbird
@testable import Store
import GRDB
import StoreTestSupport
import OfficeTools
import Testing
@testable import Web

@Suite struct StorePersistDriverTests {
    /// A clock the test moves by hand.
    final class ManualClock: @unchecked Sendable {
        private let lock = NSLock()
        private var date = Date(timeIntervalSince1970: 1_793_000_000)
        var clock: Clock { Clock { [self] in lock.withLock { date } } }
        func advance(_ seconds: TimeInterval) { lock.withLock { date += seconds } }
    }

    struct Value: Codable, Sendable, Equatable { var n: Int }

    @Test(arguments: TestBackend.allCases) func storesReadsAndRemoves(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let time = ManualClock()
        let driver = StorePersistDriver(store: store, clock: time.clock)
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

    @Test(arguments: TestBackend.allCases) func expiredRowsAreNeverReturnedAndAreSwept(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let time = ManualClock()
        let driver = StorePersistDriver(store: store, clock: time.clock)
        try await driver.set(key: "a", value: Value(n: 1), expires: .seconds(10))
        time.advance(11)
        #expect(try await driver.get(key: "a", as: Value.self) == nil)
        try await driver.set(key: "b", value: Value(n: 2), expires: .seconds(10))
        #expect(try store.webSessionCount() == 1, "writing a session sweeps the expired ones")
    }

    @Test(arguments: TestBackend.allCases) func keysAreStoredHashed(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let driver = StorePersistDriver(store: store, clock: ManualClock().clock)
        try await driver.set(key: "hbs.secret-session-id", value: Value(n: 1), expires: nil)
        let keys: [String] = try store.session(readOnly: true) { try $0.column("SELECT key_hash FROM web_session") }
        #expect(keys == [Digest.sha256Hex("hbs.secret-session-id")])
    }

    @Test func aValueOfAnotherShapeIsAConversionError() async throws {
        let store = try StoreDatabase()
        let driver = StorePersistDriver(store: store, clock: ManualClock().clock)
        try await driver.set(key: "k", value: "text", expires: nil)
        await #expect(throws: PersistError.invalidConversion) { try await driver.get(key: "k", as: Value.self) }
    }

    /// Two nodes on one PostgreSQL database: a session made on one is read on the other, and of two
    /// nodes creating the same key at once exactly one succeeds.
    @Test func aSessionMadeOnOneNodeIsValidOnTheOther() async throws {
        let url = try await ThrowawayPostgres.shared.newDatabaseURL()
        guard case .postgres(let address) = try StoreLocation(url) else { Issue.record("not a PostgreSQL URL: \(url)"); return }
        let time = ManualClock()
        let one = StorePersistDriver(store: try StoreDatabase(postgres: address), clock: time.clock)
        let other = StorePersistDriver(store: try StoreDatabase(postgres: address), clock: time.clock)
        try await one.create(key: "hbs.node-one", value: Value(n: 7), expires: .seconds(600))
        #expect(try await other.get(key: "hbs.node-one", as: Value.self) == Value(n: 7))
        try await other.remove(key: "hbs.node-one")
        #expect(try await one.get(key: "hbs.node-one", as: Value.self) == nil)
        for round in 0..<20 {
            let created = await withTaskGroup(of: Bool.self) { group in
                for driver in [one, other] {
                    group.addTask { (try? await driver.create(key: "hbs.race-\(round)", value: Value(n: round), expires: nil)) != nil }
                }
                return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(created == 1, "round \(round)")
        }
    }
}
