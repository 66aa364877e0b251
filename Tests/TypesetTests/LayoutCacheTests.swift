import Document
import Testing
@testable import Typeset

/// Equal cells share one layout, anything that changes the shaping gets its own, and the cache stays
/// bounded however many distinct texts pass through it.
@Suite struct LayoutCacheTests {
    @Test func equalArgumentsShareOneLayoutAndAnyDifferenceMakesAnother() throws {
        let setter = try Typesetter(settings: .gbt9704)
        let town = setter.layout("三营镇", role: .body, size: 12, width: 80)
        #expect(setter.layout("三营镇", role: .body, size: 12, width: 80) === town)
        #expect(setter.layout("三营镇", role: .body, size: 12, bold: true, width: 80) !== town)
        #expect(setter.layout("三营镇", role: .body, size: 12, width: 60) !== town)
        #expect(setter.layout("三营镇", role: .body, size: 12, width: 80, align: .center) !== town)
        #expect(setter.layout("三营镇", role: .heiti, size: 12, width: 80) !== town)
        #expect(setter.layout("三营镇", role: .body, size: 12, width: 80, name: true) !== town)
    }

    @Test func recurringTextsStayWhileOneOffTextsPassThrough() throws {
        let setter = try Typesetter(settings: .gbt9704)
        var cache = LayoutCache(capacity: 4)
        func key(_ text: String) -> LayoutCache.Key {
            LayoutCache.Key(text: text, role: .body, size: 12, bold: false, width: nil, align: .left, indent: 0,
                            name: false, keep: [], boldRanges: [])
        }
        var made = 0
        func layout(_ text: String) -> TextLayout {
            cache.layout(key(text)) {
                made += 1
                return TextLayout(fonts: setter.fonts, text: text, role: .body, size: 12, width: nil)
            }
        }
        let town = layout("三营镇")
        for n in 1...100 {
            _ = layout(String(n))
            #expect(layout("三营镇") === town)
        }
        #expect(made == 101)
        // A one-off text is gone after two generations of others: memory does not grow with the rows.
        let first = layout("1")
        #expect(made == 102)
        for n in 200..<210 { _ = layout(String(n)) }
        #expect(layout("1") !== first)
    }
}
