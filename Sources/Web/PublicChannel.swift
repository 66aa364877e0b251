import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import Publish

extension AuditAction {
    /// A request the public listener refused (object: method and path; detail: the kind — a foreign
    /// Origin, a body too large, the honeypot, a form too fast, a missing, forged, expired or reused
    /// token, a wrong PIN). The actor's source is a keyed digest of the client address.
    static let publicRefused = AuditAction("public.refused")
    /// A client address over a public limit (HTTP 429; detail: which limit and the wait).
    static let publicThrottled = AuditAction("public.throttled")
    /// A complaint number whose enquiry locked after too many wrong PINs (object: the number as typed).
    static let publicPINLock = AuditAction("public.pinLock")
    /// A caller's own evaluation recorded (object: the complaint number; never the PIN or the comment).
    static let publicRating = AuditAction("public.rating")
    /// A successful progress enquiry (object: the complaint number).
    static let publicEnquiry = AuditAction("public.enquiry")
}

/// What the public listener (群众反馈渠道, `gongkai serve --public-listen`) works with: the staff
/// application's environment (the same store, desk rules, templates and audit log), the office's
/// published contact details, the per-address digest and the stopwatch of form ages.
///
/// Client addresses are never stored: the audit log and the abuse counters hold a keyed digest
/// (`CallerIdentityCipher.clientAddressDigest`, stable across restarts; without the key, a digest
/// under the process's own key).
struct PublicChannel: Sendable {
    let environment: WebEnvironment
    let office: OfficeSettings
    /// Elapsed time for form ages and token lifetimes: the wall clock, not the desk's (GONGKAI_NOW
    /// fixes the desk's date in tests and demonstrations, while a form still takes seconds to fill).
    let stopwatch: Clock

    /// A body over this is refused before it is read (a complaint's form is well under 4 KB).
    static let maximumBody = 16 * 1024
    /// The longest 诉求 a citizen may write, in characters.
    static let maximumSummary = 500
    /// The longest comment with a rating, and the longest name, in characters.
    static let maximumComment = 500
    static let maximumName = 40

    init(environment: WebEnvironment, stopwatch: Clock = .system) throws {
        self.environment = environment
        self.stopwatch = stopwatch
        do {
            office = try OfficeSettings.load(templates: environment.configuration.templatesDirectory)
        } catch {
            throw WebSetupError("the public channel needs templates/office.toml (the hotline and the petition address): \(error)")
        }
    }

    var limits: PublicChannelLimits { environment.policy.publicChannel }

    var desk: ComplaintDesk {
        ComplaintDesk(store: environment.store, schedule: environment.schedule, clock: environment.clock, identity: environment.identity)
    }

    /// What the audit log and the counters hold for a client address.
    func addressDigest(_ address: String) -> String {
        "网上:" + (environment.identity?.clientAddressDigest(address) ?? environment.csrf.processDigest(address))
    }

    /// Audits a refusal on the public listener: the kind, the route, the address digest (in the context).
    func refuse(_ request: Request, _ context: WebContext, kind: String, action: AuditAction = .publicRefused,
                outcome: AuditOutcome = .refused) {
        context.logger.notice("public channel: refused", metadata: ["path": .string(request.uri.path), "kind": .string(kind)])
        environment.record(action, object: "\(request.method) \(request.uri.path)", outcome: outcome, detail: kind, context: context)
    }

    /// Whole seconds of the stopwatch.
    var stopwatchSeconds: Int64 { Int64(stopwatch.now().timeIntervalSince1970.rounded(.down)) }

    /// A new token for a public form, issued now.
    func newFormToken() -> String { environment.csrf.newPublicFormToken(issued: stopwatchSeconds) }

    /// Why a public form's token was refused; the raw value is the audit record's kind.
    enum TokenRefusal: String {
        case missing = "missing token", forged = "forged token", tooFast = "form posted too fast"
        case expired = "expired token", reused = "reused token"
    }

    /// Why a public form's token is refused, or nil when it is accepted — and then used: the same
    /// token is refused the next time.
    func useFormToken(_ token: String?) throws -> TokenRefusal? {
        guard let token, !token.isEmpty else { return .missing }
        guard let (issued, nonce) = environment.csrf.publicFormToken(token) else { return .forged }
        let now = stopwatchSeconds
        if now - issued < Int64(limits.minimumFormSeconds) { return .tooFast }
        if Double(now - issued) > PublicChannelLimits.formLifetimeSeconds { return .expired }
        let forget = UTCTimestamp.text(Date(timeIntervalSince1970: TimeInterval(now) - PublicChannelLimits.formLifetimeSeconds))
        let fresh = try environment.store.usePublicFormToken(nonce, at: UTCTimestamp.text(Date(timeIntervalSince1970: TimeInterval(now))),
                                                              forgetBefore: forget)
        return fresh ? nil : .reused
    }

    /// A public page: the layout's keys (title, the office, the hotline) and `view`. Like every
    /// answer without its own Cache-Control, it is `no-store` (SecurityHeadersMiddleware): a number
    /// and PIN must not stay in a shared phone's cache.
    func page(_ template: String, title: String, status: HTTPResponse.Status = .ok, _ view: [String: Any] = [:]) -> Response {
        var values = view
        values["title"] = title
        values["office"] = office.name
        values["hotline"] = office.hotline
        return .html(environment.pages.render(template, values), status: status)
    }
}
