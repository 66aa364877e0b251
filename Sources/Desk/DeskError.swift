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
            let next = allowed.isEmpty ? "无" : allowed.map(\.rawValue).joined(separator: ", ")
            return "\(id) 的状态是\(status.rawValue)：现在不能 '\(action.rawValue)'；可以进行的下一步：\(next)"
        case let .extensionAlreadyUsed(id):
            return "\(id) 已经延期过一次：一件投诉只能延期一次"
        case let .extensionTooLong(days, max):
            return "不能延期 \(days) 日：请给出 1 至 \(max) 日"
        case let .reasonRequired(action):
            return "'\(action.rawValue)' 须写理由：请用 --reason 理由"
        case let .periodOver(id, action, limit, deadline):
            return "\(id) 已不能 '\(action.rawValue)'：\(limit.chinese)的时限已于 \(deadline) 届满"
        case let .reopenAlreadyUsed(id):
            return "\(id) 已经复查过一次：同一诉求不再受理复查"
        case let .unknownUnit(unit, known):
            return "'\(unit)' 不是 templates/desk.toml 中的承办单位；可选的单位：\(known.joined(separator: "、"))"
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
            return "'\(rating)' 不是评价：请用 满意、基本满意 或 不满意"
        case .pinMismatch:
            return "没有与该编号和查询密码相符的投诉"
        case let .unknownStatus(id, status):
            return "\(id) 的状态 '\(status)' 不是受理台认识的状态：请更正该行"
        case .revealReasonRequired:
            return "显示来电人的姓名和电话须写理由（将记录在案）：请用 --reason 理由"
        case let .pauseAllowanceUsed(id, max):
            return "\(id) 已用完一件投诉可暂停的全部 \(max) 个工作日（templates/desk.toml 中的 pause_max_days）"
        case .mergeTargetRequired:
            return "合并须指明与之重复的投诉：请用 --into TS-YYYYMM-NNNN"
        case let .mergeIntoItself(id):
            return "\(id) 不能并入自身"
        case let .mergeTargetClosed(target, status):
            return "\(target) 的状态是\(status.rawValue)：重复件只能并入未办结的投诉"
        case let .mergeIntoMerged(target, into):
            return "\(target) 本身已并入 \(into)：请改为并入 \(into)（不能连环合并）"
        }
    }
}
