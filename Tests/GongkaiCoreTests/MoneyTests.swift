import Testing
@testable import GongkaiCore

@Suite struct MoneyTests {
    @Test(arguments: [("1234.5", Int64(123_450)), ("1234.50", 123_450), ("0.01", 1), ("1,234.50", 123_450),
                      ("12,345,678.09", 1_234_567_809), (" 7 ", 700), ("+3.2", 320)])
    func parsesYuan(text: String, fen: Int64) throws {
        #expect(try Money.parseYuan(text) == Money(fen: fen))
    }

    @Test(arguments: [("-1", Money.ParseError.negative), ("1.234", .tooManyDecimals), ("abc", .malformed),
                      ("", .empty), ("12,34", .malformed), ("1.", .malformed), (".5", .malformed), ("1,2345.00", .malformed)])
    func refuses(text: String, error: Money.ParseError) {
        #expect(throws: error) { try Money.parseYuan(text) }
    }

    @Test func formatsExactly() {
        #expect(Money(fen: 123_450).yuan == "1234.50")
        #expect(Money(fen: 5).yuan == "0.05")
        #expect(Money(fen: -305).yuan == "-3.05")
        #expect(Money(fen: 123_456_789).yuanGrouped == "1,234,567.89")
        #expect(Money(fen: 99_900).yuanGrouped == "999.00")
    }
}
