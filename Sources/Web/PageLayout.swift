import Accounts
import Hummingbird

/// The keys every page's header and footer read (templates/web/header.mustache): the title, the
/// signed-in user, the links their roles allow, and the CSRF token of the logout form.
struct PageLayout {
    /// The navigation links, in order, each shown only to whom its access allows.
    static let links: [(path: String, label: String, access: RouteAccess)] = [
        ("/", "首页", .signedIn),
        ("/dashboard", "工作台", .permission(.viewDashboard)),
        ("/complaints/new", "登记投诉", .permission(.recordComplaint)),
        ("/complaints", "投诉", .anyPermission([.viewComplaints, .viewOwnUnitComplaints])),
        ("/publications/", "已公布的月份", .permission(.viewPublications)),
        ("/audit", "审计日志", .permission(.readAuditLog)),
        ("/policy", "安全策略与解锁", .permission(.manageSecurityPolicy)),
        ("/users", "用户管理", .permission(.manageUsers)),
        ("/users/approvals", "授权审批", .permission(.approveRoles)),
        ("/password", "修改密码", .signedIn),
    ]

    /// `view` with the layout's keys added.
    static func view(title: String, context: WebContext, current: String, pages: PageRenderer, _ view: [String: Any] = [:]) -> [String: Any] {
        var view = view
        view["title"] = title
        view["csrfToken"] = context.csrfToken ?? ""
        if let account = context.identity {
            view["signedIn"] = true
            view["userName"] = account.displayName
            view["userLogin"] = account.login
            view["userRoles"] = account.roles.sorted().map(\.rawValue).joined(separator: "、")
            view["navLinks"] = pages.links(links.filter { $0.access.allows(account) }.map {
                PageLink(path: $0.path, label: $0.label, current: $0.path == current)
            })
        }
        return view
    }

    /// A whole page response.
    static func page(_ template: String, title: String, context: WebContext, environment: WebEnvironment,
                     current: String, status: HTTPResponse.Status = .ok, _ values: [String: Any] = [:]) -> Response {
        .html(environment.pages.render(template, view(title: title, context: context, current: current, pages: environment.pages, values)), status: status)
    }
}
