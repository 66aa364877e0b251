import GongkaiCore

/// The work queues of the desk, as the browser's tabs show them (`/complaints?queue=…`).
public enum ComplaintQueue: String, CaseIterable, Sendable {
    /// 被催办: urged by the 督办 (催办) and not acted on by the unit since — first in a unit's work.
    case urged
    /// 我的待办: open complaints handled by the person asking.
    case mine
    /// 待签收: transferred to a unit and not signed for yet — the unit's inbox. Signing for is the
    /// `assign` step (a 承办人 takes it on); one not signed for within `sign_within` (desk.toml) of
    /// the transfer is marked 签收超期 (`ComplaintView.isSignOverdue`).
    case unsigned
    /// 即将到期: the yellow light.
    case due
    /// 超期: the red light (the CLI's `list --overdue`).
    case overdue
    /// 待回访: replied to, the caller not yet called back.
    case callback
    /// 已办结.
    case closed

    public var chinese: String {
        switch self {
        case .urged: "被催办"
        case .mine: "我的待办"
        case .unsigned: "待签收"
        case .due: "即将到期"
        case .overdue: "超期"
        case .callback: "待回访"
        case .closed: "已办结"
        }
    }

    /// The queues that hold pending work, as home counts them: every queue but 已办结.
    public static var pending: [ComplaintQueue] { allCases.filter { $0 != .closed } }

    /// The step that takes a complaint off this queue, when one step does: the queue is pending work
    /// only for who may take that step (home shows the 督办 no 我的待办). The lights' queues, and any
    /// queue without such a step, are work for everyone who sees complaints.
    public var clearingStep: ComplaintAction? {
        switch self {
        case .mine: .reply
        // Urged work is the unit's to answer (by signing for it, replying …): on its home, not the centre's.
        case .urged: .reply
        case .unsigned: .assign
        case .callback: .callback
        default: nil
        }
    }

    /// The states a complaint of this queue is in; `ComplaintQuery.selection` adds the handler and
    /// the lights' deadline conditions.
    var statuses: [ComplaintStatus] {
        switch self {
        case .urged, .mine, .due, .overdue: ComplaintStatus.allCases.filter(\.isOpen)
        case .unsigned: [.transferred]
        case .callback: [.replied]
        case .closed: [.closed]
        }
    }
}
