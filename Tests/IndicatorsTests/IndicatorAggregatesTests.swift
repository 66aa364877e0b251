import DemoData
import Foundation
import GongkaiCore
import StoreTestSupport
import Testing
@testable import Indicators
@testable import Store

/// The shipped definitions read the monthly aggregates (`enrolment_change`, `payment_tally`); the
/// definitions they replaced read the rows (Fixtures/indicators-from-rows.toml, the templates as they
/// were before issue 28). Every indicator, at every programme and township, in every month of the
/// data and the months around it, must come out the same from both — on the demo district, on odd
/// districts, on both databases, and after imports that change what the aggregates summarise.
@Suite struct IndicatorAggregatesTests {
    static let templates = IndicatorEngineTests.templates
    static let rowsDefinitions = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/indicators-from-rows.toml")

    /// Each month's values as comparable lines, or the error the month gave.
    static func lines(_ store: StoreDatabase, definitions: String?, months: [YearMonth]) throws -> [String] {
        let catalog: IndicatorCatalog
        if let definitions {
            catalog = try IndicatorCatalog.parse(try String(contentsOfFile: definitions, encoding: .utf8), file: definitions,
                                                 store: store, standards: try PaymentStandards.load(templates: templates))
        } else {
            catalog = try IndicatorCatalog.load(templates: templates, store: store)
        }
        let engine = try IndicatorEngine(store: store, catalog: catalog, calendar: try WorkCalendar.load(templates: templates))
        return months.flatMap { month -> [String] in
            do {
                return try engine.compute(month).values.map {
                    "\(month) \($0.indicator) \($0.programme) \($0.township) \($0.numerator.map(String.init) ?? "-")"
                        + " \($0.denominator.map(String.init) ?? "-") \($0.value.map { "\($0)" } ?? "—")"
                }
            } catch {
                return ["\(month) \(error)"]
            }
        }
    }

    /// Compares the two catalogs on a store, month by month, naming the first lines that differ.
    static func expectSameIndicators(_ store: StoreDatabase, months: [YearMonth], _ what: String) throws {
        let fromAggregates = try lines(store, definitions: nil, months: months)
        let fromRows = try lines(store, definitions: rowsDefinitions.path, months: months)
        #expect(fromAggregates.count == fromRows.count, "\(what)")
        let differing = zip(fromAggregates, fromRows).filter { $0 != $1 }.map { "aggregates \($0) | rows \($1)" }
        let firstDifferences = differing.prefix(5).joined(separator: "; ")
        #expect(differing.count == 0, "\(what): \(firstDifferences)")
        // The comparison means something only if the months have data.
        #expect(fromRows.contains { $0.contains(" households_active all all ") && !$0.hasSuffix(" 0 - 0") }, "\(what)")
    }

    /// The aggregate tables as the import left them, then as a rebuild from the rows writes them.
    static func expectKeptEqualsRebuilt(_ store: StoreDatabase, _ what: String) throws {
        func tables() throws -> [String] {
            try store.session(readOnly: true) { session in
                try session.rows("SELECT * FROM enrolment_change ORDER BY programme, township, month_index", []).map { "\($0.values)" }
                    + session.rows("""
                        SELECT * FROM payment_tally ORDER BY month_index, programme, township, area, category,
                                 covered_persons, frequency, amount_fen, paid_in_month
                        """, []).map { "\($0.values)" }
            }
        }
        let kept = try tables()
        _ = try store.rebuildIndicatorAggregates()
        let rebuilt = try tables()
        #expect(!kept.isEmpty && kept == rebuilt, "\(what): \(kept.count) kept, \(rebuilt.count) rebuilt")
    }

    static func months(_ first: YearMonth, through last: YearMonth) -> [YearMonth] {
        (first.index...last.index).map { YearMonth(index: $0) }
    }

    static func imported(_ files: [(name: String, text: String)], into store: StoreDatabase) throws {
        try IndicatorEngineTests.imported(files, into: store)
    }

