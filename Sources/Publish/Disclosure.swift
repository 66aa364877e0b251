import Desk
import GongkaiCore
import Indicators

/// The release's one disclosure rule (DOMAIN.md §8c): a small count that could point at a person is
/// hidden in every public file of the release — the complaint notice, the evaluation report's tables
/// and text, indicators.csv and indicators.json — and stays hidden in a release that supersedes it.
///
/// What is protected, decided once here and read by every file:
/// - the month's complaints by category × type (the notice's first table, the report's counts by
///   type and by category);
/// - for each sensitive indicator (templates/office.toml `[disclosure] sensitive`), the protected
///   count (numerator or denominator) by programme × township, with the programme "all" as the column
///   of totals and the township "all" as the row of totals. Complaints without a programme or township
///   count only in "all"; they form an implicit row and column (all − the named ones), which a reader
///   can compute, so the suppression treats them as published lines too.
///
/// Each table gets `CellSuppression` (primary below the threshold, complementary until no line has
/// a lone hidden entry). Tables that publish the same quantity are kept consistent: indicators whose
/// protected statement is the same SQL share one table, and the month's complaint total is one entry
/// shared by the category × type table and the complaints_received table — hidden in one, it is forced
/// hidden in the other. Entries hidden by the superseded release are forced hidden too (`previous`).
public struct Disclosure: Sendable {
    public let threshold: Int
    public let categories: [String]
    public let types: [String]
    /// Complaints received in the month by category (rows) × type (columns).
    public let byCategoryAndType: CellSuppression
    /// Hidden (indicator, programme, township) entries: their value, numerator and denominator are not
    /// published.
    public let hiddenIndicators: Set<IndicatorKey>

    public struct IndicatorKey: Hashable, Sendable, Comparable {
        public let indicator: String
        public let programme: String
        public let township: String

        public static func < (a: IndicatorKey, b: IndicatorKey) -> Bool {
            (a.indicator, a.programme, a.township) < (b.indicator, b.programme, b.township)
        }
    }

    /// What a sensitive indicator protects: its numerator's count or its denominator's.
    public enum Part: String, Sendable { case numerator, denominator }

    /// The indicator whose all/all numerator is the month's complaint total, the same entry as the
    /// category × type table's grand total.
    static let receivedIndicator = "complaints_received"

    public func isHidden(_ indicator: String, programme: String, township: String) -> Bool {
        hiddenIndicators.contains(IndicatorKey(indicator: indicator, programme: programme, township: township))
    }

    /// The month's complaint total as published: nil when hidden.
    public var received: Int? { byCategoryAndType.published(.grandTotal) }

    /// A count as a report's sentence or table prints it: the number, or "*" under the threshold.
    public func count(_ n: Int) -> String { (1..<max(threshold, 1)).contains(n) ? "*" : String(n) }

    /// The hidden entries as stable keys, for the manifest (positions only, never values), so a
    /// superseding release keeps them hidden.
    public var manifestKeys: [String] {
        let table = byCategoryAndType.hidden.map { position -> String in
            switch position {
            case .cell(let r, let c): "complaints|\(categories[r])|\(types[c])"
            case .rowTotal(let r): "complaints|\(categories[r])|all"
            case .columnTotal(let c): "complaints|all|\(types[c])"
            case .grandTotal: "complaints|all|all"
            }
        }
        return (table + hiddenIndicators.map { "\($0.indicator)|\($0.programme)|\($0.township)" }).sorted()
    }

