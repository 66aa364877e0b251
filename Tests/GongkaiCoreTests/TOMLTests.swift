import Testing
@testable import GongkaiCore

@Suite struct TOMLTests {
    @Test func readsTheSubsetTemplatesUse() throws {
        let doc = try TOML.parse("""
        # comment
        title = "原州区" # trailing comment
        count = 1_000
        ratio = 0.95
        on = true
        day = 2026-02-15
        list = ["a", 'b',
                "c", ]  # multi-line array
        inline = { x = 1, y = "two" }

        [limits.by_type.咨询]
        conclude = 15

        [[indicator]]
        id = "first"
        sql = '''
        SELECT 1
        '''

        [[indicator]]
        id = "second"
        text = \"\"\"
        line one \\
          continued\"\"\"
        """)
        #expect(try doc.string("title") == "原州区")
        #expect(try doc.integer("count") == 1000)
        #expect(try doc.number("ratio") == 0.95)
        #expect(try doc.bool("on", default: false))
        #expect(doc["day"] == .date(CivilDate(year: 2026, month: 2, day: 15)!))
        #expect(try doc.strings("list") == ["a", "b", "c"])
        #expect(try doc.table("inline").string("y") == "two")
        let indicators = try doc.tables("indicator")
        #expect(indicators.count == 2)
        #expect(try indicators[0].string("sql") == "SELECT 1\n")
        #expect(try indicators[1].string("text") == "line one continued")
        #expect(indicators[1].line(of: "id") == 21)
        #expect(try doc.table("limits").table("by_type").table("咨询").integer("conclude") == 15)
    }

    @Test func errorsNameTheLine() {
        #expect(throws: TOMLError(line: 3, message: "'unquoted' 不是有效的值（文字须加引号 \"…\"）")) {
            try TOML.parse("a = 1\n\nb = unquoted\n")
        }
        #expect(throws: TOMLError(line: 2, message: "键 'a' 定义了两次")) { try TOML.parse("a = 1\na = 2") }
        #expect(throws: TOMLError(line: 1, message: "'a' 须为文字，实际为整数")) {
            try TOML.parse("a = 1").string("a")
        }
    }
}

@Suite struct TOMLHostileInputTests {
    @Test func deepNestingIsALocatedErrorNotAStackOverflow() {
        let text = "a = " + String(repeating: "[", count: 100_000)
        #expect(throws: TOMLError.self) { try TOML.parse(text) }
        let inline = "a = " + String(repeating: "{ b = ", count: 50_000)
        #expect(throws: TOMLError.self) { try TOML.parse(inline) }
        #expect((try? TOML.parse("a = [[[1]]]")) != nil)
    }
}
