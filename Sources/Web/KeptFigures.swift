import Foundation
import GongkaiCore

/// Figures a page computed, kept while the data stays as it was: the key names the state they were
/// computed from (`StoreDatabase.dataVersion`, and what else they depend on), and a new key forgets
/// every entry. Entries are named (a month, an account's queues); at most `limit` are kept, and
/// one more forgets them all, so that asking for ever other months cannot fill the memory. The
/// dashboard shows 13 months of indicators and a month's desk statistics, home a count per queue;
/// computing them on every load took most of those pages' time (issue 28).
final class KeptFigures<Name: Hashable & Sendable, Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private let limit: Int
    private var key = ""
    private var entries: [Name: Value] = [:]

    init(limit: Int = 256) { self.limit = limit }

    /// The value of `name` computed under `key`, computing it with `compute` when missing or when
    /// the key changed. Two loads at once may both compute an entry: the same figures, kept once.
    func value(_ name: Name, key: String, compute: () throws -> Value) rethrows -> Value {
        if let kept = lock.withLock({ self.key == key ? entries[name] : nil }) { return kept }
        let value = try compute()
        lock.withLock {
            if self.key != key { self.key = key; entries = [:] }
            if entries[name] == nil && entries.count >= limit { entries = [:] }
            entries[name] = value
        }
        return value
    }
}

/// A month's figures (the dashboard's), kept by the month.
typealias MonthFiguresCache<Value: Sendable> = KeptFigures<Int, Value>

extension KeptFigures where Name == Int {
    /// The value of `month` computed under `key` (`value(_:key:compute:)`).
    func value(_ month: YearMonth, key: String, compute: () throws -> Value) rethrows -> Value {
        try value(month.index, key: key, compute: compute)
    }
}
