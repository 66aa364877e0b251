import Accounts

/// Who takes a step at the desk: an account — signed in to `gongkai serve`, or named on the command
/// line with `--as LOGIN` (`$GONGKAI_USER`) by someone who runs gongkai on the server — or the system
/// itself (the automatic 督办 of `superviseOverdue`, deadlines settled by `settleDeadlines`).
///
/// An account acts under `ComplaintAccess`, the same rules whichever front end it came through; its
/// display name goes into the history. The system records its steps as 系统. A complaint submitted on
/// the public channel is registered by 网上群众 (the citizen, unnamed: their identity is sealed like a
/// caller's); the citizen takes no other step.
public enum DeskActor: Sendable, Equatable {
    case account(Account)
    case system
    case citizen

    /// The name the complaint's history records.
    public var name: String {
        switch self {
        case let .account(account): account.displayName
        case .system: "系统"
        case .citizen: "网上群众"
        }
    }

    /// The login for logs and audit records; 系统 for the system.
    public var login: String {
        switch self {
        case let .account(account): account.login
        case .system: "系统"
        case .citizen: "网上群众"
        }
    }

    /// The account's policy; nil for the system, which is bound by the workflow only.
    public var access: ComplaintAccess? {
        switch self {
        case let .account(account): ComplaintAccess(account: account)
        case .system, .citizen: nil
        }
    }

    /// The acting account's id, recorded where a later rule needs to know who it was (the reply,
    /// so that the same account cannot call back on it).
    var accountId: Int64? {
        switch self {
        case let .account(account): account.id
        case .system, .citizen: nil
        }
    }
}
