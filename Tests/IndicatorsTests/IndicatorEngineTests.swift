import Foundation
import GongkaiCore
import StoreTestSupport
import Testing
@testable import Indicators
@testable import Store

/// Every standard indicator against a small hand-built dataset for March 2026 (M = 2026-03).
///
/// Households: A1, A2 in 三营镇; B1, B2 in 开城镇.
/// Enrolments:
///   e1 A1 dibao  monthly 3 persons 900.00  start 2025-06 ongoing
///   e2 A2 dibao  monthly 2 persons 600.00  start 2026-03 (new in M); applied 2026-02-13, approved 2026-03-02
///      → working days in (02-13, 03-02]: 02-14 (adjusted Saturday) 1; 02-15…23 Spring Festival 0;
///        02-24…27 4; 02-28 (adjusted Saturday) 1; 03-02 1 → 7
///   e3 B1 dibao  monthly 4 persons 1200.00 start 2025-01, stop 2026-03 (exit in M, 就业) → not active in M
///   e4 B1 temporary one-off 4 persons 2000.00 start 2026-03 (new, active in M only); applied 2026-01-05,
///      approved 2026-03-10 → January 19 + February 16 (incl. 02-14, 02-28) + March 7 = 42 working days
///   e5 B2 tekun  monthly 1 person 1000.00  start 2025-12 ongoing
///   e6 A1 temporary one-off 3 persons 500.00 start 2026-02 → counts in February only (month boundary)
///   e7 B2 dibao  monthly 1 person 300.00   start 2024-06, stop 2025-10 (迁出)
/// Payments for M: A1 dibao 900.00 paid 03-15; A2 dibao 600.00 paid 04-02 (late); B1 temporary 2000.00
///   paid 03-20; B2 tekun none (missing). Also February payments that must not count.
@Suite struct IndicatorEngineTests {
    static let month = YearMonth(year: 2026, month: 3)!

    static let files: [String: String] = [
        "households.csv": """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        A1,三营镇,三营村,马一,640402198001010017,,3,农村
        A2,三营镇,三营村,马二,640402198001010025,,2,农村
        B1,开城镇,和泉村,杨一,640402198001010033,,4,农村
        B2,开城镇,和泉村,杨二,640402198001010041,,1,农村
        """,
        "enrolments.csv": """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        A1,dibao,一类,3,900.00,按月,2025-04-01,2025-05-10,2025-06,,,
        A2,dibao,二类,2,600.00,按月,2026-02-13,2026-03-02,2026-03,,,
        B1,dibao,一类,4,1200.00,按月,2024-11-01,2024-12-10,2025-01,2026-03,就业,
        B1,temporary,支出型,4,2000.00,一次性,2026-01-05,2026-03-10,2026-03,,,因病
        B2,tekun,分散供养,1,1000.00,按月,2025-10-08,2025-11-05,2025-12,,,
        A1,temporary,急难型,3,500.00,一次性,2026-02-02,2026-02-03,2026-02,,,意外
        B2,dibao,三类,1,300.00,按月,2024-04-01,2024-05-06,2024-06,2025-10,迁出,
        """,
        "payments.csv": """
        户编号,救助项目,所属月份,金额,发放日期
        A1,dibao,2026-03,900.00,2026-03-15
        A2,dibao,2026-03,600.00,2026-04-02
        B1,temporary,2026-03,2000.00,2026-03-20
        A1,dibao,2026-02,900.00,2026-02-15
        A1,temporary,2026-02,500.00,2026-02-04
        """,
        // Window for "12 months ending M" = 2025-04-01 … 2026-03-31.
        "services.csv": """
        户编号,服务类型,提供方,提供方类型,开始日期,结束日期,结果,满意度
        A1,技能培训,培训中心,政府,2025-09-01,2025-11-30,就业,5
        B2,照料服务,社工站,社会组织,2024-01-10,2025-02-28,完成,4
        A2,技能培训,培训中心,政府,2026-01-05,2026-02-20,未完成,3
        B1,心理疏导,社工站,社会组织,2026-03-01,,进行中,
        """,
        // Deadlines: 60 calendar days after receipt; one ending on a holiday moves to the next working day.
        "complaints.csv": """
        编号,受理时间,渠道,类型,类别,涉及项目,涉及户编号,乡镇,内容,来电人,来电号码,匿名,办结时间,满意度
        C1,2026-03-02 09:00,监督电话,投诉,发放时限,dibao,A1,三营镇,反映迟发,,,是,2026-03-20 10:00,满意
        C2,2026-01-05 10:00,网上,投诉,应保未保,tekun,B2,开城镇,反映未纳入,,,是,2026-03-25 10:00,不满意
        C3,2026-03-10 11:00,来信,咨询,政策咨询,,,,咨询政策,,,是,,
        C4,2026-02-27 15:00,来访,投诉,发放金额,dibao,A2,三营镇,反映金额,,,是,2026-03-05 16:00,未评价
        """,
        "matches.csv": """
        比对批次,推送部门,户编号,比对事项,推送日期,核查结果,处理日期
        202602-人社,人社,A1,新增就业登记,2026-02-05,不属实,2026-02-20
        202602-人社,人社,B1,新增就业登记,2026-02-05,属实,2026-03-20
        202602-公安,公安,A2,户口迁出,2026-02-06,待核查,
        202603-车管,车管,A1,新增机动车登记,2026-03-04,待核查,
        """,
        "staff.csv": """
        工号,姓名,岗位,持证,取证日期,本年培训学时
        S1,甲,核查员,社会工作师,2025-06-01,40
        S2,乙,核查员,无,,20
        S3,丙,管理,无,,
        """,
    ]

