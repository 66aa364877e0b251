/// A link in a list of links — the menu of every page's header, the queue page's tabs, home's list of
/// pages — rendered with templates/web/nav-link.mustache as a `TypedTemplate`: with the pages'
/// rows typed, Mustache's lookups for these lists were the largest part left of a session page's
/// time (issue 28: 18% of home's samples).
struct PageLink: Sendable {
    let path: String
    let label: String
    /// The page shown now (`aria-current`).
    let current: Bool

    /// Every name a link template may use.
    static let fields: [String: TypedTemplate<PageLink>.Field] = [
        "path": .text { $0.path }, "label": .text { $0.label }, "current": .flag { $0.current },
    ]
}

/// One entry of home's pending work: a queue, its count, a link to it.
struct WorkItem: Sendable {
    let label: String
    let count: String
    let path: String
    /// The queue holds something (shown stronger).
    let some: Bool

    /// Every name a work item template may use.
    static let fields: [String: TypedTemplate<WorkItem>.Field] = [
        "label": .text { $0.label }, "count": .text { $0.count }, "path": .text { $0.path }, "some": .flag { $0.some },
    ]
}
