import Foundation
import GongkaiCore
import Store

/// Computes the catalog's indicators for months, at every programme and township level.
///
/// Each statement runs once per month and returns rows per (programme, township); the district level
/// sums those numerators and denominators and divides once, so a district rate is never an average
/// of township rates. Statements run on the store's read-only connections, two at a time, and the
/// engine writes nothing: it works on a database opened read-only.
public struct IndicatorEngine: Sendable {
    public let store: StoreDatabase
    public let catalog: IndicatorCatalog
    /// Townships in display order (原州区's official order first), without "all".
    public let townships: [String]
    /// The calendar and approval limits the definitions join, from the templates just loaded.
    let reference: ReferenceData.Tables

    public init(store: StoreDatabase, catalog: IndicatorCatalog, calendar: WorkCalendar) throws {
        self.store = store
        self.catalog = catalog
        // Every day of each year the calendar covers (a month's first and last day exist for any year).
        let days = try calendar.coveredYears.flatMap { year in
            try calendar.days(in: YearMonth(index: year * 12).firstDay...YearMonth(index: year * 12 + 11).lastDay)
                .map { ReferenceData.CalendarDay(day: $0.day, working: $0.isWorkingDay) }
        }
        reference = ReferenceData.Tables(calendar: days, approvalLimits: catalog.approvalLimits, standards: catalog.standards)
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

    /// Every indicator for the month. Each distinct statement runs once (several indicators share a
    /// numerator or a calendar check), two at a time on the read-only connections.
    public func compute(_ month: YearMonth) throws -> MonthIndicators {
        let definitions = catalog.definitions
        let parameters = Self.parameters(for: month)
        let checks = Self.distinct(definitions.compactMap(\.calendarCheck))
        let statements = Self.distinct(definitions.flatMap { [$0.numerator, $0.denominator].compactMap { $0 } })
        let uncovered = try Parallel.map(checks.count) { i in
            do { return try store.scalar(of: checks[i], parameters: parameters, reference: reference) } catch {
                throw IndicatorError.query(indicator: Self.owner(of: checks[i], in: definitions), month: month, message: "\(error)")
            }
        }
        let days = Dictionary(zip(checks.map(\.sql), uncovered), uniquingKeysWith: { first, _ in first })
        for d in definitions {
            if let c = d.calendarCheck, let day = days[c.sql], day != 0 {
                throw IndicatorError.calendarNotCovered(indicator: d.id, month: month, date: CivilDate(dayNumber: Int(day)))
            }
        }
        let results = try Parallel.map(statements.count) { i in
            do { return try store.rows(of: statements[i], parameters: parameters, reference: reference) } catch {
                throw IndicatorError.query(indicator: Self.owner(of: statements[i], in: definitions), month: month, message: "\(error)")
            }
        }
        let rows = Dictionary(zip(statements.map(\.sql), results), uniquingKeysWith: { first, _ in first })
        return MonthIndicators(month: month, values: try definitions.flatMap { d in
            try values(d, month: month, numerator: rows[d.numerator.sql] ?? [], denominator: d.denominator.map { rows[$0.sql] ?? [] })
        })
    }

    public func compute(_ months: [YearMonth]) throws -> [MonthIndicators] { try months.map(compute) }

    private static func distinct(_ queries: [DefinitionQuery]) -> [DefinitionQuery] {
        var seen = Set<String>()
        return queries.filter { seen.insert($0.sql).inserted }
    }

    /// The first indicator using a statement, to name in an error.
    private static func owner(of query: DefinitionQuery, in definitions: [IndicatorDefinition]) -> String {
        definitions.first { [$0.numerator.sql, $0.denominator?.sql, $0.calendarCheck?.sql].contains(query.sql) }?.id ?? "?"
    }

    typealias Rows = [(programme: String?, township: String?, value: Int64?)]

    /// Sums rows per (programme, township) and per programme for the district; collects cases for
    /// medians. With `allProgrammesBySum`, each programme row also counts towards "all".
    ///
    /// Sums are checked: a total beyond Int64 (corrupt data, never a real count or amount) is an error
    /// naming the indicator and the level, not a wrapped number or a trap.
    private func values(_ d: IndicatorDefinition, month: YearMonth, numerator: Rows, denominator: Rows?) throws -> [IndicatorValue] {
        var num: [String: Int64] = [:], den: [String: Int64] = [:], cases: [String: [Int64]] = [:]
        func levels(_ row: (programme: String?, township: String?, value: Int64?)) -> [String] {
            let p = row.programme ?? "all"
            var programmes = [p]
            if d.allProgrammesBySum {
                guard p != "all" else { return [] }
                programmes.append("all")
            }
            return programmes.flatMap { p in ["\(p)|all"] + (row.township.map { ["\(p)|\($0)"] } ?? []) }
        }
        func accumulate(_ rows: Rows, into totals: inout [String: Int64]) throws {
            for r in rows {
                for key in levels(r) {
                    let (sum, overflow) = totals[key, default: 0].addingReportingOverflow(r.value ?? 0)
                    guard !overflow else { throw IndicatorError.overflow(indicator: d.id, month: month, level: key) }
                    totals[key] = sum
                }
            }
        }
        func scaled(_ value: Fraction?, level: String) throws -> Fraction? {
            guard let value else { return nil }
            guard let result = value.multiplied(by: d.factor) else {
                throw IndicatorError.overflow(indicator: d.id, month: month, level: level)
            }
            return result
        }
        if d.aggregate == .median {
            for r in numerator { if let v = r.value { for key in levels(r) { cases[key, default: []].append(v) } } }
        } else {
            try accumulate(numerator, into: &num)
            if let denominator { try accumulate(denominator, into: &den) }
        }
        var out: [IndicatorValue] = []
        out.reserveCapacity(d.programmes.count * (townships.count + 1))
        for p in d.programmes {
            for t in ["all"] + townships {
                let key = "\(p)|\(t)"
                let n: Int64, q: Int64?, value: Fraction?
                switch d.aggregate {
                case .sum:
                    n = num[key] ?? 0; q = nil
                    value = try scaled(Fraction(integer: n), level: key)
                case .ratio:
                    let whole = den[key] ?? 0
                    n = num[key] ?? 0; q = whole
                    value = try scaled(Fraction(Int128(n), Int128(whole)), level: key)
                case .median:
                    let list = (cases[key] ?? []).sorted()
                    n = Int64(list.count); q = nil
                    value = try scaled(Self.median(list), level: key)
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
