import Hummingbird

/// A request the server refuses, with the status and the sentence the user reads (Chinese, like
/// every page). `ErrorPageMiddleware` renders it as a page; nothing in it comes from the request.
public struct WebError: Error, Sendable, Equatable {
    public let status: HTTPResponse.Status
    public let message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public static let csrf = WebError(.forbidden, "请求被拒绝：表单已过期，或来自其他网站。请返回上一页，刷新后重新提交。")
    public static let forbidden = WebError(.forbidden, "您的角色无权访问此页面。如确需访问，请联系系统管理员调整角色。")
    public static let unauthorized = WebError(.unauthorized, "请先登录。")
    public static let notFound = WebError(.notFound, "页面不存在。")
    public static let mustChangePassword = WebError(.forbidden, "请先修改密码，再进行其他操作。")
    public static let badRequest = WebError(.badRequest, "请求无法处理：请检查填写的内容。")
}
