import Testing
@testable import GongkaiCore

@Suite struct IDNumberTests {
    // 11010519491231002X is the standard's worked example; its check character is X.
    @Test func acceptsValidNumbers() throws {
        #expect(try IDNumber(validating: "11010519491231002X").value == "11010519491231002X")
        // Weights · digits for 64040219800101001: sum mod 11 = 5 → check character '7'.
        #expect(IDNumber.checkCharacter(for: Array("64040219800101001".utf8)) == "7")
        #expect(try IDNumber(validating: "640402198001010017").value == "640402198001010017")
    }

    @Test func normalisesLowerCaseX() throws {
        #expect(try IDNumber(validating: "11010519491231002x").value == "11010519491231002X")
    }

    @Test func refusesInvalidNumbers() {
        #expect(throws: IDNumber.Problem.checkDigit(expected: "X")) { try IDNumber(validating: "110105194912310021") }
        #expect(throws: IDNumber.Problem.length(17)) { try IDNumber(validating: "11010519491231002") }
        #expect(throws: IDNumber.Problem.nonDigit) { try IDNumber(validating: "1101051949123100AX") }
        #expect(throws: IDNumber.Problem.nonDigit) { try IDNumber(validating: "１１０１０５１９４９１２３１００２Ｘ") }  // 18 characters, full-width
        #expect(throws: IDNumber.Problem.birthDate) { try IDNumber(validating: "110105194902300021") }
    }
}
