import Foundation
import GongkaiCore

/// A clock the test moves by hand (session expiry, lockout).
final class ManualClock: @unchecked Sendable {
    private let lock = NSLock()
    private var date: Date

    init(_ date: Date = Date(timeIntervalSince1970: 1_793_000_000)) { self.date = date }

    var clock: Clock { Clock { [self] in lock.withLock { date } } }
    func advance(_ seconds: TimeInterval) { lock.withLock { date += seconds } }
}
