import Desk
import GongkaiCore
import Indicators

/// The release's one disclosure rule (docs/domain.md §8c): a small count that could point at a person is
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
    /// The month's complaints by programme (named programmes, then "未注明项目"), as the
    /// complaints_received table publishes its programme totals: nil where hidden. Empty when the
    /// catalogue has no complaints_received.
    public let receivedByProgramme: [(programme: String, count: Int?)]

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

    /// A rate of the desk's statistics as published: "*" when its denominator is under the threshold
    /// (a rate of 1 or 2 cases tells their outcome) or when `indicator`'s district figure, the same
    /// quantity in indicators.csv, is withheld; else the percentage.
    public func rate(_ ratio: ComplaintStatistics.Ratio, indicator: String?) -> String {
        if (1..<max(threshold, 1)).contains(ratio.denominator) { return "*" }
        if let indicator, isHidden(indicator, programme: "all", township: "all") { return "*" }
        return ratio.percent
    }

    /// Whether any entry is withheld this month: the notes explaining "*" are printed then.
    public var withholdsAnything: Bool { !byCategoryAndType.hidden.isEmpty || receivedByProgramme.contains { $0.count == nil } }

    /// A count as a report's sentence or table prints it: the number, or "*" under the threshold or
    /// when it is `indicator`'s withheld district denominator (the same quantity in indicators.csv).
    public func count(_ n: Int, denominatorOf indicator: String? = nil) -> String {
        if (1..<max(threshold, 1)).contains(n) { return "*" }
        if let indicator, isHidden(indicator, programme: "all", township: "all") { return "*" }
        return String(n)
    }

    /// The month's complaints by type and by category as published (nil where hidden).
    public var receivedByType: [(name: String, count: Int?)] {
        types.indices.map { (types[$0], byCategoryAndType.published(.columnTotal(column: $0))) }
    }
    public var receivedByCategory: [(name: String, count: Int?)] {
        categories.indices.map { (categories[$0], byCategoryAndType.published(.rowTotal(row: $0))) }
    }

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
        func groupTable(_ group: (sql: String, part: Part, ids: [String]), forcingTotal: Bool) -> Suppressed {
            Self.suppress(group.ids, part: group.part, month: month, catalog: catalog, townships: townships,
                          threshold: threshold, previous: previous, forcingTotal: forcingTotal)
        }

        // The shared entry: the month's total, hidden in one table → hidden in the other.
        var table = categoryTable(forcingTotal: false)
        var hidden = Set<IndicatorKey>()
        var byProgramme: [(programme: String, count: Int?)] = []
        let receivedGroup = groups.firstIndex { $0.ids.contains(Self.receivedIndicator) && $0.part == .numerator }
        if let g = receivedGroup {
            let received = groupTable(groups[g], forcingTotal: table.isHidden(.grandTotal))
            if received.table.isHidden(.grandTotal) && !table.isHidden(.grandTotal) {
                table = categoryTable(forcingTotal: true)
            }
            hidden.formUnion(received.keys)
            byProgramme = received.rows.enumerated().map { r, code in
                (code == "none" ? "未注明项目" : Programme(rawValue: code)?.shortName ?? code,
                 received.table.published(.rowTotal(row: r)))
            }
        }
        for (k, group) in groups.enumerated() where k != receivedGroup {
            hidden.formUnion(groupTable(group, forcingTotal: false).keys)
        }
        byCategoryAndType = table
        hiddenIndicators = hidden
        receivedByProgramme = byProgramme
    }

    /// The release's decision for every month a public file shows: `history` (oldest first, the
    /// month published last) with each month's withheld entries, and the published month's
    /// `Disclosure`. Earlier months get the decision their own release made from the same data; the
    /// published month also keeps what `withheldBefore` (the superseded release) withheld.
    public static func disclose(_ history: [MonthIndicators], complaints: [ComplaintView], catalog: IndicatorCatalog,
                                townships: [String], office: OfficeSettings, withheldBefore: [String])
        -> (current: Disclosure, history: [MonthIndicators])? {
        guard let last = history.last else { return nil }
        var current: Disclosure?
        let disclosed = history.map { m in
            let d = Disclosure(received: complaints.filter { $0.receivedOn.yearMonth == m.month }, month: m, catalog: catalog,
                               townships: townships, threshold: office.suppressionThreshold,
                               sensitive: office.sensitiveIndicators, previous: m.month == last.month ? withheldBefore : [])
            if m.month == last.month { current = d }
            return m.suppressing(d.isHidden)
        }
        return current.map { ($0, disclosed) }
    }

    /// One group's table, suppressed: the hidden keys of each of its indicators, and the table with
    /// its row labels (programme codes, then "none").
    struct Suppressed {
        let keys: Set<IndicatorKey>
        let table: CellSuppression
        let rows: [String]
    }

    /// One group's programme × township table, suppressed, as the hidden keys of each of its indicators.
    static func suppress(_ ids: [String], part: Part, month: MonthIndicators, catalog: IndicatorCatalog,
                         townships: [String], threshold: Int, previous: Set<String>, forcingTotal: Bool) -> Suppressed {
        guard let first = catalog.definitions.first(where: { ids.contains($0.id) }) else {
            return Suppressed(keys: [], table: CellSuppression(counts: [], threshold: threshold), rows: [])
        }
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
        // The corner: neither a named programme nor a named township.
        let named = counts.reduce(0) { $0 + $1.reduce(0, +) }
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
        return Suppressed(keys: keys, table: s, rows: rows)
    }

    /// The codelist in its order, then any other value seen (sorted), as `ComplaintStatistics` lists them.
    static func names(_ codelist: [String], _ seen: [String]) -> [String] {
        codelist + Set(seen).subtracting(codelist).sorted()
    }
}
