import Foundation
import GongkaiCore
import StoreTestSupport
import Testing
@testable import Indicators
@testable import Store

/// `payments_within_standard_rate` on four payments of 2026-10 against the shipped standards
/// (templates/standards.toml), worked out by hand as in docs/indicators.md:
///   三营镇 W1 城市 低保 一类 ×2 paid 1620.00 = 810.00 × 2            within (equal)
///   三营镇 W2 农村 低保 二类 ×3 paid 1260.01 > 420.00 × 3 = 1260.00   above by one fen
///   三营镇 W3 农村 特困 全护理 paid 1560.00 = 810.00 + 750.00         within
///   开城镇 W4 城市 临时救助 急难型 paid 2500.00 > 3 × 810.00          above
/// dibao 1/2 = 50.0; tekun 1/1 = 100.0; temporary 0/1 = 0.0; all 2/4 = 50.0; 三营镇 2/3 = 66.7.
@Suite struct PaymentsWithinStandardRateTests {
    static let templates = IndicatorEngineTests.templates

    static let files: [String: String] = [
        "households.csv": """
        户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
        W1,三营镇,三营村,马一,640402198001010017,,2,城市
        W2,三营镇,三营村,马二,640402198001010025,,3,农村
        W3,三营镇,三营村,马三,640402198001010033,,1,农村
        W4,开城镇,和泉村,马四,640402198001010041,,2,城市
        """,
        "enrolments.csv": """
        户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
        W1,dibao,一类,2,1620.00,按月,2026-01-02,2026-01-20,2026-02,,,
        W2,dibao,二类,3,1260.00,按月,2026-01-02,2026-01-20,2026-02,,,
        W3,tekun,全护理,1,1560.00,按月,2026-01-02,2026-01-20,2026-02,,,
        W4,临时救助,急难型,2,2500.00,一次性,2026-10-02,2026-10-03,2026-10,,,意外
        """,
        "payments.csv": """
        户编号,救助项目,所属月份,金额,发放日期
        W1,dibao,2026-10,1620.00,2026-10-15
        W2,dibao,2026-10,1260.01,2026-10-15
        W3,tekun,2026-10,1560.00,2026-10-15
        W4,临时救助,2026-10,2500.00,2026-10-05
        """,
    ]

    @Test(arguments: TestBackend.allCases) func recomputedAtEachLevelNeverAveraged(_ backend: TestBackend) async throws {
        let store = try await backend.store()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-std-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (name, text) in Self.files { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        _ = try Importer(store: store, clock: .fixed(Date(timeIntervalSince1970: 0)),
                         schedule: try ComplaintSchedule.load(templates: Self.templates),
                         identity: try CallerIdentityCipher(secret: Data(repeating: 7, count: 32))).run(paths: [dir.path])
        let engine = try IndicatorEngine(store: store, catalog: try IndicatorCatalog.load(templates: Self.templates, store: store),
                                         calendar: try WorkCalendar.load(templates: Self.templates))
        let m = try engine.compute(YearMonth(year: 2026, month: 10)!)
        func v(_ programme: String, _ township: String) -> String {
            guard let value = m["payments_within_standard_rate", programme, township] else { return "missing" }
            return value.value?.formatted(decimals: 1) ?? "—"
        }
        func counts(_ programme: String, _ township: String) -> String {
            guard let value = m["payments_within_standard_rate", programme, township] else { return "missing" }
            return "\(value.numerator.map(String.init) ?? "-")/\(value.denominator.map(String.init) ?? "-")"
        }
        #expect(v("dibao", "all") == "50.0" && counts("dibao", "all") == "1/2")
        #expect(v("tekun", "all") == "100.0")
        #expect(v("temporary", "all") == "0.0" && counts("temporary", "开城镇") == "0/1")
        #expect(v("all", "三营镇") == "66.7" && counts("all", "三营镇") == "2/3")
        #expect(v("all", "all") == "50.0" && counts("all", "all") == "2/4")
        #expect(m["payments_within_standard_rate", "medical", "all"] == nil)  // not a programme with standards
    }
}
