import Accounts
import Desk
import Foundation
import Hummingbird

/// `GET /` (the user's pending work, or what an administrator's role allows), `GET /healthz` and
/// the stylesheet.
enum HomeRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        let stylesheet = ByteBuffer(string: environment.pages.stylesheet)
        return [
            WebRoute(.get, "/", .signedIn, summary: "home: the user's pending work (a count per queue, linked) or what their role allows") { request, context in
                try home(environment, request: request, context: context)
            },
            WebRoute(.get, "/healthz", .anyone, summary: "health check for monitoring (200 ok when the database answers)", isPage: false) { _, _ in
                _ = try environment.store.webSessionCount()
                return Response(status: .ok, headers: [.contentType: "text/plain; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: "ok\n")))
            },
            WebRoute(.get, "/static/gongkai.css", .anyone, summary: "the stylesheet", isPage: false) { _, _ in
                Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "public, max-age=3600"],
                         body: .init(byteBuffer: stylesheet))
            },
        ]
    }

    static func home(_ environment: WebEnvironment, request: Request, context: WebContext) throws -> Response {
        guard let account = context.identity else { return .seeOther("/login") }
        let links = PageLayout.links.filter { $0.path != "/" && $0.access.allows(account) }
            .map { PageLink(path: $0.path, label: $0.label, current: false) }
        var view: [String: Any] = ["pageLinks": environment.pages.links(links)]
        let queues = ComplaintAccess(account: account).pendingQueues
        if queues.isEmpty {
            view["permissions"] = Permission.allCases.filter { account.has($0) }.map { PermissionLabel.chinese($0) }
            view["hasPermissions"] = true
        } else if !account.has(.viewComplaints) && account.unit == nil {
            view["message"] = "您的账号未设置单位，请联系系统管理员。"
        } else {
            // A 承办人's counts are their own unit's, as their queues are (`ComplaintListRoutes.Filters`).
            let township = account.has(.viewComplaints) ? nil : account.unit
            let counts = try workCounts(environment, queues: queues, person: account.displayName, township: township)
            view["workItems"] = environment.pages.workItems(zip(queues, counts).map { queue, count in
                WorkItem(label: queue.chinese, count: String(count), path: "/complaints?queue=\(queue.rawValue)", some: count > 0)
            })
            view["hasWork"] = true
            if let unit = account.unit, !account.has(.viewComplaints) { view["scope"] = "本单位：\(unit)" }
        }
        if request.uri.queryParameters["password"] == "changed" { view["notice"] = "密码已修改。" }
        return PageLayout.page("home", title: "首页", context: context, environment: environment, current: "/", view)
    }

    /// How many complaints each of `queues` holds for `person` (in `township`, when their counts are
    /// a unit's), kept per state of the desk and day (`KeptFigures`): counting the whole desk's open
    /// complaints on every load was most of home's time at 100,000 complaints (issue 28), and home
    /// is the page every user opens. A desk step or an import changes the data version, and so the
    /// counts on the next load; a new day changes which complaints are red or yellow.
    static func workCounts(_ environment: WebEnvironment, queues: [ComplaintQueue], person: String, township: String?) throws -> [Int] {
        let name = ([person, township ?? ""] + queues.map(\.rawValue)).joined(separator: "\u{1F}")
        let key = "\(environment.clock.today) \(try environment.store.dataVersion())"
        return try environment.workCounts.value(name, key: key) {
            let desk = ComplaintRoutes.desk(environment)
            return try queues.map { queue in
                var query = ComplaintQuery()
                query.queue = queue
                query.person = person
                query.township = township
                return try desk.count(query)
            }
        }
    }
}
