import GongkaiCore

/// Why the desk refused something, as one sentence an operator can act on.
public enum DeskError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidStep(id: String, status: ComplaintStatus, action: ComplaintAction, allowed: [ComplaintAction])
    case extensionAlreadyUsed(id: String)
    case extensionTooLong(days: Int, max: Int)
    case reasonRequired(action: ComplaintAction)
    case periodOver(id: String, action: ComplaintAction, limit: Limit, deadline: CivilDate)
    case reopenAlreadyUsed(id: String)
    case unknownUnit(String, known: [String])
    /// The acting account's roles do not allow this (`ComplaintAccess`): `what` says the step and the complaint.
    case notPermitted(account: String, what: String)
    /// 回访 by the account that recorded the reply.
    case ownReplyCallback(id: String)
    case phoneSearchReasonRequired
    case notAPhone
    /// 交办 to someone who is not an active 承办人 account of the complaint's township.
    case unknownAssignee(String, township: String?, known: [String])
    case unknownRating(String)
    case pinMismatch
    case unknownStatus(id: String, status: String)
    case revealReasonRequired
    case pauseAllowanceUsed(id: String, max: Int)
    case mergeTargetRequired
    case mergeIntoItself(id: String)
    case mergeTargetClosed(target: String, status: ComplaintStatus)
    case mergeIntoMerged(target: String, into: String)

    public var description: String {
        switch self {
        case let .invalidStep(id, status, action, allowed):
            let next = allowed.isEmpty ? "none" : allowed.map(\.rawValue).joined(separator: ", ")
            return "\(id) is \(status.rawValue): '\(action.rawValue)' is not allowed now; allowed next steps: \(next)"
        case let .extensionAlreadyUsed(id):
            return "\(id) has already been extended once: a complaint can be extended only once"
        case let .extensionTooLong(days, max):
            return "an extension of \(days) days is not allowed: give 1 to \(max) days"
        case let .reasonRequired(action):
            return "'\(action.rawValue)' needs a reason: pass --reason TEXT"
        case let .periodOver(id, action, limit, deadline):
            return "\(id) can no longer be given '\(action.rawValue)': the limit of \(limit.chinese) ended on \(deadline)"
        case let .reopenAlreadyUsed(id):
            return "\(id) has already been reviewed (复查) once: the same request is not accepted again"
        case let .unknownUnit(unit, known):
            return "'\(unit)' is not a unit in templates/desk.toml; known units: \(known.joined(separator: ", "))"
        case let .notPermitted(account, what):
            return "\(account) 的角色不能\(what)（角色与权限见 docs/roles.md）"
        case .phoneSearchReasonRequired:
            return "按来电人电话查找须填写理由（记入审计日志）"
        case .notAPhone:
            return "这不是一个电话号码：手机号 11 位，固定电话带区号（如 0954-2031234）"
        case let .ownReplyCallback(id):
            return "\(id) 的答复是本账号录入的：回访须由中心其他人员独立进行，不能回访自己答复的投诉"
        case let .unknownAssignee(name, township, known):
            guard let township else { return "该投诉未定乡镇（街道），不能交办给承办人：请先转办到乡镇（街道）的办理单位" }
            let list = known.isEmpty ? "该乡镇（街道）还没有承办人账号，请系统管理员用 gongkai user add … --role 承办人 --unit \(township) 建立" : "可选：\(known.joined(separator: "、"))"
            return "“\(name)”不是\(township)的承办人账号；\(list)"
        case let .unknownRating(rating):
            return "'\(rating)' is not a rating: use 满意, 基本满意 or 不满意"
        case .pinMismatch:
            return "no complaint matches this number and PIN"
        case let .unknownStatus(id, status):
            return "\(id) has the status '\(status)', which the desk does not know: correct the row"
        case .revealReasonRequired:
            return "showing the caller's name and phone needs a reason, which is recorded: pass --reason TEXT"
        case let .pauseAllowanceUsed(id, max):
            return "\(id) has used all \(max) working days a complaint may be paused (pause_max_days in templates/desk.toml)"
        case .mergeTargetRequired:
            return "'merge' needs the complaint it duplicates: pass --into TS-YYYYMM-NNNN"
        case let .mergeIntoItself(id):
            return "\(id) cannot be merged into itself"
        case let .mergeTargetClosed(target, status):
            return "\(target) is \(status.rawValue): a duplicate can only be merged into an open complaint"
        case let .mergeIntoMerged(target, into):
            return "\(target) is itself merged into \(into): merge into \(into) instead (no chains)"
        }
    }
}
