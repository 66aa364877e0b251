import Hummingbird

/// One route of the web application: its method, path, who may use it, and its handler.
///
/// `WebApplication` registers routes only from `[WebRoute]`, and only after `RouteGuard` has checked
/// the declared access, so a route cannot exist without its declaration. `example` is a concrete
/// path for the route × role test walk (same as `path` unless the path has a parameter).
public struct WebRoute: Sendable {
    public let method: HTTPRequest.Method
    public let path: String
    public let access: RouteAccess
    /// What the route is for, one line in English (docs/roles.md).
    public let summary: String
    public let example: String
    /// A page a browser navigates to (a refusal redirects to /login) rather than a form post or a
    /// download (a refusal is a status).
    public let isPage: Bool
    let handler: @Sendable (Request, WebContext) async throws -> Response

    public init(_ method: HTTPRequest.Method, _ path: String, _ access: RouteAccess, summary: String,
                example: String? = nil, isPage: Bool? = nil,
                handler: @escaping @Sendable (Request, WebContext) async throws -> Response) {
        self.method = method
        self.path = path
        self.access = access
        self.summary = summary
        self.example = example ?? path
        self.isPage = isPage ?? (method == .get)
        self.handler = handler
    }
}
