import Accounts
import Foundation
import Hummingbird
import Store

/// The public listener's door: every request's client address becomes its keyed digest (the
/// `--trusted-proxy` rule of the staff listener, `SessionGateMiddleware.clientAddress`), and every
/// form post is checked before anything reads its body — its declared size (16 KB at most), its
/// Origin (else Referer: this site's, as on the staff listener), and the per-address limits of
/// templates/security.toml `[public]` (submissions and enquiries an hour; 429 with Retry-After).
/// Every refusal is audited (kind, route, address digest). The abuse limits live here, in one place.
struct PublicGateMiddleware: RouterMiddleware {
    typealias Context = WebContext

    let channel: PublicChannel

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        let environment = channel.environment
        context.clientAddress = channel.addressDigest(SessionGateMiddleware.clientAddress(
            request, peer: context.peerAddress, trustedProxies: environment.configuration.trustedProxies))
        guard CSRFTokenCheck.changesState(request) else { return try await next(request, context) }
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > PublicChannel.maximumBody {
            channel.refuse(request, context, kind: "body of \(length) bytes over \(PublicChannel.maximumBody)")
            throw WebError(.contentTooLarge, "提交的内容过大（超过 16 KB），请精简后再提交。")
        }
        guard CSRFMiddleware.originIsOurs(request, secure: environment.configuration.secureCookies) else {
            channel.refuse(request, context, kind: "another site's Origin or Referer")
            throw WebError(.forbidden, "请求被拒绝：表单来自其他网站。请直接打开本站的页面填写。")
        }
        if let (kind, limit) = limit(for: request.uri.path) {
            let now = environment.clock.now()
            let hourAgo = now.addingTimeInterval(-3600)
            let counted = try environment.store.countPublicHit(kind, subject: context.clientAddress, at: UTCTimestamp.text(now),
                                                              after: UTCTimestamp.text(hourAgo), limit: limit,
                                                              forgetBefore: UTCTimestamp.text(hourAgo))
            if !counted.admitted {
                let age = counted.oldest.flatMap(UTCTimestamp.date).map { now.timeIntervalSince($0) } ?? 0
                let wait = max(1, Int((3600 - age).rounded(.up)))
                channel.refuse(request, context, kind: "over \(limit) \(kind.rawValue)s an hour from this address: wait \(wait) s",
                               action: .publicThrottled)
                var page = channel.page("public-error", title: "429 请求过多", status: .tooManyRequests, [
                    "message": kind == .submission
                        ? "同一网络本小时提交次数已达上限（\(limit) 次），请约 \(Self.minutes(wait)) 分钟后再提交，或拨打热线 \(channel.office.hotline)。"
                        : "同一网络本小时查询次数已达上限（\(limit) 次），请约 \(Self.minutes(wait)) 分钟后再查询，或拨打热线 \(channel.office.hotline)。",
                ])
                page.headers[.retryAfter] = String(wait)
                return page
            }
        }
        return try await next(request, context)
    }

    /// What a form post counts toward, and the hourly limit; nil for any other path (a 404).
    func limit(for path: String) -> (StoreDatabase.PublicHitKind, Int)? {
        switch path {
        case "/submit": (.submission, channel.limits.submissionsPerHour)
        case "/progress", "/rate": (.enquiry, channel.limits.enquiriesPerHour)
        default: nil
        }
    }

    /// Seconds as whole minutes, at least 1, for a sentence.
    static func minutes(_ seconds: Int) -> Int { max(1, (seconds + 59) / 60) }
}
