/// Where a complaint stands in the closed loop (docs/domain.md §2b). The raw value is what the database
/// and every listing hold, so the desk, the importer and the statistics agree on one spelling.
public enum ComplaintStatus: String, CaseIterable, Sendable, Codable {
    case registered = "登记"
    case accepted = "受理"
    case transferred = "转办"
    case inProgress = "办理中"
    case replied = "答复"
    case calledBack = "回访"
    case closed = "办结"
    case returned = "退回"
    case redo = "重办"
    case review = "复查"
    /// 合并: a duplicate merged into another complaint, which carries the matter on. Its own
    /// status rather than 办结 with a pointer, so it never counts as concluded, rated or open: the
    /// one matter is concluded once, in the complaint it was merged into.
    case merged = "合并"

    /// Still the office's to finish: counts towards "open" and can become overdue.
    public var isOpen: Bool { self != .closed && self != .returned && self != .merged }
}
