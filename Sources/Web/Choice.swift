import HTML

/// One choice of a filter form's list (`<option>`), rendered with templates/web/option.mustache as
/// a `TypedTemplate`: the queue page's seven lists hold some seventy, and Mustache's lookups for
/// them were the largest part of the page's time once its rows were typed (issue 28).
struct Choice: Sendable {
    let value: String
    let label: String
    let selected: Bool

    /// Every name an option template may use.
    static let fields: [String: TypedTemplate<Choice>.Field] = [
        "value": .text { $0.value }, "label": .text { $0.label }, "selected": .flag { $0.selected },
    ]
}
