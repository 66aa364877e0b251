/// The 保障标准 from templates/standards.toml: what each programme may pay, since when, under which
/// document.
///
/// History is kept: a change is a new entry with its own effective date, never an edit, so the
/// standard of any past month can be re-derived. **Which standard applies to a month**: the one in
/// force on the month's first day. A standard effective on the 1st applies from that month; one
/// effective mid-month applies from the following month (a month is paid as a whole, under one
/// standard). `firstMonth` of an entry is that month.
public struct PaymentStandards: Sendable, Equatable {
    public enum Period: String, Sendable, Equatable {
        case month = "月", year = "年"
    }

    /// Which part of the rules an entry is.
    public enum Kind: String, Sendable, Equatable {
        /// 低保: per person per month, by area and category (一类/二类/三类); 补差 ≤ standard × persons.
        case dibao
        /// 特困 基本生活标准: per person, by area.
        case tekunBasic = "tekun_basic"
        /// 特困 照料护理标准: per person, by self-care level (the enrolment's category), both areas.
        case tekunCare = "tekun_care"
        /// 临时救助: a limit per payment, `multiple` × the area's dibao standard of `baseCategory`.
        case temporary
    }

    public struct Entry: Sendable, Equatable {
        public let kind: Kind
        /// 城市 or 农村; nil for entries that apply to both (照料护理, 临时救助).
        public let area: String?
        /// 一类…, a self-care level, a temporary-aid type; empty for 基本生活标准.
        public let category: String
        /// The amount as written (per person per `period`); nil for temporary-aid limits.
        public let amount: Money?
        public let period: Period
        /// Temporary aid: the limit is `multiple` × the dibao standard of `baseCategory`.
        public let multiple: Int64?
        public let baseCategory: String?
        public let effective: CivilDate
        /// 文号 and title of the policy document.
        public let documentNumber: String
        public let documentTitle: String
        /// Where the entry is written, for messages.
        public let line: Int

        /// The first month this entry applies to: the effective month when it starts on the 1st,
        /// otherwise the month after.
        public var firstMonth: YearMonth {
            let month = YearMonth(year: effective.year, month: effective.month) ?? YearMonth(index: 0)
            return effective.day == 1 ? month : month.adding(months: 1)
        }

        /// The amount per person per month in fen: a yearly amount divided by 12, rounded down to
        /// the fen (the check must never allow more than the year's standard).
        public var monthlyFen: Int64? {
            guard let amount else { return nil }
            return period == .month ? amount.fen : amount.fen / 12
        }

        /// Entries with the same key replace one another over time.
        var key: String { "\(kind.rawValue)|\(area ?? "")|\(category)" }
    }

    /// By effective date (then the file's order).
    public let entries: [Entry]
    /// A note printed under the standards on the policy page (`note`), e.g. that they are examples.
    public let note: String?

    public init(entries: [Entry], note: String? = nil) { self.entries = entries; self.note = note }

    /// For each key, the entry in force in `month` (the latest whose first month is not after it).
    public func inForce(_ month: YearMonth) -> [Entry] {
        var latest: [String: Entry] = [:]
        var order: [String] = []
        for e in entries where e.firstMonth <= month {
            if let current = latest[e.key] {
                if e.firstMonth >= current.firstMonth { latest[e.key] = e }
            } else {
                latest[e.key] = e; order.append(e.key)
            }
        }
        return order.compactMap { latest[$0] }
    }

    /// The entries that start to apply in `month`, each with the entry it replaces (nil when new).
    public func changes(in month: YearMonth) -> [(entry: Entry, replaced: Entry?)] {
        let before = Dictionary(inForce(month.adding(months: -1)).map { ($0.key, $0) }, uniquingKeysWith: { a, _ in a })
        return inForce(month).filter { $0.firstMonth == month }.map { ($0, before[$0.key]) }
    }

    /// The months at which any allowance may change, ascending.
    public var changeMonths: [YearMonth] { Array(Set(entries.map(\.firstMonth))).sorted() }

    /// What a payment check can find (`gongkai check`).
    public enum FindingKind: String, Sendable, Equatable, CaseIterable {
        /// Paid above what the standard allows.
        case overStandard = "over_standard"
        /// An enrolment whose programme, area and category have no standard in force in the month.
        case noStandard = "no_standard"
        /// A standard that changed this month, but the payment is still exactly the previous
        /// standard's amount.
        case changeNotApplied = "change_not_applied"

        /// The finding's name in staff output.
        public var chineseName: String {
            switch self {
            case .overStandard: "超标准发放"
            case .noStandard: "无适用标准"
            case .changeNotApplied: "标准调整未执行"
            }
        }
    }
}
