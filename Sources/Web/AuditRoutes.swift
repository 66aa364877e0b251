import Accounts
import Foundation
import GongkaiCore
import Hummingbird

/// `GET /audit` (filters, paging) and `GET /audit.csv` (the filtered records as CSV), for the
/// 审计管理员 only. Filters are query parameters, so a filtered view can be bookmarked:
/// `from`, `to` (YYYY-MM-DD, Beijing days, both included), `actor`, `action`, `outcome`, `page`.
enum AuditRoutes {
    static let pageSize = 50

    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/audit", .permission(.readAuditLog), summary: "the audit log: filter by time, actor, action, outcome; paged") { request, context in
                try page(environment, request: request, context: context)
            },
            WebRoute(.get, "/audit.csv", .permission(.exportAuditLog), summary: "the filtered audit log as CSV (UTF-8 with BOM); the export is audited", isPage: false) { request, context in
                try csv(environment, request: request, context: context)
            },
        ]
    }

    /// The filters of a request, or the sentence saying which one is wrong.
    struct Filters {
        var query = AuditQuery(limit: AuditRoutes.pageSize)
        var values: [String: String] = [:]
        var problem: String?
        var page = 1

        init(_ parameters: [String: String]) {
            func text(_ name: String) -> String? {
                guard let value = parameters[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
                values[name] = String(value.prefix(128))
                return String(value.prefix(128))
            }
            if let from = text("from") {
                if let day = CivilDate(parsing: from) { query.since = Self.start(of: day) } else { problem = "开始日期应写作 YYYY-MM-DD，如 2026-11-05" }
            }
            if let to = text("to") {
                if let day = CivilDate(parsing: to) { query.until = Self.start(of: day.adding(days: 1)) } else { problem = "结束日期应写作 YYYY-MM-DD，如 2026-11-05" }
            }
            query.actor = text("actor")
            if let action = text("action") { query.action = AuditAction(action) }
            if let outcome = text("outcome") {
                if let value = AuditOutcome(rawValue: outcome) { query.outcome = value } else { problem = "结果只能是：成功、失败或拒绝" }
            }
            if let pageText = text("page") {
                if let n = Int(pageText), n >= 1, n <= 1_000_000 { page = n } else { problem = "页码应为正整数" }
            }
            query.offset = (page - 1) * AuditRoutes.pageSize
        }

        /// Characters left as they are in a query value (RFC 3986 unreserved).
        static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

        /// Midnight in Beijing of `day`.
        static func start(of day: CivilDate) -> Date {
            Date(timeIntervalSince1970: TimeInterval(day.dayNumber * 86400 - ChinaTime.offsetSeconds))
        }

        /// The query string of these filters with `page` replaced.
        func link(page: Int) -> String {
            var items = ["from", "to", "actor", "action", "outcome"].compactMap { name in
                values[name].map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "")" }
            }
            items.append("page=\(page)")
            return "/audit?" + items.joined(separator: "&")
        }

        var csvLink: String {
            let items = ["from", "to", "actor", "action", "outcome"].compactMap { name in
                values[name].map { "\(name)=\($0.addingPercentEncoding(withAllowedCharacters: Self.unreserved) ?? "")" }
            }
            return "/audit.csv" + (items.isEmpty ? "" : "?" + items.joined(separator: "&"))
        }
    }

    static func parameters(_ request: Request) -> [String: String] {
        var result: [String: String] = [:]
        for (name, value) in request.uri.queryParameters where result[String(name)] == nil {
            result[String(name)] = String(value)
        }
        return result
    }

    static func page(_ environment: WebEnvironment, request: Request, context: WebContext) throws -> Response {
        let filters = Filters(parameters(request))
        var view: [String: Any] = filters.values
        view["outcomes"] = [("", "全部"), ("success", "成功"), ("failure", "失败"), ("refused", "拒绝")].map {
            ["value": $0.0, "label": $0.1, "selected": filters.values["outcome"] == $0.0 || (filters.values["outcome"] == nil && $0.0.isEmpty)] as [String: Any]
        }
        if let problem = filters.problem {
            view["message"] = problem
            return PageLayout.page("audit", title: "审计日志", context: context, environment: environment, current: "/audit", status: .badRequest, view)
        }
        let total = try environment.audit.count(filters.query)
        let entries = try environment.audit.entries(filters.query)
        view["entries"] = entries.map { entry -> [String: Any] in
            [
                "id": String(entry.id),
                "time": beijingTime(entry.time),
                "actor": entry.actor.isEmpty ? "（未知）" : entry.actor,
                "source": entry.source, "action": entry.action, "object": entry.object,
                "outcome": outcomeLabel(entry.outcome), "detail": entry.detail,
            ]
        }
        let pages = max(1, (total + pageSize - 1) / pageSize)
        view["summary"] = "共 \(total) 条，第 \(filters.page)/\(pages) 页"
        if filters.page > 1 { view["previous"] = filters.link(page: filters.page - 1) }
        if filters.page < pages { view["next"] = filters.link(page: filters.page + 1) }
        view["empty"] = entries.isEmpty
        if context.identity?.has(.exportAuditLog) == true { view["csvLink"] = filters.csvLink }
        return PageLayout.page("audit", title: "审计日志", context: context, environment: environment, current: "/audit", view)
    }

    static func csv(_ environment: WebEnvironment, request: Request, context: WebContext) throws -> Response {
        var filters = Filters(parameters(request))
        if let problem = filters.problem { throw WebError(.badRequest, problem) }
        filters.query.limit = AuditQuery.maximumLimit
        filters.query.offset = 0
        filters.query.oldestFirst = true
        let writer = try environment.audit.csv(filters.query)
        environment.record(.auditExport, object: filters.csvLink, outcome: .success, context: context)
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"audit-log.csv\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: writer.utf8WithBOM)))
    }

    /// A stored UTC time ("2026-11-05T01:30:00Z") as Beijing time ("2026-11-05 09:30:00").
    static func beijingTime(_ utc: String) -> String {
        guard let date = ChinaTime.parseTimestamp(utc) else { return utc }
        let seconds = Int(date.timeIntervalSince1970.rounded(.down)) % 60
        return ChinaTime.minuteText(of: date) + (seconds < 10 ? ":0\(seconds)" : ":\(seconds)")
    }

    static func outcomeLabel(_ outcome: String) -> String {
        switch outcome {
        case "success": "成功"
        case "failure": "失败"
        case "refused": "拒绝"
        default: outcome
        }
    }
}
