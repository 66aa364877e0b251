import Foundation
import GongkaiCore
import Store

/// The dashboard's indicators of months not published, computed once and kept while the data and
/// the definitions stay as they were (`StoreDatabase.dataVersion`, the catalog's SHA-256): the
/// dashboard shows 13 months, and computing up to 12 unpublished ones on every load took most of
/// its time (issue 28). A published month is read from its snapshot and never kept here.
final class IndicatorMonthCache: @unchecked Sendable {
    /// A month's rows of the dashboard's programme, or why the month cannot be computed.
    enum Entry {
        case rows([IndicatorSnapshots.Row])
        case problem(String)
    }

    private let lock = NSLock()
    private var key = ""
    private var months: [Int: Entry] = [:]

    /// The entry of `month` computed under `key`, computing it with `compute` when missing or when
    /// the key changed (which forgets every month). Two loads at once may both compute a month: the
    /// same figures, kept once.
    func entry(_ month: YearMonth, key: String, compute: () throws -> Entry) rethrows -> Entry {
        if let kept = lock.withLock({ self.key == key ? months[month.index] : nil }) { return kept }
        let entry = try compute()
        lock.withLock {
            if self.key != key { self.key = key; months = [:] }
            months[month.index] = entry
        }
        return entry
    }
}
