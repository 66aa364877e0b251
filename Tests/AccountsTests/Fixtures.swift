import Foundation
import GongkaiCore
import Store
@testable import Accounts

/// A settable clock: lockout and password age are tested by moving time, never by waiting.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date

    init(_ start: String = "2026-11-05T01:30:00Z") { current = UTCTimestamp.date(start) ?? Date(timeIntervalSince1970: 0) }

    var clock: Clock { Clock { [self] in lock.withLock { current } } }

    func advance(minutes: Double) { lock.withLock { current = current.addingTimeInterval(minutes * 60) } }
    func advance(days: Double) { advance(minutes: days * 1440) }
}

enum Fixture {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var templates: String { packageRoot.appendingPathComponent("templates").path }

    static let admin = AuditActor.commandLine(user: "tester")
    /// Satisfies the standard policy (upper, lower, digit, other).
    static let password = "Chu-shi-mi-ma1"

    /// An in-memory store with the repository's townships. bcrypt cost 4 through the explicit test
    /// policy unless `cost` says otherwise: the suite hashes dozens of passwords.
    static func accounts(clock: TestClock, cost: Int = 4, store: StoreDatabase? = nil) throws -> AccountStore {
        AccountStore(store: try store ?? StoreDatabase(), policy: SecurityPolicy.forTestsOnly(bcryptCost: cost),
                     townships: try Townships.load(templates: templates), clock: clock.clock)
    }
}
