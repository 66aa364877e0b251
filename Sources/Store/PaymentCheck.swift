import GRDB
import GongkaiCore

/// Checks a month's payments against the standards (`gongkai check`, and the data-quality counts of
/// the evaluation report): every payment above its allowance, every enrolment without a standard in
/// force, and every payment left at the previous amount when its standard changed this month.
///
/// Only 低保, 特困 and 临时救助 have standards. A payment equal to its allowance is within it. The
/// allowance of a month is the one in force on the month's first day (`PaymentStandards`).
public struct PaymentCheck: Sendable {
    public let store: StoreDatabase
    let reference: ReferenceData.Tables

    /// The programmes standards.toml covers.
    public static let checkedProgrammes: [Programme] = [.dibao, .tekun, .temporary]

    public init(store: StoreDatabase, standards: PaymentStandards) {
        self.store = store
        reference = ReferenceData.Tables(calendar: [], approvalLimits: [:], standards: standards)
    }

    /// The month's findings, ordered by kind, programme, township and household.
    public func findings(_ month: YearMonth) throws -> [PaymentFinding] {
        let programmes = Self.checkedProgrammes.map { "'\($0.code)'" }.joined(separator: ", ")
        let arguments: StatementArguments = ["month": month.index]
        return try ReferenceData.read(with: reference, in: store) { db in
            let over = try Self.rows(db, kind: .overStandard, month: month, sql: """
                SELECT v.household_id, v.programme, v.area, v.category, v.covered_persons AS persons, v.amount_fen,
                       s.allowed_fen * (CASE WHEN s.per_person = 1 THEN v.covered_persons ELSE 1 END) AS allowed_fen,
                       NULL AS previous_fen, \(Self.household)
                FROM v_paid_standard v
                JOIN payment_standard s ON s.programme = v.programme AND s.area = v.area AND s.category = v.category
                 AND s.first_month_index <= v.month_index AND s.last_month_index >= v.month_index
                JOIN household h ON h.household_id = v.household_id
                WHERE v.month_index = :month AND v.programme IN (\(programmes))
                  AND v.amount_fen > s.allowed_fen * (CASE WHEN s.per_person = 1 THEN v.covered_persons ELSE 1 END)
                ORDER BY v.programme, h.township, v.household_id
                """, arguments)
            let missing = try Self.rows(db, kind: .noStandard, month: month, sql: """
                SELECT e.household_id, e.programme, h.area, COALESCE(e.category, '') AS category,
                       e.covered_persons AS persons, e.amount_fen, NULL AS allowed_fen, NULL AS previous_fen, \(Self.household)
                FROM enrolment e JOIN household h ON h.household_id = e.household_id
                WHERE e.programme IN (\(programmes)) AND e.start_month_index <= :month
                  AND (CASE WHEN e.frequency = 'one_off' THEN e.start_month_index + 1
                            ELSE COALESCE(e.stop_month_index, 999999) END) > :month
                  AND NOT EXISTS (SELECT 1 FROM payment_standard s
                                  WHERE s.programme = e.programme AND s.area = h.area AND s.category = COALESCE(e.category, '')
                                    AND s.first_month_index <= :month AND s.last_month_index >= :month)
                ORDER BY e.programme, h.township, e.household_id
                """, arguments)
            let stale = try Self.rows(db, kind: .changeNotApplied, month: month, sql: """
                SELECT v.household_id, v.programme, v.area, v.category, v.covered_persons AS persons, v.amount_fen,
                       s.allowed_fen * (CASE WHEN s.per_person = 1 THEN v.covered_persons ELSE 1 END) AS allowed_fen,
                       p.allowed_fen * (CASE WHEN p.per_person = 1 THEN v.covered_persons ELSE 1 END) AS previous_fen,
                       \(Self.household)
                FROM v_paid_standard v
                JOIN payment_standard s ON s.programme = v.programme AND s.area = v.area AND s.category = v.category
                 AND s.first_month_index = :month
                JOIN payment_standard p ON p.programme = s.programme AND p.area = s.area AND p.category = s.category
                 AND p.last_month_index = :month - 1 AND p.allowed_fen <> s.allowed_fen
                JOIN household h ON h.household_id = v.household_id
                WHERE v.month_index = :month AND v.programme IN (\(programmes))
                  AND v.amount_fen = p.allowed_fen * (CASE WHEN p.per_person = 1 THEN v.covered_persons ELSE 1 END)
                  AND v.amount_fen <= s.allowed_fen * (CASE WHEN s.per_person = 1 THEN v.covered_persons ELSE 1 END)
                ORDER BY v.programme, h.township, v.household_id
                """, arguments)
            return over + missing + stale
        }
    }

    private static let household = "h.township, h.village, h.head_name, h.head_id_number"

    private static func rows(_ db: Database, kind: PaymentFinding.Kind, month: YearMonth, sql: String,
                             _ arguments: StatementArguments) throws -> [PaymentFinding] {
        try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let code: String = try row.decode(forColumn: "programme")
            guard let programme = Programme(rawValue: code) else {
                throw DatabaseError(message: "数据库中有未知的救助项目代码 '\(code)'")
            }
            let allowed: Int64? = try row.decode(forColumn: "allowed_fen")
            let previous: Int64? = try row.decode(forColumn: "previous_fen")
            return PaymentFinding(
                kind: kind, month: month, programme: programme, householdID: try row.decode(forColumn: "household_id"),
                township: try row.decode(forColumn: "township"), village: try row.decode(forColumn: "village"),
                headName: try row.decode(forColumn: "head_name"), headIDNumber: try row.decode(forColumn: "head_id_number"),
                area: try row.decode(forColumn: "area"), category: (try row.decode(forColumn: "category") as String?) ?? "",
                persons: try row.decode(forColumn: "persons"), amount: Money(fen: try row.decode(forColumn: "amount_fen")),
                allowed: allowed.map { Money(fen: $0) }, previous: previous.map { Money(fen: $0) })
        }
    }
}
