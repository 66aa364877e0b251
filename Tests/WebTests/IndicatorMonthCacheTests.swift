import GongkaiCore
import Store
import Testing
@testable import Web

/// The dashboard keeps the indicators of months not published while the data stays the same
/// (issue 28), and computes them again once it changed.
@Suite struct IndicatorMonthCacheTests {
    @Test func aMonthIsComputedOncePerKeyAndAgainWhenTheKeyChanges() throws {
        let cache = IndicatorMonthCache()
        let october = try #require(YearMonth(parsing: "2026-10")), november = try #require(YearMonth(parsing: "2026-11"))
        var computed: [String] = []
        func entry(_ month: YearMonth, _ key: String) -> String {
            let result = cache.entry(month, key: key) {
                computed.append("\(month) \(key)")
                return .problem("\(month) under \(key)")
            }
            guard case .problem(let text) = result else { return "" }
            return text
        }
        #expect(entry(october, "a") == "2026-10 under a")
        #expect(entry(october, "a") == "2026-10 under a")
        #expect(entry(november, "a") == "2026-11 under a")
        #expect(entry(october, "b") == "2026-10 under b", "the data changed: computed again")
        #expect(entry(november, "b") == "2026-11 under b")
        #expect(entry(october, "b") == "2026-10 under b")
        #expect(computed == ["2026-10 a", "2026-11 a", "2026-10 b", "2026-11 b"])
    }
}
