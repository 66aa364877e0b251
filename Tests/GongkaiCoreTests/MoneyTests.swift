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

@Suite struct FractionOverflowTests {
    @Test func arithmeticBeyond128BitsIsNilNotATrap() {
        let huge = Fraction(Int128.max / 2, 1)!
        #expect(huge.multiplied(by: Fraction(integer: 4)) == nil)
        #expect(huge.adding(huge).flatMap { $0.adding(huge) } == nil)
        #expect(Fraction(Int128.min, 1)!.subtracting(Fraction(integer: 1)) == nil)
        #expect(Fraction(decimal: "1" + String(repeating: "0", count: 40)) == nil)
        #expect(Fraction(decimal: "0." + String(repeating: "1", count: 40)) == nil)
        // Cross-cancelling keeps exact products of large counts and fine factors in range.
        let count = Fraction(integer: Int64.max)
        #expect(count.multiplied(by: Fraction(1, Int128(Int64.max))!) == Fraction(integer: 1))
        #expect(Fraction(1, 3)!.adding(Fraction(1, 6)!) == Fraction(1, 2))
        #expect(Fraction(1, 3)!.subtracting(Fraction(1, 2)!) == Fraction(-1, 6))
    }

    @Test func comparisonIsExactAtAnyMagnitude() {
        let a = Fraction(Int128.max, Int128.max - 1)!, b = Fraction(Int128.max - 1, Int128.max - 2)!
        #expect(a < b)  // 1 + 1/(m−1) < 1 + 1/(m−2)
        #expect(!(b < a))
        #expect(Fraction(-5, 2)! < Fraction(integer: -2))
    }
}

@Suite struct LimitBoundsTests {
    @Test func limitsFromTextAreBounded() throws {
        #expect(Limit(parsing: "3660 days") != nil)
        #expect(Limit(parsing: "3661 days") == nil)
        #expect(Limit(parsing: "99999999999999999999 days") == nil)
        #expect(throws: InputError.self) {
            try DeskSettings.parse("[limits]\nextension_max_days = 0\n", file: "desk.toml")
        }
        #expect(throws: InputError.self) {
            try DeskSettings.parse("[limits]\nrepeat_window_days = 9223372036854775807\n", file: "desk.toml")
        }
    }
}

@Suite struct CheckedTotalTests {
    @Test func sumsBeyondInt64AreAnErrorNamingWhatWasSummed() {
        #expect(throws: TotalOverflow(what: "金额")) { try Money.total([Money(fen: .max), Money(fen: 1)]) }
        #expect((try? Money.total([Money(fen: 150), Money(fen: 250)])) == Money(fen: 400))
        #expect(throws: TotalOverflow(what: "persons")) { try TotalOverflow.sum([Int.max, 1], of: "persons") }
    }
}
