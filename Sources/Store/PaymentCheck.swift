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
        let arguments: [String: any SQLArgument] = ["month": month.index]
        return try store.referenceRead(reference) { session in
            let over = try rows(session, kind: .overStandard, month: month, sql: """
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
            let missing = try rows(session, kind: .noStandard, month: month, sql: """
                SELECT e.household_id, e.programme, h.area, COALESCE(e.category, '') AS category,
                       e.covered_persons AS persons, e.amount_fen, NULL AS allowed_fen, NULL AS previous_fen, \(Self.household)
                FROM enrolment_months e JOIN household h ON h.household_id = e.household_id
                WHERE e.programme IN (\(programmes)) AND e.start_month_index <= :month AND e.end_month_index > :month
                  AND NOT EXISTS (SELECT 1 FROM payment_standard s
                                  WHERE s.programme = e.programme AND s.area = h.area AND s.category = COALESCE(e.category, '')
                                    AND s.first_month_index <= :month AND s.last_month_index >= :month)
                ORDER BY e.programme, h.township, e.household_id
                """, arguments)
            let stale = try rows(session, kind: .changeNotApplied, month: month, sql: """
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

    /// Runs one kind's statement (`:month` bound by the store, the standards put in front of it) and
    /// reads its findings by column name; a damaged stored value throws `StoredRecordDamage`.
    private func rows(_ session: any SQLSession, kind: PaymentFinding.Kind, month: YearMonth, sql: String,
                      _ arguments: [String: any SQLArgument]) throws -> [PaymentFinding] {
        let statement = try NamedStatement(sql)
        return try session.rows(reference.prefixed(statement.sql, dialect: session.dialect), try statement.arguments(arguments).get()).map { row in
            let key = row.optional("household_id") ?? "?"
            func required<T: SQLColumnValue>(_ column: String) throws -> T { try row.required(column, key: key) }
            let code: String = try required("programme")
            guard let programme = Programme(rawValue: code) else {
                throw StoredRecordDamage(key: key, field: "programme", value: code)
            }
            let allowed: Int64? = try row.checked("allowed_fen", key: key)
            let previous: Int64? = try row.checked("previous_fen", key: key)
            return PaymentFinding(
                kind: kind, month: month, programme: programme, householdID: try required("household_id"),
                township: try required("township"), village: try required("village"),
                headName: try required("head_name"), headIDNumber: try required("head_id_number"),
                area: try required("area"), category: try row.checked("category", key: key) ?? "",
                persons: try required("persons"), amount: Money(fen: try required("amount_fen")),
                allowed: allowed.map { Money(fen: $0) }, previous: previous.map { Money(fen: $0) })
        }
    }
}
