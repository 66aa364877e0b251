import Desk
import GongkaiCore
import HTML

/// One complaint as a listing row shows it (the queues, a phone search): pre-formatted text and
/// yes/no values, the names templates/web/complaint-row.mustache and phone-search.mustache use.
struct QueueRow: Sendable {
    let number: String
    let receivedAt: String
    let status: String
    let type: String
    /// The summary cut to what a row has room for (`excerpt`); the complaint's page gives it whole.
    let summary: String
    let category: String
    let channel: String
    let programme: String
    let township: String
    let due: String
    let handler: String
    let signOverdue: Bool
    let urged: Bool
    /// The light's words and CSS class; both empty for a complaint without one (closed, returned,
    /// merged): the cell stays empty, no empty badge.
    let light: String
    let lightClass: String

    init(_ v: some ComplaintListed, today: CivilDate, schedule: ComplaintSchedule) {
        number = v.id; receivedAt = v.receivedAt; status = v.status.rawValue; type = v.type
        summary = Self.excerpt(v.summary); category = v.category; channel = v.channel
        programme = v.programme?.chineseName ?? ""; township = v.township ?? ""; due = v.dueText ?? ""
        handler = v.assignedHandler ?? ""
        signOverdue = v.isSignOverdue(on: today, schedule: schedule); urged = v.urgedOn != nil
        let light = ComplaintPage.light(v, today: today, schedule: schedule)
        self.light = light?.text ?? ""; lightClass = light?.cssClass ?? ""
    }

    /// A summary cut to what a queue row has room for.
    static func excerpt(_ summary: String, limit: Int = 30) -> String {
        summary.count <= limit ? summary : String(summary.prefix(limit)) + "…"
    }

    /// Every name a row template may use.
    static let fields: [String: TypedTemplate<QueueRow>.Field] = [
        "number": .text { $0.number }, "receivedAt": .text { $0.receivedAt }, "status": .text { $0.status }, "type": .text { $0.type },
        "summary": .text { $0.summary }, "category": .text { $0.category }, "channel": .text { $0.channel },
        "programme": .text { $0.programme }, "township": .text { $0.township }, "due": .text { $0.due }, "handler": .text { $0.handler },
        "signOverdue": .flag { $0.signOverdue }, "urged": .flag { $0.urged }, "light": .text { $0.light }, "lightClass": .text { $0.lightClass },
    ]

    /// The row for a template rendered by Mustache (a phone search: a few rows). A complaint without
    /// a light has no light keys, so that `{{#light}}` opens no section.
    var dictionary: [String: Any] {
        var row: [String: Any] = [
            "number": number, "receivedAt": receivedAt, "status": status, "type": type, "summary": summary,
            "category": category, "channel": channel, "programme": programme, "township": township, "due": due,
            "handler": handler, "signOverdue": signOverdue, "urged": urged,
        ]
        if !lightClass.isEmpty { row["light"] = light; row["lightClass"] = lightClass }
        return row
    }
}
