import Foundation
import GongkaiCore

/// Figures of a month the dashboard computed, kept while the data stays as it was: the key names
/// the state they were computed from (`StoreDatabase.dataVersion`, and what else they depend on),
/// and a new key forgets every month. The dashboard shows 13 months of indicators and a month's
/// desk statistics; computing them on every load took most of its time (issue 28).
final class MonthFiguresCache<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var key = ""
    private var months: [Int: Value] = [:]

    /// The value of `month` computed under `key`, computing it with `compute` when missing or when
    /// the key changed. Two loads at once may both compute a month: the same figures, kept once.
    func value(_ month: YearMonth, key: String, compute: () throws -> Value) rethrows -> Value {
        if let kept = lock.withLock({ self.key == key ? months[month.index] : nil }) { return kept }
        let value = try compute()
        lock.withLock {
            if self.key != key { self.key = key; months = [:] }
            months[month.index] = value
        }
        return value
    }
}
