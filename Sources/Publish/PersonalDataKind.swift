/// The kinds of value that must never reach a public file, as a refusal names them (in the office's
/// words; the value itself is never repeated).
public enum PersonalDataKind: Sendable, Equatable, Hashable, CustomStringConvertible {
    case idNumber
    case mobile
    case landline
    case bankCard
    case name(KnownNames.Role)
    /// A staff-only document of data matching (核查表, 核查单): never public, whatever it holds.
    case staffDocument

    public var description: String {
        switch self {
        case .idNumber: "身份证号"
        case .mobile: "手机号"
        case .landline: "固定电话"
        case .bankCard: "银行卡号"
        case .name(let role): "姓名（\(role.chinese)）"
        case .staffDocument: "内部核查材料（数据比对的核查表或核查单，只供核查人员使用，不得公开）"
        }
    }
}
