import GongkaiCore
import Store

/// The evaluation report's data-quality counts: the month's `PaymentCheck` findings counted by
/// township and programme. Counts only — the findings' households, names and ID numbers stay with
/// `gongkai check`, for staff.
public struct StandardsCheckSummary: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public let township: String
        public let programme: Programme
        public let overStandard: Int
        public let noStandard: Int
        public let changeNotApplied: Int

        public var counts: [Int] { [overStandard, noStandard, changeNotApplied] }
    }

    /// Townships in display order, programmes in the statute's; only combinations with a finding.
    public let rows: [Row]

    public init(rows: [Row]) { self.rows = rows }

    /// Counts `findings` in `townships`' order (a township not listed there comes after, by name).
    public init(_ findings: [PaymentFinding], townships: [String]) {
        let order = townships + Set(findings.map(\.township)).subtracting(townships).sorted()
        rows = order.flatMap { township in
            Programme.allCases.compactMap { programme -> Row? in
                let matching = findings.filter { $0.township == township && $0.programme == programme }
                guard !matching.isEmpty else { return nil }
                func count(_ kind: PaymentStandards.FindingKind) -> Int { matching.count(where: { $0.kind == kind }) }
                return Row(township: township, programme: programme, overStandard: count(.overStandard),
                           noStandard: count(.noStandard), changeNotApplied: count(.changeNotApplied))
            }
        }
    }

    /// Column totals: over standard, no standard, change not applied.
    public var totals: [Int] { rows.map(\.counts).reduce([0, 0, 0]) { zip($0, $1).map(+) } }
}