    public init(received: [ComplaintView], month: MonthIndicators, catalog: IndicatorCatalog, townships: [String],
                threshold: Int, sensitive: [String: Part], previous: [String] = []) {
        self.threshold = threshold
        let previous = Set(previous)
        let categories = Self.names(Codelist.complaintCategory, received.map(\.category))
        let types = Self.names(Codelist.complaintType, received.map(\.type))
        self.categories = categories
        self.types = types
        let counts = categories.map { category in
            types.map { type in received.filter { $0.category == category && $0.type == type }.count }
        }
        func categoryTable(forcingTotal: Bool) -> CellSuppression {
            var forced = Set<CellSuppression.Position>()
            for (r, category) in categories.enumerated() {
                for (c, type) in types.enumerated() where previous.contains("complaints|\(category)|\(type)") {
                    forced.insert(.cell(row: r, column: c))
                }
                if previous.contains("complaints|\(category)|all") { forced.insert(.rowTotal(row: r)) }
            }
            for (c, type) in types.enumerated() where previous.contains("complaints|all|\(type)") { forced.insert(.columnTotal(column: c)) }
            if forcingTotal || previous.contains("complaints|all|all") { forced.insert(.grandTotal) }
            return CellSuppression(counts: counts, threshold: threshold, forced: forced)
        }

        // Sensitive indicators grouped by the statement they protect: the same SQL, the same table.
        let definitions = catalog.definitions.filter { sensitive[$0.id] != nil }
        var groups: [(sql: String, part: Part, ids: [String])] = []
        for d in definitions {
            guard let part = sensitive[d.id], let query = part == .numerator ? d.numerator : d.denominator else { continue }
            if let k = groups.firstIndex(where: { $0.sql == query.sql && $0.part == part }) {
                groups[k].ids.append(d.id)
            } else {
                groups.append((query.sql, part, [d.id]))
            }
        }
        func groupTable(_ group: (sql: String, part: Part, ids: [String]), forcingTotal: Bool) -> Set<IndicatorKey> {
            Self.suppress(group.ids, part: group.part, month: month, catalog: catalog, townships: townships,
                          threshold: threshold, previous: previous, forcingTotal: forcingTotal)
        }

        // The shared entry: the month's total, hidden in one table → hidden in the other.
        var table = categoryTable(forcingTotal: false)
        var hidden = Set<IndicatorKey>()
        var totalHidden = table.isHidden(.grandTotal)
        let receivedGroup = groups.firstIndex { $0.ids.contains(Self.receivedIndicator) && $0.part == .numerator }
        if let g = receivedGroup {
            let keys = groupTable(groups[g], forcingTotal: totalHidden)
            let groupHidesTotal = keys.contains(IndicatorKey(indicator: Self.receivedIndicator, programme: "all", township: "all"))
            if groupHidesTotal && !totalHidden {
                totalHidden = true
                table = categoryTable(forcingTotal: true)
            }
            hidden.formUnion(keys)
        }
        for (k, group) in groups.enumerated() where k != receivedGroup {
            hidden.formUnion(groupTable(group, forcingTotal: false))
        }
        byCategoryAndType = table
        hiddenIndicators = hidden
    }

    /// One group's programme × township table, suppressed, as the hidden keys of each of its indicators.
    static func suppress(_ ids: [String], part: Part, month: MonthIndicators, catalog: IndicatorCatalog,
                         townships: [String], threshold: Int, previous: Set<String>, forcingTotal: Bool) -> Set<IndicatorKey> {
        guard let first = catalog.definitions.first(where: { $0.id == ids[0] }) else { return [] }
        let programmes = first.programmes.filter { $0 != "all" }
        func count(_ p: String, _ t: String) -> Int {
            guard let v = month[first.id, p, t] else { return 0 }
            let n = part == .numerator ? v.numerator : v.denominator
            return Int(clamping: n ?? 0)
        }
        // Named programmes and townships, then the implicit "none" row and column (all − named).
        var counts: [[Int]] = programmes.map { p in townships.map { t in count(p, t) } }
        counts = counts.enumerated().map { r, row in row + [max(0, count(programmes[r], "all") - row.reduce(0, +))] }
        let allRow = townships.map { count("all", $0) }
        let noneRow = (0..<townships.count).map { c in max(0, allRow[c] - counts.reduce(0) { $0 + $1[c] }) }
        let named = counts.reduce(0) { $0 + ($1.last ?? 0) }
        counts.append(noneRow + [max(0, count("all", "all") - named - noneRow.reduce(0, +))])

        let rows = programmes + ["none"], columns = townships + ["none"]
        var forced = Set<CellSuppression.Position>()
        for id in ids {
            for (r, p) in rows.enumerated() {
                for (c, t) in columns.enumerated() where previous.contains("\(id)|\(p)|\(t)") { forced.insert(.cell(row: r, column: c)) }
                if previous.contains("\(id)|\(p)|all") { forced.insert(.rowTotal(row: r)) }
            }
            for (c, t) in columns.enumerated() where previous.contains("\(id)|all|\(t)") { forced.insert(.columnTotal(column: c)) }
            if previous.contains("\(id)|all|all") { forced.insert(.grandTotal) }
        }
        if forcingTotal { forced.insert(.grandTotal) }
        let s = CellSuppression(counts: counts, threshold: threshold, forced: forced)

        var keys = Set<IndicatorKey>()
        for position in s.hidden {
            let (p, t): (String, String)
            switch position {
            case .cell(let r, let c): (p, t) = (rows[r], columns[c])
            case .rowTotal(let r): (p, t) = (rows[r], "all")
            case .columnTotal(let c): (p, t) = ("all", columns[c])
            case .grandTotal: (p, t) = ("all", "all")
            }
            guard p != "none", t != "none" else { continue }  // implicit entries: nothing to blank
            for id in ids { keys.insert(IndicatorKey(indicator: id, programme: p, township: t)) }
        }
        return keys
    }

    /// The codelist in its order, then any other value seen (sorted), as `ComplaintStatistics` lists them.
    static func names(_ codelist: [String], _ seen: [String]) -> [String] {
        codelist + Set(seen).subtracting(codelist).sorted()
    }
}