    @Test(arguments: TestBackend.allCases) func theDemoDistrict(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let end = YearMonth(year: 2026, month: 10)!
        let demo = try YuanzhouDemo(.init(households: 600, endMonth: end, months: 24,
                                          standards: try PaymentStandards.load(templates: Self.templates)))
        try Self.imported(demo.generate(), into: store)
        try Self.expectSameIndicators(store, months: Self.months(end.adding(months: -25), through: end.adding(months: 2)), "demo")
        try Self.expectKeptEqualsRebuilt(store, "demo")
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6] as [UInt64]) func oddDistricts(_ seed: UInt64) async throws {
        let store = try StoreDatabase()
        let district = try OddDistrict(.init(endMonth: YearMonth(year: 2026, month: 10)!, seed: seed,
                                             standards: try PaymentStandards.load(templates: Self.templates)))
        let (shape, files) = district.generate()
        try Self.imported(files, into: store)
        try Self.expectSameIndicators(store, months: Self.months(shape.firstMonth.adding(months: -1), through: shape.endMonth.adding(months: 1)),
                                      "odd district \(seed)")
        try Self.expectKeptEqualsRebuilt(store, "odd district \(seed)")
    }

    /// A later import moves a household to another township, stops and adds enrolments, adds a service
    /// and a month's payments: the kept aggregates follow each change.
    @Test(arguments: TestBackend.allCases) func laterImportsKeepTheAggregates(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        try Self.imported(IndicatorEngineTests.files.map { ($0.key, $0.value) }, into: store)
        let months = Self.months(YearMonth(year: 2024, month: 5)!, through: YearMonth(year: 2026, month: 6)!)
        try Self.expectSameIndicators(store, months: months, "first import")
        try Self.imported([
            ("households.csv", """
            户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
            B2,三营镇,三营村,杨二,640402198001010041,,1,城市
            C1,开城镇,和泉村,马三,64040219800101005X,,2,农村
            """),
            ("enrolments.csv", """
            户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
            A1,dibao,一类,3,900.00,按月,2025-04-01,2025-05-10,2025-06,2026-04,收入增加,
            A2,dibao,一类,3,800.00,按月,2026-02-13,2026-03-02,2026-03,,,
            C1,dibao,二类,2,600.00,按月,2026-03-01,2026-03-20,2026-04,,,
            C1,employment,就业困难,2,300.00,按月,2026-03-01,2026-03-20,2026-04,,,
            """),
            ("services.csv", """
            户编号,服务类型,提供方,提供方类型,开始日期,结束日期,结果,满意度
            C1,就业指导,人社所,政府,2026-04-10,2026-04-20,就业,5
            """),
            ("payments.csv", """
            户编号,救助项目,所属月份,金额,发放日期
            A2,dibao,2026-04,800.00,2026-04-15
            C1,dibao,2026-04,600.00,2026-05-03
            C1,employment,2026-04,300.00,2026-04-28
            B2,tekun,2026-04,1000.00,2026-04-20
            """),
        ], into: store)
        try Self.expectSameIndicators(store, months: months, "after the second import")
        try Self.expectKeptEqualsRebuilt(store, "after the second import")
        // Payments alone: only their month's tallies are recounted.
        try Self.imported([("payments.csv", """
            户编号,救助项目,所属月份,金额,发放日期
            A2,dibao,2026-05,800.00,2026-05-15
            C1,dibao,2026-05,600.00,2026-05-16
            """)], into: store)
        try Self.expectSameIndicators(store, months: months, "after a month of payments")
        try Self.expectKeptEqualsRebuilt(store, "after a month of payments")
    }

    /// Rows edited outside gongkai reach the rebuild: days and months at the ends of the integers
    /// are counted without trapping, an impossible number of covered persons is named as damage.
    @Test func damagedRowsNeverTrapTheRebuild() async throws {
        let store = try StoreDatabase()
        try Self.imported(IndicatorEngineTests.files.map { ($0.key, $0.value) }, into: store)
        try store.write { db in
            try db.execute(sql: "UPDATE service SET started_day = -9223372036854775808, ended_day = 9223372036854775807 WHERE household_id = 'A1'")
            try db.execute(sql: "UPDATE service SET started_day = 9223372036854775807 WHERE household_id = 'B1'")
            try db.execute(sql: "UPDATE enrolment SET stop_month_index = 9223372036854775807 WHERE household_id = 'A1' AND programme = 'dibao'")
            try db.execute(sql: "UPDATE enrolment SET start_month_index = 9223372036854775807 WHERE household_id = 'B2' AND programme = 'tekun'")
            try db.execute(sql: "UPDATE payment SET paid_on = '不是日期' WHERE household_id = 'A2'")
            // Months at both ends of the integers: the months between them are not walked one by one.
            try db.execute(sql: "UPDATE payment SET month_index = -9223372036854775808 WHERE household_id = 'A1' AND programme = 'dibao' AND month_index = 24313")
            try db.execute(sql: "UPDATE payment SET month_index = 9223372036854775807 WHERE household_id = 'B1'")
        }
        let counts = try store.rebuildIndicatorAggregates()
        #expect(counts.enrolmentChanges > 0 && counts.paymentTallies > 0)
        try store.write { db in
            try db.execute(sql: "UPDATE enrolment SET covered_persons = 9223372036854775807 WHERE household_id = 'A2'")
        }
        #expect(throws: StoredRecordDamage(key: "A2", field: "covered_persons", value: "9223372036854775807")) {
            try store.rebuildIndicatorAggregates()
        }
    }
}
