/// Who takes a step at the desk, and how the desk knows it is them.
///
/// A name typed on the command line (`--handler`, `$GONGKAI_HANDLER`, the login name) is only a
/// claim, so it must be a `[[handler]]` in templates/desk.toml. An account signed in to
/// `gongkai serve` has proved who it is with its password; its display name goes into the history
/// as is, whether or not desk.toml lists it. The system itself (the automatic 督办 of
/// `superviseOverdue`) records its steps as 系统. A complaint submitted on the public channel is
/// registered by 网上群众 (the citizen, unnamed: their identity is sealed like a caller's).
public enum DeskActor: Sendable, Equatable {
    case handler(String)
    case account(String)
    case system
    case citizen

    /// The name the complaint's history records.
    public var name: String {
        switch self {
        case let .handler(name), let .account(name): name
        case .system: "系统"
        case .citizen: "网上群众"
        }
    }
}
