import Hummingbird

/// Renders every refusal and failure as a page (templates/web/error.mustache) with its status.
/// `WebError` shows its own sentence; Hummingbird's errors (an unknown path, a body too large) show
/// the sentence for their status; anything else is logged and shown as a plain 500, never with its
/// details (they may name files or SQL).
public struct ErrorPageMiddleware: RouterMiddleware {
    public typealias Context = WebContext

    let pages: PageRenderer
    /// The page template: "error" on the staff listener, "public-error" on the public one (which
    /// links no staff page or stylesheet).
    let template: String

    public init(pages: PageRenderer, template: String = "error") { self.pages = pages; self.template = template }

    public func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as WebError {
            return Self.render(error, pages: pages, template: template)
        } catch let error as any HTTPResponseError {
            return Self.render(WebError(error.status, Self.sentence(for: error.status)), pages: pages, template: template)
        } catch {
            context.logger.error("request failed", metadata: ["path": .string(request.uri.path), "error": .string("\(error)")])
            return Self.render(WebError(.internalServerError, Self.sentence(for: .internalServerError)), pages: pages, template: template)
        }
    }

    static func render(_ error: WebError, pages: PageRenderer, template: String = "error") -> Response {
        let html = pages.render(template, [
            "title": "\(error.status.code) \(Self.title(for: error.status))",
            "message": error.message,
        ])
        return Response.html(html, status: error.status)
    }

    static func title(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 400: "请求有误"
        case 401: "未登录"
        case 403: "无权访问"
        case 404: "未找到"
        case 405: "方法不允许"
        case 413: "内容过大"
        case 429: "请求过多"
        default: status.code >= 500 ? "服务器错误" : "请求未完成"
        }
    }

    static func sentence(for status: HTTPResponse.Status) -> String {
        switch status.code {
        case 404: WebError.notFound.message
        case 401: WebError.unauthorized.message
        case 403: WebError.forbidden.message
        case 413: "提交的内容过大。"
        case 500...: "服务器内部错误，请稍后再试；如反复出现，请联系系统管理员查看日志。"
        default: WebError.badRequest.message
        }
    }
}
