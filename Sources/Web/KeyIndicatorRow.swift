/// One key indicator as a row of the dashboard's table (templates/web/indicator-row.mustache,
/// compiled against these fields as a `TypedTemplate`): pre-formatted text, and its 13-month
/// sparkline as the SVG's coordinates, which the template writes into markup (escaped).
struct KeyIndicatorRow: Sendable {
    /// The row's id in the page, for the sparkline's `aria-labelledby`.
    let id: String
    let name: String
    let value: String
    let target: String
    /// The status's class (its colour in gongkai.css) and its words.
    let statusClass: String
    let statusLabel: String
    /// Every month's value in words, the sparkline's description.
    let sparkText: String
    /// The height of the target's line in the sparkline; empty without a target (no line).
    let targetY: String
    /// Each unbroken run of months, as SVG `polyline` points.
    let segments: [Segment]
    /// Every month with a figure, a dot each.
    let dots: [Dot]

    struct Segment: Sendable {
        let points: String
        static let fields: [String: TypedTemplate<Segment>.Field] = ["points": .text { $0.points }]
    }

    struct Dot: Sendable {
        let x: String
        let y: String
        static let fields: [String: TypedTemplate<Dot>.Field] = ["x": .text { $0.x }, "y": .text { $0.y }]
    }

    /// Every name the row template may use.
    static let fields: [String: TypedTemplate<KeyIndicatorRow>.Field] = [
        "id": .text { $0.id }, "name": .text { $0.name }, "value": .text { $0.value }, "target": .text { $0.target },
        "statusClass": .text { $0.statusClass }, "statusLabel": .text { $0.statusLabel }, "sparkText": .text { $0.sparkText },
        "targetY": .text { $0.targetY },
        "segments": .list({ $0.segments }, Segment.fields), "dots": .list({ $0.dots }, Dot.fields),
    ]
}
