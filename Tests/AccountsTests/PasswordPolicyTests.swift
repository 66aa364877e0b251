import Foundation
import Testing
@testable import Accounts

@Suite struct PasswordPolicyTests {
    let policy = SecurityPolicy.standard

    @Test func eachRuleIsItsOwnRefusal() {
        #expect(policy.problem(with: "", login: "ma.li") == .empty)
        #expect(policy.problem(with: "Ab1-xyz", login: "ma.li") == .tooShort(minimum: 8))
        #expect(policy.problem(with: "abcdefgh", login: "ma.li") == .tooFewClasses(required: 3, found: 1))
        #expect(policy.problem(with: "abcdefg1", login: "ma.li") == .tooFewClasses(required: 3, found: 2))
        #expect(policy.problem(with: "ABCDEFG1", login: "ma.li") == .tooFewClasses(required: 3, found: 2))
        #expect(policy.problem(with: "abc-defg", login: "ma.li") == .tooFewClasses(required: 3, found: 2))
        #expect(policy.problem(with: "Abc\u{0}defg1", login: "ma.li") == .controlCharacter)
        #expect(policy.problem(with: String(repeating: "Ab1-", count: 19), login: "ma.li") == .tooLong(maximumBytes: 72))
        #expect(policy.problem(with: "Ma.li2026", login: "ma.li2026") == .sameAsLogin)
    }

    @Test func threeOfFourClassesPass() {
        for ok in ["abcdefG1", "abcdefg-1", "ABCDEFG-1", "Abcdefg-", "原州区民政局Ab1", "Chu-shi-mi-ma1"] {
            #expect(policy.problem(with: ok, login: "ma.li") == nil, "\(ok)")
        }
        // 8 characters, not 8 bytes: Chinese characters count once each.
        #expect(policy.problem(with: "原州A1", login: "x") == .tooShort(minimum: 8))
    }

    @Test func messagesNeverContainThePassword() {
        let secret = "abcdefgh"
        let problem = policy.problem(with: secret, login: "x")
        #expect(problem != nil)
        #expect(!(problem?.description.contains(secret) ?? true) && !(problem?.message.contains(secret) ?? true))
    }
}

@Suite struct AccountErrorMessageTests {
    /// Every refusal has a Chinese sentence for the web pages; a weak password gives the rule broken.
    @Test func chineseMessages() {
        #expect(AccountError.weakPassword(.tooShort(minimum: 8)).message == "密码至少需要 8 个字符")
        #expect(AccountError.wrongCurrentPassword.message == "当前密码不正确")
        #expect(AccountError.administratorRoleNotAlone([.supervisor, .auditAdministrator]).message.contains("单独担任"))
    }
}