    static let templates = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("templates").path

    /// Imports `files` (name, text) into `store` through the real importer.
    static func imported(_ files: [(name: String, text: String)], into store: StoreDatabase) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-ind-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        _ = try Importer(store: store, clock: .fixed(Date(timeIntervalSince1970: 0)),
                         schedule: try ComplaintSchedule.load(templates: templates),
                         identity: try CallerIdentityCipher(secret: Data(repeating: 7, count: 32))).run(paths: [dir.path])
    }

    static func compute(_ backend: TestBackend) async throws -> MonthIndicators {
        let store = try await backend.store()
        try imported(files.map { ($0.key, $0.value) }, into: store)
        let engine = try IndicatorEngine(store: store, catalog: try IndicatorCatalog.load(templates: templates, store: store),
                                         calendar: try WorkCalendar.load(templates: templates))
        #expect(engine.townships == ["三营镇", "开城镇"])
        return try engine.compute(month)
    }

    /// The printed value of an indicator, "—" when not applicable.
    static func value(_ m: MonthIndicators, _ id: String, _ programme: String = "all", _ township: String = "all") -> String {
        guard let v = m[id, programme, township] else { return "missing" }
        guard let value = v.value else { return "—" }
        return value.formatted(decimals: IndicatorEngineTests.decimals[id] ?? 0)
    }

    static let decimals: [String: Int] = [
        "funds_paid": 2, "avg_benefit_per_person": 2, "complaints_per_1000_households": 2,
        "payments_on_time_rate": 1, "payment_coverage_rate": 1, "approvals_within_limit_rate": 1,
        "approval_working_days_median": 1, "service_coverage_rate": 1, "training_employment_rate": 1,
        "service_satisfaction_rate": 1, "exits_by_income_rate": 1, "complaints_closed_on_time_rate": 1,
        "complaint_satisfaction_rate": 1, "matches_verified_30d_rate": 1, "matches_confirmed_rate": 1,
        "certified_share": 1, "training_hours_per_staff": 1,
    ]

    @Test(arguments: TestBackend.allCases) func coverageCountsAtEveryLevel(_ backend: TestBackend) async throws {
        let m = try await Self.compute(backend)
        let v = { Self.value(m, $0, $1, $2) }
        // Active in March: e1, e2 (dibao, 三营), e4 (temporary, 开城, one-off in its month), e5 (tekun, 开城).
        #expect(v("households_active", "dibao", "三营镇") == "2")
        #expect(v("households_active", "dibao", "开城镇") == "0")   // e3 stopped in March: not active
        #expect(v("households_active", "temporary", "all") == "1")  // e6 (February) does not count
        #expect(v("households_active", "all", "开城镇") == "2")     // B1 (e4) and B2 (e5)
        #expect(v("households_active", "all", "all") == "4")
        #expect(v("persons_active", "dibao", "all") == "5")          // 3 + 2
        #expect(v("persons_active", "all", "开城镇") == "5")         // 4 + 1
        #expect(v("households_new", "all", "all") == "2")            // e2, e4
        #expect(v("households_new", "dibao", "三营镇") == "1")
        #expect(v("households_exited", "dibao", "开城镇") == "1")    // e3
        #expect(v("households_exited", "all", "三营镇") == "0")
    }

    @Test(arguments: TestBackend.allCases) func paymentsOnTimeAndCoverage(_ backend: TestBackend) async throws {
        let m = try await Self.compute(backend)
        let v = { Self.value(m, $0, $1, $2) }
        #expect(v("funds_paid", "dibao", "三营镇") == "1500.00")
        #expect(v("funds_paid", "all", "all") == "3500.00")           // February payments excluded
        #expect(m["funds_paid", "all", "all"]?.numerator == 350_000)  // fen
        // Monthly programmes: 1500.00 paid ÷ 6 persons (e1 3, e2 2, e5 1); the one-off e4 is excluded.
        #expect(v("avg_benefit_per_person", "all", "all") == "250.00")
        #expect(v("avg_benefit_per_person", "dibao", "all") == "300.00")
        #expect(v("avg_benefit_per_person", "tekun", "开城镇") == "0.00")
        // On time: A1 (03-15) and B1 (03-20) of three; A2 paid 04-02 is late.
        #expect(v("payments_on_time_rate", "all", "三营镇") == "50.0")
        #expect(v("payments_on_time_rate", "all", "开城镇") == "100.0")
        // District: (1 + 1) / (2 + 1) = 66.7 — not the 75.0 an average of township rates would give.
        #expect(v("payments_on_time_rate", "all", "all") == "66.7")
        #expect(m["payments_on_time_rate", "all", "all"]?.status == .missed)
        #expect(v("payments_on_time_rate", "tekun", "all") == "—")    // 0/0
        // Coverage: e1, e2 paid, e5 unpaid.
        #expect(v("payment_coverage_rate", "all", "all") == "66.7")
        #expect(v("payment_coverage_rate", "dibao", "all") == "100.0")
        #expect(v("payment_coverage_rate", "tekun", "开城镇") == "0.0")
    }

    @Test(arguments: TestBackend.allCases) func approvalsAcrossTheSpringFestival(_ backend: TestBackend) async throws {
        let m = try await Self.compute(backend)
        let v = { Self.value(m, $0, $1, $2) }
        // e2: 7 working days (within 30); e4: 42 (beyond).
        #expect(v("approvals_within_limit_rate", "all", "all") == "50.0")
        #expect(v("approvals_within_limit_rate", "dibao", "三营镇") == "100.0")
        #expect(v("approvals_within_limit_rate", "temporary", "开城镇") == "0.0")
        #expect(v("approvals_within_limit_rate", "tekun", "all") == "—")
        #expect(m["approvals_within_limit_rate", "tekun", "all"]?.status == nil)
        #expect(v("approval_working_days_median", "dibao", "all") == "7.0")
        #expect(v("approval_working_days_median", "all", "all") == "24.5")  // median of 7 and 42
        #expect(m["approval_working_days_median", "dibao", "all"]?.status == .met)  // lower is better, ≤ 20
    }

    @Test(arguments: TestBackend.allCases) func assistancePlusServices(_ backend: TestBackend) async throws {
        let m = try await Self.compute(backend)
        let v = { Self.value(m, $0, $1, $2) }
        // Monthly-active households A1, A2, B2; A1 and A2 had services in the window, B2's ended 2025-02-28.
        #expect(v("service_coverage_rate", "all", "all") == "66.7")
        #expect(v("service_coverage_rate", "dibao", "all") == "100.0")
        #expect(v("service_coverage_rate", "tekun", "开城镇") == "0.0")
        // Skills training ended in the window: A1 (就业), A2 (未完成).
        #expect(v("training_employment_rate", "all", "all") == "50.0")
        #expect(v("training_employment_rate", "all", "开城镇") == "—")
        #expect(v("service_satisfaction_rate", "all", "all") == "50.0")  // 5 and 3 rated
        // Dibao exits in the window: e3 (就业), e7 (迁出).
        #expect(v("exits_by_income_rate", "dibao", "all") == "50.0")
        #expect(v("exits_by_income_rate", "dibao", "三营镇") == "—")
        #expect(m["exits_by_income_rate", "all", "all"] == nil)  // reported for dibao only
    }

    @Test(arguments: TestBackend.allCases) func complaints(_ backend: TestBackend) async throws {
        let m = try await Self.compute(backend)
        let v = { Self.value(m, $0, $1, $2) }
        // Received in March: C1 (dibao, 三营镇) and C3 (no programme, no township).
        #expect(v("complaints_received", "all", "all") == "2")
        #expect(v("complaints_received", "all", "三营镇") == "1")
        #expect(v("complaints_received", "dibao", "all") == "1")
        #expect(v("complaints_per_1000_households", "all", "all") == "500.00")  // 2 / 4 × 1000
        #expect(v("complaints_per_1000_households", "all", "开城镇") == "0.00")
        // Closed in March: C1 (due 05-06, as 05-01 is a holiday; on time), C2 (due 03-06, closed 03-25: late),
        // C4 (due 04-28, on time).
        #expect(v("complaints_closed_on_time_rate", "all", "all") == "66.7")
        #expect(v("complaints_closed_on_time_rate", "dibao", "all") == "100.0")
        #expect(v("complaints_closed_on_time_rate", "tekun", "开城镇") == "0.0")
        // Rated: C1 满意, C2 不满意 (C4 未评价 excluded).
        #expect(v("complaint_satisfaction_rate", "all", "all") == "50.0")
        #expect(v("complaint_satisfaction_rate", "dibao", "all") == "100.0")
    }

    @Test(arguments: TestBackend.allCases) func matchingAndTeam(_ backend: TestBackend) async throws {
        let m = try await Self.compute(backend)
        let v = { Self.value(m, $0, $1, $2) }
        #expect(v("matches_pushed", "all", "all") == "1")
        // Pushed in February: A1 verified in 15 days, B1 in 43, A2 still pending.
        #expect(v("matches_verified_30d_rate", "all", "all") == "33.3")
        #expect(v("matches_verified_30d_rate", "all", "三营镇") == "50.0")
        #expect(v("matches_confirmed_rate", "all", "all") == "50.0")
        #expect(v("staff_verifiers", "all", "all") == "2")
        #expect(v("staff_certified", "all", "all") == "1")
        #expect(v("certified_share", "all", "all") == "33.3")
        #expect(v("training_hours_per_staff", "all", "all") == "20.0")  // 60 hours / 3 staff
    }

    @Test(arguments: TestBackend.allCases) func badDefinitionFailsWithItsLine(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let text = """
        version = "test"

        [[indicator]]
        id = "broken"
        name = "坏"
        name_en = "Broken"
        unit = "count"
        aggregate = "sum"
        definition = "x"
        numerator_text = "x"
        sources = []
        numerator = "SELECT programme, township, COUNT(*) FROM v_nowhere GROUP BY 1, 2"
        """
        #expect {
            try IndicatorCatalog.parse(text, file: "indicators.toml", store: store)
        } throws: { error in
            "\(error)" == "indicators.toml:12: 指标 'broken'：numerator: SQL 无法运行：" + (backend == .sqlite
                ? "no such table: v_nowhere" : "relation \"v_nowhere\" does not exist")
        }
        let unknownParameter = text.replacingOccurrences(of: "FROM v_nowhere GROUP BY 1, 2",
                                                         with: "FROM v_enrolment WHERE start_month_index = :mnth GROUP BY 1, 2")
        #expect {
            try IndicatorCatalog.parse(unknownParameter, file: "indicators.toml", store: store)
        } throws: { error in
            "\(error)".hasPrefix("indicators.toml:12: 指标 'broken'：numerator: 未知参数 :mnth")
        }
        let badLevel = text.replacingOccurrences(of: "FROM v_nowhere", with: "FROM v_enrolment")
            .replacingOccurrences(of: "aggregate = \"sum\"", with: "aggregate = \"sum\"\nall_programmes = \"avg\"")
        #expect {
            try IndicatorCatalog.parse(badLevel, file: "indicators.toml", store: store)
        } throws: { error in
            "\(error)" == "indicators.toml:9: 指标 'broken'：'avg' 不是 \"query\"（用语句自己的全部项目行）或 \"sum\""
        }
    }

    /// An office may write any read-only SQL: a statement whose value is not a whole number is an error
    /// naming the indicator (GRDB's non-optional decoding would have trapped).
    @Test(arguments: TestBackend.allCases) func aNonIntegerValueIsAnErrorNotATrap(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let text = """
        version = "test"

        [[indicator]]
        id = "average"
        name = "平均"
        name_en = "Average"
        unit = "count"
        aggregate = "sum"
        definition = "x"
        numerator_text = "x"
        sources = []
        numerator = "SELECT 'dibao', '三营镇', 2.5"
        """
        let catalog = try IndicatorCatalog.parse(text, file: "indicators.toml", store: store)
        let engine = try IndicatorEngine(store: store, catalog: catalog, calendar: try WorkCalendar.load(templates: Self.templates))
        #expect {
            try engine.compute(YearMonth(year: 2026, month: 3)!)
        } throws: { error in
            "\(error)".hasPrefix("2026-03 的 average：第 3 列须为整数") && "\(error)".contains("实际为 2.5")
        }
    }

    /// Issue 10: temporary/all payments_on_time_rate printed 98.0 against ≥98.0 marked 预警 (exact
    /// 97.98), and 古雁街道 98.0 marked 达标 (98.03). A printed value never reads equal to a threshold
    /// it is not equal to.
    @Test(arguments: TestBackend.allCases) func printedValuesNeverContradictTheirStatus(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let text = """
        version = "test"

        [[indicator]]
        id = "on_time"
        name = "按时率"
        name_en = "On time"
        unit = "%"
        aggregate = "ratio"
        direction = "higher"
        factor = 100
        decimals = 1
        target = 98
        warning = 95
        definition = "x"
        numerator_text = "x"
        denominator_text = "y"
        sources = []
        numerator = "SELECT programme, township, COUNT(*) FROM v_payment GROUP BY 1, 2"
        denominator = "SELECT programme, township, COUNT(*) FROM v_payment GROUP BY 1, 2"
        """
        let d = try #require(try IndicatorCatalog.parse(text, file: "indicators.toml", store: store).definitions.first)
        func shown(_ n: Int128, _ q: Int128) throws -> (String, IndicatorStatus?) {
            let v = try #require(Fraction(n * 100, q))
            return (d.displayed(v, programme: "temporary"), d.status(of: v, programme: "temporary"))
        }
        #expect(try shown(4899, 5000) == ("97.98", .warning))    // 97.98: 98.0 would read as met
        #expect(try shown(9803, 10000) == ("98.03", .met))       // 98.03: met, printed apart from 98.0
        #expect(try shown(98, 100) == ("98.0", .met))            // exactly the target
        #expect(try shown(9499, 10000) == ("94.99", .missed))    // just under the warning level
        #expect(try shown(97_999_999, 100_000_000) == ("97.9999", .warning))  // at most 4 decimals
        #expect(try shown(9650, 10000) == ("96.5", .warning))    // far from both: the definition's decimals
    }

    @Test func fractionsRoundHalfAwayFromZero() {
        #expect(Fraction(2, 3)!.formatted(decimals: 1) == "0.7")
        #expect(Fraction(-1, 8)!.formatted(decimals: 2) == "-0.13")
        #expect(Fraction(1, 2000)!.formatted(decimals: 3) == "0.001")
        #expect(Fraction(decimal: "0.01")!.multiplied(by: Fraction(integer: 350_000)) == Fraction(integer: 3500))
        #expect(Fraction(5, 0) == nil)
    }
}
