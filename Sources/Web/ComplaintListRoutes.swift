import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird

/// `GET /complaints`: the desk's queues (`queue=mine|unsigned|due|overdue|callback|closed`), the
/// filters (`township`, `programme`, `category`, `type`, `channel`, `from`, `to` — days of receipt),
/// `q` (text in the summary or a reply's note: `ComplaintQuery.search`, never the caller),
/// `sort=received|due|number`, `page`, each complaint with its light; `&format=csv` downloads the
/// whole filtered list (the 督办's `exportComplaints`, audited as an export), `&format=pdf` prints it
/// as a list for a meeting (`ComplaintPrintRoutes.meetingList`, the same rule). A 承办人 sees their own
/// township only. Parameters are in the query string, so a queue can be bookmarked.
enum ComplaintListRoutes {
    static let pageSize = 50
    static let names = ["queue", "q", "township", "programme", "category", "type", "channel", "from", "to", "sort"]

    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/complaints", .anyPermission([.viewComplaints, .viewOwnUnitComplaints]),
                     summary: "the complaint queues with filters, full-text search q, sort, paging and lights; format=csv exports, format=pdf prints a meeting list (exportComplaints, audited)",
                     example: "/complaints?queue=overdue") { request, context in
                if request.uri.queryParameters["format"] == "pdf" {
                    return try await ComplaintPrintRoutes.meetingList(environment, request: request, context: context)
                }
                return try list(environment, request: request, context: context)
            },
        ]
    }

    /// The query of a request, or the sentence saying which parameter is wrong.
    struct Filters {
        var query = ComplaintQuery()
        var values: [String: String] = [:]
        var problem: String?
        var page = 1
        var csv = false

        init(_ parameters: [String: String], account: Account, townships: [String]) {
            func text(_ name: String) -> String? {
                guard let value = parameters[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
                values[name] = String(value.prefix(64))
                return values[name]
            }
            func coded(_ name: String, _ list: [String], _ label: String) -> String? {
                guard let value = text(name) else { return nil }
                if !list.contains(value) { problem = "\(label)只能是：\(list.joined(separator: "、"))" }
                return value
            }
            query.person = account.displayName
            if let queue = text("queue") {
                if let q = ComplaintQueue(rawValue: queue) { query.queue = q } else {
                    problem = "队列只能是：" + ComplaintQueue.allCases.map(\.chinese).joined(separator: "、")
                }
            }
            if (parameters["q"]?.count ?? 0) > 64 { problem = "搜索内容最多 64 字" }
            query.search = text("q")
            query.township = coded("township", townships, "乡镇（街道）")
            if let programme = text("programme") {
                if let p = Programme(parsing: programme) { query.programme = p } else { problem = "项目无法识别：\(programme)" }
            }
            query.category = coded("category", Codelist.complaintCategory, "类别")
            query.type = coded("type", Codelist.complaintType, "类型")
            query.channel = coded("channel", Codelist.complaintChannel, "渠道")
            if let from = text("from") {
                if let day = CivilDate(parsing: from) { query.receivedFrom = day } else { problem = "开始日期应写作 YYYY-MM-DD" }
            }
            if let to = text("to") {
                if let day = CivilDate(parsing: to) { query.receivedThrough = day } else { problem = "结束日期应写作 YYYY-MM-DD" }
            }
            if let sort = text("sort") {
                if let order = ComplaintQuery.Order(rawValue: sort) { query.order = order } else { problem = "排序只能是：收到时间、办结期限或编号" }
            }
            if let pageText = parameters["page"] {
                if let n = Int(pageText), n >= 1, n <= 1_000_000 { page = n } else { problem = "页码应为正整数" }
            }
            csv = parameters["format"] == "csv"
            // A 承办人 who sees only their own unit: their township, whatever was asked.
            if !account.has(.viewComplaints) {
                guard let unit = account.unit else { problem = "您的账号未设置单位，请联系系统管理员"; return }
                if let asked = query.township, asked != unit { problem = "您只能查看本单位（\(unit)）的投诉" }
                query.township = unit
            }
        }

        /// The query string of these filters with `extra` added.
        func link(_ extra: [(String, String)] = []) -> String {
            let items = ComplaintListRoutes.names.compactMap { name in values[name].map { (name, $0) } } + extra
            let text = items.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: AuditRoutes.Filters.unreserved) ?? "")" }
            return "/complaints" + (text.isEmpty ? "" : "?" + text.joined(separator: "&"))
        }
    }

    static func list(_ environment: WebEnvironment, request: Request, context: WebContext) throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        let filters = Filters(AuditRoutes.parameters(request), account: account, townships: environment.schedule.townships.names)
        if filters.csv {
            guard account.has(.exportComplaints) else {
                environment.record(.accessDenied, object: "GET /complaints?format=csv", outcome: .refused, detail: "needs exportComplaints", context: context)
                throw WebError.forbidden
            }
            if let problem = filters.problem { throw WebError(.badRequest, problem) }
            return try csv(environment, filters: filters, context: context)
        }
        var view = pickers(environment, filters: filters, account: account)
        if let problem = filters.problem {
            view["message"] = problem
            return PageLayout.page("complaints", title: "投诉", context: context, environment: environment,
                                   current: "/complaints", status: .badRequest, view)
        }
        let desk = ComplaintRoutes.desk(environment)
        let (total, shown) = try desk.listing(filters.query, page: filters.page, size: pageSize)
        // A number typed into the search box opens that complaint, when the queue and the account's
        // township allow it to be listed at all.
        if let number = filters.query.searchedNumber, total == 1, shown.first?.id == number {
            return .seeOther("/complaints/\(number)")
        }
        let today = environment.clock.today
        let pages = max(1, (total + pageSize - 1) / pageSize)
        view["complaintRows"] = environment.pages.queueRows(shown.map { QueueRow($0, today: today, schedule: environment.schedule) })
        view["summary"] = "共 \(total) 件，第 \(filters.page)/\(pages) 页"
        view["empty"] = total == 0
        if filters.page > 1 { view["previous"] = filters.link([("page", String(filters.page - 1))]) }
        if filters.page < pages { view["next"] = filters.link([("page", String(filters.page + 1))]) }
        if account.has(.exportComplaints) {
            view["csvLink"] = filters.link([("format", "csv")])
            view["pdfLink"] = filters.link([("format", "pdf")])
        }
        return PageLayout.page("complaints", title: filters.query.queue?.chinese ?? "投诉", context: context,
                               environment: environment, current: "/complaints", view)
    }

    /// The queue tabs and the filter form's choices, with the current ones selected.
    static func pickers(_ environment: WebEnvironment, filters: Filters, account: Account) -> [String: Any] {
        func options(_ name: String, _ list: [(String, String)]) -> String {
            environment.pages.options([Choice(value: "", label: "全部", selected: filters.values[name] == nil)]
                + list.map { Choice(value: $0.0, label: $0.1, selected: filters.values[name] == $0.0) })
        }
        func same(_ list: [String]) -> [(String, String)] { list.map { ($0, $0) } }
        var view: [String: Any] = filters.values
        view["tabLinks"] = environment.pages.links([PageLink(path: "/complaints", label: "全部", current: filters.query.queue == nil)]
            + ComplaintQueue.allCases.map { q in
                PageLink(path: "/complaints?queue=\(q.rawValue)", label: q.chinese, current: filters.query.queue == q)
            })
        view["canSearchByPhone"] = ComplaintAccess(account: account).maySearchByPhone
        view["queueOptions"] = options("queue", ComplaintQueue.allCases.map { ($0.rawValue, $0.chinese) })
        let townships = account.has(.viewComplaints) ? environment.schedule.townships.names : [account.unit].compactMap { $0 }
        view["townshipOptions"] = options("township", same(townships))
        view["programmeOptions"] = options("programme", Programme.allCases.map { ($0.code, $0.chineseName) })
        view["categoryOptions"] = options("category", same(Codelist.complaintCategory))
        view["typeOptions"] = options("type", same(Codelist.complaintType))
        view["channelOptions"] = options("channel", same(Codelist.complaintChannel))
        view["sortOptions"] = environment.pages.options([("received", "收到时间（新到旧）"), ("due", "办结期限（近到远）"), ("number", "编号")].map {
            Choice(value: $0.0, label: $0.1, selected: (filters.values["sort"] ?? "received") == $0.0)
        })
        return view
    }

    /// The whole filtered list, without caller identity (the view has none) or summary text, headed
    /// and filled in Chinese as the queue shows it (the programme as its code).
    static func csv(_ environment: WebEnvironment, filters: Filters, context: WebContext) throws -> Response {
        let today = environment.clock.today
        var writer = CSVWriter(header: ["编号", "收到时间", "状态", "类型", "类别", "渠道", "项目代码",
                                        "乡镇（街道）", "办结期限", "灯", "办理单位", "承办人", "督办"])
        for v in try ComplaintRoutes.desk(environment).complaints(filters.query) {
            writer.append([v.id, v.receivedAt, v.status.rawValue, v.type, v.category, v.channel, v.programme?.code ?? "",
                           v.township ?? "", v.dueText ?? "", ComplaintPage.light(v, today: today, schedule: environment.schedule)?.text ?? "",
                           v.assignedUnit ?? "", v.assignedHandler ?? "", v.supervised ? "是" : "否"])
        }
        environment.record(.export, object: filters.link([("format", "csv")]), outcome: .success, detail: "complaints", context: context)
        return Response(status: .ok, headers: [
            .contentType: "text/csv; charset=utf-8",
            .contentDisposition: "attachment; filename=\"complaints.csv\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: writer.utf8WithBOM)))
    }
}
