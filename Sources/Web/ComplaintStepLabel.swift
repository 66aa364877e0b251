import Desk

/// The Chinese names of the desk's steps and of the events in a complaint's history, and the
/// Chinese sentence for a step the desk refused — the browser's words for what the CLI prints.
enum ComplaintStepLabel {
    static func name(_ action: ComplaintAction) -> String { action.chineseName }

    /// An event's action as the history stores it ("add", "accept", "reveal", …).
    static func event(_ action: String) -> String {
        switch action {
        case "add": "登记"
        case "reveal": "查看来电人身份"
        case "repeat": "重复来电"
        case ComplaintDesk.signEvent: "签收"
        case ComplaintDesk.deadlineEvent: "办结期限"
        case ComplaintDesk.callerRatingEvent: "来电人评价"
        default: ComplaintAction(rawValue: action).map(name) ?? action
        }
    }

    static func refusal(_ error: DeskError) -> String {
        switch error {
        case let .invalidStep(_, status, action, allowed):
            let next = allowed.isEmpty ? "无" : allowed.map(name).joined(separator: "、")
            return "投诉当前为“\(status.rawValue)”，不能\(name(action))；现在可以：\(next)。"
        case .extensionAlreadyUsed: return "该投诉已延期过一次，只能延期一次。"
        case let .extensionTooLong(_, max): return "延期天数应为 1 至 \(max) 日。"
        case let .reasonRequired(action): return "\(name(action))须填写理由。"
        case let .periodOver(_, action, limit, deadline): return "已超过\(name(action))期限（\(limit.chinese)，截至 \(deadline)）。"
        case .reopenAlreadyUsed: return "该投诉已复查过一次，同一事项不再受理复查。"
        case let .unknownUnit(_, known): return "请选择办理单位：\(known.joined(separator: "、"))。"
        case .unknownRating: return "请选择评价：满意、基本满意或不满意。"
        case let .unknownStatus(_, status): return "投诉的状态“\(status)”无法识别，请联系管理员更正。"
        case let .pauseAllowanceUsed(_, max): return "该投诉的暂停计时已累计 \(max) 个工作日，不能再暂停。"
        case .mergeTargetRequired: return "请填写要合并到的投诉编号。"
        case .mergeIntoItself: return "不能合并到投诉本身。"
        case let .mergeTargetClosed(target, status): return "\(target) 当前为“\(status.rawValue)”，只能合并到未办结的投诉。"
        case let .mergeIntoMerged(target, into): return "\(target) 已合并至 \(into)，请直接合并到 \(into)。"
        case .notPermitted, .ownReplyCallback, .unknownAssignee, .phoneSearchReasonRequired, .notAPhone:
            return error.description + "。"
        case .pinMismatch, .revealReasonRequired: return "操作未执行：\(error.description)"
        }
    }
}
