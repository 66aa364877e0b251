import Accounts
import Foundation
import Hummingbird

/// `GET /` (what the user's roles allow), `GET /healthz` and the stylesheet.
enum HomeRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        let stylesheet = ByteBuffer(string: environment.pages.stylesheet)
        return [
            WebRoute(.get, "/", .signedIn, summary: "home: the user's roles and what they allow") { request, context in
                home(environment, request: request, context: context)
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

    static func home(_ environment: WebEnvironment, request: Request, context: WebContext) -> Response {
        guard let account = context.identity else { return .seeOther("/login") }
        let allowed = Permission.allCases.filter { account.has($0) }.map { PermissionLabel.chinese($0) }
        let links = PageLayout.links.filter { $0.path != "/" && $0.access.allows(account) }.map { ["path": $0.path, "label": $0.label] }
        var view: [String: Any] = ["permissions": allowed, "links": links]
        if request.uri.queryParameters["password"] == "changed" { view["notice"] = "密码已修改。" }
        return PageLayout.page("home", title: "首页", context: context, environment: environment, current: "/", view)
    }
}
