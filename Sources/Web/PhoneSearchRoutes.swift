import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird

/// `GET /complaints/by-phone` (the form) and `POST /complaints/by-phone` (`phone`, `reason`,
/// `csrf_token`): every complaint from one caller, found through the phone's keyed digest
/// (`ComplaintDesk.complaints(callerPhone:reason:by:)`), for the 督办 only. The phone travels in the
/// body, never in an address a log or the browser's history keeps, and is never echoed back; the
/// audit log records the reason and the number of complaints found, never the phone.
enum PhoneSearchRoutes {
    static let route = "/complaints/by-phone"

    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, route, .allPermissions([.revealCallerIdentity, .viewComplaints]),
                     summary: "the form to find a caller's complaints by phone (督办; reason required)",
                     example: route) { _, context in
                try page(environment, context: context)
            },
            WebRoute(.post, route, .allPermissions([.revealCallerIdentity, .viewComplaints]),
                     summary: "a caller's complaints found by the phone's keyed digest (phone, reason, csrf_token); audited with the reason, never the phone",
                     example: route) { request, context in
                try await search(environment, request: request, context: context)
            },
        ]
    }

    static func page(_ environment: WebEnvironment, context: WebContext, status: HTTPResponse.Status = .ok,
                     _ values: [String: Any] = [:]) throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        guard ComplaintAccess(account: account).maySearchByPhone else {
            environment.record(.callerPhoneSearch, outcome: .refused, detail: "not a role that may search by phone", context: context)
            throw WebError.forbidden
        }
        return PageLayout.page("phone-search", title: "按来电人电话查找", context: context, environment: environment,
                               current: "/complaints", status: status, values)
    }

    static func search(_ environment: WebEnvironment, request: Request, context: WebContext) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        var request = request
        let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
        let reason = String((form.trimmed("reason") ?? "").prefix(200))
        guard let identity = environment.identity else {
            return try page(environment, context: context, status: .serviceUnavailable,
                            ["message": "服务器未配置来电人身份密钥，无法按电话查找。", "reason": reason])
        }
        let desk = ComplaintDesk(store: environment.store, schedule: environment.schedule, clock: environment.clock, identity: identity)
        do {
            let found = try desk.complaints(callerPhone: form.trimmed("phone") ?? "", reason: reason, by: .account(account))
            environment.record(.callerPhoneSearch, object: "\(found.count)", outcome: .success, detail: reason, context: context)
            let today = environment.clock.today
            return try page(environment, context: context, [
                "searched": true, "reason": reason, "count": String(found.count), "empty": found.isEmpty,
                "complaints": found.map { QueueRow($0, today: today, schedule: environment.schedule).dictionary },
            ])
        } catch let refusal as DeskError {
            if case .notPermitted = refusal {
                environment.record(.callerPhoneSearch, outcome: .refused, detail: "\(refusal)", context: context)
                throw WebError.forbidden
            }
            environment.record(.callerPhoneSearch, outcome: .failure, detail: "\(refusal)", context: context)
            return try page(environment, context: context, status: .badRequest,
                            ["message": ComplaintStepLabel.refusal(refusal), "reason": reason])
        }
    }
}
