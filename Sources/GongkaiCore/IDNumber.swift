/// A resident identity number (公民身份号码, GB 11643-1999): 17 digits and a check character.
///
/// Only the store ever holds these. Public outputs are built from a view that has no ID column at all,
/// and the publication guard scans for anything that looks like one.
public struct IDNumber: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case length(Int), nonDigit, birthDate, checkDigit(expected: Character)
        public var description: String {
            switch self {
            case .length(let n): "身份证号须为 18 位，实际为 \(n) 位"
            case .nonDigit: "身份证号须为 17 位数字加 1 位数字或 X"
            case .birthDate: "身份证号中的出生日期不存在"
            case .checkDigit(let c): "身份证号校验码错误（应为 \(c)）"
            }
        }
    }

    static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    static let checkCharacters = Array("10X98765432")

    /// The check character for the first 17 digits (ISO 7064 MOD 11-2).
    public static func checkCharacter(for seventeenDigits: some Collection<UInt8>) -> Character {
        var sum = 0
        for (w, d) in zip(weights, seventeenDigits) { sum += w * Int(d - 48) }
        return checkCharacters[sum % 11]
    }

    /// Validates and normalises (a lower-case x becomes X).
    public init(validating text: some StringProtocol) throws(Problem) {
        let s = text.trimmingASCIIWhitespace().uppercased()
        let bytes = Array(s.utf8)
        guard s.count == 18 else { throw .length(s.count) }
        guard bytes.count == 18 else { throw .nonDigit }  // 18 characters, some not ASCII (全角 digits)
        let body = bytes[0..<17]
        guard body.allSatisfy({ $0.isASCIIDigit }),
              bytes[17].isASCIIDigit || bytes[17] == UInt8(ascii: "X") else { throw .nonDigit }
        let birth = String(decoding: bytes[6..<14], as: UTF8.self)
        guard let y = Int(birth.prefix(4)), let m = Int(birth.dropFirst(4).prefix(2)),
              let d = Int(birth.suffix(2)), CivilDate(year: y, month: m, day: d) != nil else { throw .birthDate }
        let expected = IDNumber.checkCharacter(for: body)
        guard Character(Unicode.Scalar(bytes[17])) == expected else { throw .checkDigit(expected: expected) }
        value = s
    }

    public var description: String { value }

    /// The birth date the number carries (digits 7–14). Validation has checked that it exists; nil
    /// only for a value that never went through it.
    public var birthDate: CivilDate? {
        let digits = Array(value.utf8)
        guard digits.count == 18 else { return nil }
        func number(_ range: Range<Int>) -> Int? { Int(String(decoding: digits[range], as: UTF8.self)) }
        guard let y = number(6..<10), let m = number(10..<12), let d = number(12..<14) else { return nil }
        return CivilDate(year: y, month: m, day: d)
    }
}
