import Foundation
import GongkaiCore
import Store

/// Computes the catalog's indicators for months, at every programme and township level.
///
/// Each statement runs once per month and returns rows per (programme, township); the district level
/// sums those numerators and denominators and divides once, so a district rate is never an average
/// of township rates. Statements run on the store's read-only connections, two at a time.
public struct IndicatorEngine: Sendable {
    public let store: StoreDatabase
    public let catalog: IndicatorCatalog
    /// Townships in display order (原州区's official order first), without "all".
    public let townships: [String]

    /// Prepares the engine: refreshes the calendar and approval-limit tables the definitions join.
    public init(store: StoreDatabase, catalog: IndicatorCatalog, calendar: WorkCalendar) throws {
        self.store = store
        self.catalog = catalog
        var days: [ReferenceData.CalendarDay] = []
        for year in calendar.coveredYears {
            var d = CivilDate(year: year, month: 1, day: 1)!
            while d.year == year {
                days.append(.init(day: d.dayNumber, working: try calendar.isWorkingDay(d)))
                d = d.adding(days: 1)
            }
        }
        try ReferenceData.sync(calendar: days, approvalLimits: catalog.approvalLimits, in: store)
        let known = try ReferenceData.townships(in: store)
        let official = Codelist.yuanzhouTownships.filter(known.contains)
        townships = official + known.filter { !official.contains($0) }.sorted()
    }

    /// The named parameters for a month (see docs/indicators.md).
    static func parameters(for month: YearMonth) -> [String: Int] {
        let window = month.adding(months: -11)
        return ["month": month.index, "previous_month": month.index - 1,
                "month_first_day": month.firstDay.dayNumber, "month_last_day": month.lastDay.dayNumber,
                "window_first_month": window.index, "window_first_day": window.firstDay.dayNumber]
    }

    public func compute(_ month: YearMonth) throws -> MonthIndicators {
        let definitions = catalog.definitions
        let results = LockedResults(count: definitions.count)
        let parameters = Self.parameters(for: month)
        DispatchQueue.concurrentPerform(iterations: definitions.count) { i in
            results.set(i, Result { try compute(definitions[i], month: month, parameters: parameters) })
        }
        return MonthIndicators(month: month, values: try results.values().flatMap { $0 })
    }

    public func compute(_ months: [YearMonth]) throws -> [MonthIndicators] { try months.map(compute) }

    private func compute(_ d: IndicatorDefinition, month: YearMonth, parameters: [String: Int]) throws -> [IndicatorValue] {
        do {
            return try store.read { db in
                if let check = d.calendarCheck, case let day = try check.scalar(parameters: parameters, in: db), day != 0 {
                    throw IndicatorError.calendarNotCovered(indicator: d.id, month: month, date: CivilDate(dayNumber: Int(day)))
                }
                let numerator = try d.numerator.groupedRows(parameters: parameters, in: db)
                let denominator = try d.denominator?.groupedRows(parameters: parameters, in: db)
                return values(d, month: month, numerator: numerator, denominator: denominator)
            }
        } catch let error as IndicatorError {
            throw error
        } catch {
            throw IndicatorError.query(indicator: d.id, month: month, message: "\(error)")
        }
    }

    typealias Rows = [(programme: String?, township: String?, value: Int64?)]

    /// Sums rows per (programme, township) and per programme for the district; collects cases for medians.
    private func values(_ d: IndicatorDefinition, month: YearMonth, numerator: Rows, denominator: Rows?) -> [IndicatorValue] {
        var num: [String: Int64] = [:], den: [String: Int64] = [:], cases: [String: [Int64]] = [:]
        func accumulate(_ rows: Rows, into totals: inout [String: Int64]) {
            for r in rows {
                let p = r.programme ?? "all", v = r.value ?? 0
                totals["\(p)|all", default: 0] += v
                if let t = r.township { totals["\(p)|\(t)", default: 0] += v }
            }
        }
        if d.aggregate == .median {
            for r in numerator {
                guard let v = r.value else { continue }
                let p = r.programme ?? "all"
                cases["\(p)|all", default: []].append(v)
                if let t = r.township { cases["\(p)|\(t)", default: []].append(v) }
            }
        } else {
            accumulate(numerator, into: &num)
            if let denominator { accumulate(denominator, into: &den) }
        }
        var out: [IndicatorValue] = []
        out.reserveCapacity(d.programmes.count * (townships.count + 1))
        for p in d.programmes {
            for t in ["all"] + townships {
                let key = "\(p)|\(t)"
                let n: Int64?, q: Int64?, value: Fraction?
                switch d.aggregate {
                case .sum:
                    n = num[key] ?? 0; q = nil
                    value = Fraction(integer: n!) * d.factor
                case .ratio:
                    n = num[key] ?? 0; q = den[key] ?? 0
                    value = Fraction(Int128(n!), Int128(q!)).map { $0 * d.factor }
                case .median:
                    let list = (cases[key] ?? []).sorted()
                    n = Int64(list.count); q = nil
                    value = Self.median(list).map { $0 * d.factor }
                }
                out.append(IndicatorValue(indicator: d.id, programme: p, township: t, month: month, numerator: n,
                                          denominator: q, value: value, status: d.status(of: value, programme: p)))
            }
        }
        return out
    }

    static func median(_ sorted: [Int64]) -> Fraction? {
        guard !sorted.isEmpty else { return nil }
        let mid = sorted.count / 2
        if sorted.count % 2 == 1 { return Fraction(integer: sorted[mid]) }
        return Fraction(Int128(sorted[mid - 1]) + Int128(sorted[mid]), 2)
    }
}

/// Results of the parallel per-indicator computations, gathered under a lock.
private final class LockedResults: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [Result<[IndicatorValue], Error>?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func set(_ i: Int, _ r: Result<[IndicatorValue], Error>) {
        lock.lock(); slots[i] = r; lock.unlock()
    }

    /// The values in definition order, or the first error in definition order.
    func values() throws -> [[IndicatorValue]] {
        lock.lock(); defer { lock.unlock() }
        return try slots.map { try $0!.get() }
    }
}
