import Testing
@testable import GongkaiCore

/// templates/standards.toml read and applied: which entry holds in a month (the one in force on its
/// first day), what each programme allows, and located refusals. Figures worked out by hand.
@Suite struct PaymentStandardsTests {
    static let text = """
    note = "示例"

    [[dibao]]
    area = "城市"
    category = "一类"
    amount = "760.00"
    effective = "2024-01-01"
    document = "D1"
    title = "T1"

    [[dibao]]
    area = "城市"
    category = "一类"
    amount = 810
    effective = 2026-01-01
    document = "D2"
    title = "T2"

    [[dibao]]
    area = "农村"
    category = "二类"
    amount = "420.00"
    effective = "2026-01-01"
    document = "D2"
    title = "T2"

    [[dibao]]
    area = "农村"
    category = "二类"
    amount = "440.00"
    effective = "2026-10-15"
    document = "D3"
    title = "T3"

    [[tekun_basic]]
    area = "农村"
    amount = "9720.00"
    period = "年"
    effective = "2026-01-01"
    document = "D4"
    title = "T4"

    [[tekun_care]]
    category = "全护理"
    amount = "680.00"
    effective = "2026-01-01"
    document = "D4"
    title = "T4"

    [[tekun_care]]
    category = "全护理"
    amount = "750.00"
    effective = "2026-10-01"
    document = "D5"
    title = "T5"

    [[temporary]]
    category = "急难型"
    multiple = 3
    base_category = "一类"
    effective = "2026-01-01"
    document = "D6"
    title = "T6"
    """

    static func month(_ y: Int, _ m: Int) -> YearMonth { YearMonth(year: y, month: m)! }

    static func allowance(_ s: PaymentStandards, _ p: Programme, _ area: String, _ category: String, _ month: YearMonth) -> Int64? {
        s.allowances(in: month).first { $0.programme == p && $0.area == area && $0.category == category }?.fen
    }

    @Test func historyIsKeptAndTheLatestEntryInForceApplies() throws {
        let s = try PaymentStandards.parse(Self.text, file: "standards.toml")
        #expect(s.note == "示例")
        #expect(Self.allowance(s, .dibao, "城市", "一类", Self.month(2025, 12)) == 76_000)
        #expect(Self.allowance(s, .dibao, "城市", "一类", Self.month(2026, 1)) == 81_000)
        #expect(Self.allowance(s, .dibao, "城市", "一类", Self.month(2023, 12)) == nil)  // before any entry
    }

    @Test func midMonthStandardAppliesFromTheNextMonth() throws {
        let s = try PaymentStandards.parse(Self.text, file: "standards.toml")
        // 440.00 is effective 2026-10-15: October is paid under 420.00, November under 440.00.
        #expect(Self.allowance(s, .dibao, "农村", "二类", Self.month(2026, 10)) == 42_000)
        #expect(Self.allowance(s, .dibao, "农村", "二类", Self.month(2026, 11)) == 44_000)
        #expect(s.changes(in: Self.month(2026, 10)).map(\.entry.documentNumber) == ["D5"])
        let november = s.changes(in: Self.month(2026, 11))
        #expect(november.map(\.entry.documentNumber) == ["D3"] && november.first?.replaced?.documentNumber == "D2")
    }

    @Test func tekunIsBasicPlusCareAndAYearIsDividedByTwelveRoundingDown() throws {
        let s = try PaymentStandards.parse(Self.text, file: "standards.toml")
        // 9720.00 a year = 810.00 a month; + 680.00 care, then + 750.00 from October.
        #expect(Self.allowance(s, .tekun, "农村", "全护理", Self.month(2026, 9)) == 149_000)
        #expect(Self.allowance(s, .tekun, "农村", "全护理", Self.month(2026, 10)) == 156_000)
        #expect(Self.allowance(s, .tekun, "城市", "全护理", Self.month(2026, 10)) == nil)  // no 城市 basic standard
        let odd = try PaymentStandards.parse(Self.text.replacingOccurrences(of: "9720.00", with: "9720.11"), file: "s")
        #expect(Self.allowance(odd, .tekun, "农村", "全护理", Self.month(2026, 9)) == Int64(81_000 + 68_000))  // 972011 / 12 = 81000.9…
    }

    @Test func temporaryLimitIsAMultipleOfTheAreasDibaoStandard() throws {
        let s = try PaymentStandards.parse(Self.text, file: "standards.toml")
        #expect(Self.allowance(s, .temporary, "城市", "急难型", Self.month(2026, 10)) == 243_000)  // 3 × 810.00
        #expect(Self.allowance(s, .temporary, "农村", "急难型", Self.month(2026, 10)) == nil)      // no 农村 一类 here
        let periods = s.allowancePeriods().filter { $0.allowance.programme == .dibao && $0.allowance.area == "农村" }
        #expect(periods.map { "\($0.first)…\($0.last?.description ?? "")=\($0.allowance.fen)" }
                == ["2026-01…2026-09=42000", "2026-10…2026-10=42000", "2026-11…=44000"])
    }

    @Test func mistakesAreRefusedWithTheirLine() {
        func refusal(_ from: String, _ to: String) -> String {
            do { _ = try PaymentStandards.parse(Self.text.replacingOccurrences(of: from, with: to), file: "standards.toml") } catch {
                return error.description
            }
            return "accepted"
        }
        #expect(refusal("area = \"城市\"", "area = \"县城\"") == "standards.toml:4: area 须为 城市 或 农村，实际为 \"县城\"")
        #expect(refusal("amount = \"760.00\"", "amount = \"-1\"").hasPrefix("standards.toml:6: amount \"-1\" 不是以元为单位的金额"))
        #expect(refusal("amount = \"760.00\"", "amount = \"0\"") == "standards.toml:6: amount 须大于 0 且不超过 1000000 元")
        #expect(refusal("period = \"年\"", "period = \"季\"") == "standards.toml:38: period 须为 月 或 年，实际为 \"季\"")
        #expect(refusal("multiple = 3", "multiple = 0") == "standards.toml:59: multiple 须在 1 至 120 之间，实际为 0")
        #expect(refusal("effective = \"2024-01-01\"", "effective = \"2024-02-30\"")
                == "standards.toml:7: effective 须为日期（YYYY-MM-DD），实际为 \"2024-02-30\"")
        // A change is a new entry with a later date, never a second entry on the same date.
        #expect(refusal("effective = 2026-01-01", "effective = 2024-01-01").contains("同一救助项目、城乡和类别在"))
    }
}
