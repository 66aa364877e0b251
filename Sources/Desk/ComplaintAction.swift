import GongkaiCore

/// A step an operator can take on a complaint; each has its own CLI command and leaves one event.
public enum ComplaintAction: String, CaseIterable, Sendable {
    case accept, transfer, assign
    /// 退单: the unit sends a complaint dispatched to it by mistake back to the centre, within its
    /// 签收 time and with a reason; the centre dispatches it again.
    case sendBack = "send_back"
    case reply, callback, close, extend
    /// 延期申请: the 承办人 asks for an extension; the 督办 approves or rejects it.
    case extendRequest = "extend_request", extendApprove = "extend_approve", extendReject = "extend_reject"
    /// 暂停计时 / 恢复计时: the conclusion clock stands still while the office waits on the caller.
    case pause, resume
    case `return`, reopen, supervise
    /// 催办: the 督办 urges the unit working on a complaint; the unit sees it first in its pending work.
    case urge
    /// 合并: close a duplicate into another complaint (`ComplaintDesk.merge`).
    case merge

    /// The states in which the conclusion clock runs and the office works on the matter.
    static let working: Set<ComplaintStatus> = [.accepted, .transferred, .inProgress, .redo]

    /// The states the step may start from, in the closed loop of docs/domain.md §2b.
    var startStates: Set<ComplaintStatus> {
        switch self {
        case .accept: [.registered]
        case .transfer: [.accepted, .redo, .review]
        case .assign: [.accepted, .transferred, .redo, .review]
        case .sendBack: [.transferred]
        case .urge: [.transferred, .inProgress, .redo, .review]
        // 接诉即办: a question answered on the spot is replied to straight from 受理.
        case .reply: [.accepted, .inProgress, .redo, .review]
        case .callback: [.replied]
        // An anonymous caller cannot be called back, so their complaint closes from 答复 (see allowed).
        case .close: [.calledBack, .replied]
        case .extend, .extendRequest, .extendApprove, .extendReject: Self.working
        case .pause, .resume: Self.working.union([.review])
        case .return: [.registered, .accepted, .transferred]
        case .reopen: [.closed]
        case .supervise, .merge: Set(ComplaintStatus.allCases.filter(\.isOpen))
        }
    }

    /// The step's Chinese name, as pages, the history and the CLI say it.
    public var chineseName: String {
        switch self {
        case .accept: "受理"
        case .transfer: "转办"
        case .assign: "交办"
        case .sendBack: "退单"
        case .reply: "答复"
        case .callback: "回访"
        case .close: "办结"
        case .extend: "延期"
        case .extendRequest: "申请延期"
        case .extendApprove: "批准延期"
        case .extendReject: "不批准延期"
        case .pause: "暂停计时"
        case .resume: "恢复计时"
        case .merge: "合并"
        case .return: "退回"
        case .reopen: "复查"
        case .supervise: "督办"
        case .urge: "催办"
        }
    }

    /// The state after the step; `callback` depends on the rating, the others on nothing.
    func target(from state: ComplaintStatus, rating: String? = nil) -> ComplaintStatus {
        switch self {
        case .accept: .accepted
        case .transfer: .transferred
        case .assign: .inProgress
        case .reply: .replied
        case .callback: rating == "不满意" ? .redo : .calledBack
        case .close: .closed
        case .extend, .extendRequest, .extendApprove, .extendReject, .pause, .resume, .supervise, .urge: state
        case .sendBack: .accepted
        case .return: .returned
        case .reopen: .review
        case .merge: .merged
        }
    }
}

/// The closed-loop state machine: which step is allowed now, and where it leads.
public enum Workflow {
    /// What besides the state decides which steps are open: an anonymous complaint closes straight
    /// from 答复 (no one to call back); a paused one only resumes, is supervised or merged; an
    /// extension request pending is approved or rejected, and only then asked for again.
    public struct Situation: Sendable, Equatable {
        public var anonymous: Bool
        public var paused: Bool
        public var extensionRequested: Bool
        public init(anonymous: Bool, paused: Bool = false, extensionRequested: Bool = false) {
            self.anonymous = anonymous; self.paused = paused; self.extensionRequested = extensionRequested
        }
    }

    /// Steps allowed from `state`, in the order of the loop.
    public static func allowed(from state: ComplaintStatus, anonymous: Bool) -> [ComplaintAction] {
        allowed(from: state, Situation(anonymous: anonymous))
    }

    public static func allowed(from state: ComplaintStatus, _ situation: Situation) -> [ComplaintAction] {
        ComplaintAction.allCases.filter { action in
            guard action.startStates.contains(state) else { return false }
            if situation.paused { return [.resume, .supervise, .merge].contains(action) }
            switch action {
            case .close: return !(state == .replied && !situation.anonymous)
            case .resume: return false
            case .extendRequest: return !situation.extensionRequested
            case .extendApprove, .extendReject: return situation.extensionRequested
            default: return true
            }
        }
    }

    /// The next state, or `DeskError.invalidStep` naming the current state and the allowed steps.
    public static func next(id: String, from state: ComplaintStatus, anonymous: Bool,
                            action: ComplaintAction, rating: String? = nil) throws(DeskError) -> ComplaintStatus {
        try next(id: id, from: state, Situation(anonymous: anonymous), action: action, rating: rating)
    }

    public static func next(id: String, from state: ComplaintStatus, _ situation: Situation,
                            action: ComplaintAction, rating: String? = nil) throws(DeskError) -> ComplaintStatus {
        let allowed = allowed(from: state, situation)
        guard allowed.contains(action) else {
            throw .invalidStep(id: id, status: state, action: action, allowed: allowed)
        }
        return action.target(from: state, rating: rating)
    }
}
