import GongkaiCore

/// A step an operator can take on a complaint; each has its own CLI command and leaves one event.
public enum ComplaintAction: String, CaseIterable, Sendable {
    case accept, transfer, assign, reply, callback, close, extend, `return`, reopen, supervise

    /// The states the step may start from, in the closed loop of DOMAIN.md §2b.
    var startStates: Set<ComplaintStatus> {
        switch self {
        case .accept: [.registered]
        case .transfer: [.accepted, .redo, .review]
        case .assign: [.accepted, .transferred, .redo, .review]
        // 接诉即办: a question answered on the spot is replied to straight from 受理.
        case .reply: [.accepted, .inProgress, .redo, .review]
        case .callback: [.replied]
        // An anonymous caller cannot be called back, so their complaint closes from 答复 (see allowed).
        case .close: [.calledBack, .replied]
        case .extend: [.accepted, .transferred, .inProgress, .redo]
        case .return: [.registered, .accepted, .transferred]
        case .reopen: [.closed]
        case .supervise: Set(ComplaintStatus.allCases.filter(\.isOpen))
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
        case .extend, .supervise: state
        case .return: .returned
        case .reopen: .review
        }
    }
}

/// The closed-loop state machine: which step is allowed now, and where it leads.
public enum Workflow {
    /// Steps allowed from `state`, in the order of the loop. Closing straight from 答复 is only
    /// for anonymous complaints (no one to call back).
    public static func allowed(from state: ComplaintStatus, anonymous: Bool) -> [ComplaintAction] {
        ComplaintAction.allCases.filter { action in
            guard action.startStates.contains(state) else { return false }
            return !(action == .close && state == .replied && !anonymous)
        }
    }

    /// The next state, or `DeskError.invalidStep` naming the current state and the allowed steps.
    public static func next(id: String, from state: ComplaintStatus, anonymous: Bool,
                            action: ComplaintAction, rating: String? = nil) throws(DeskError) -> ComplaintStatus {
        let allowed = allowed(from: state, anonymous: anonymous)
        guard allowed.contains(action) else {
            throw .invalidStep(id: id, status: state, action: action, allowed: allowed)
        }
        return action.target(from: state, rating: rating)
    }
}
