import Accounts
import Desk
import Document
import Foundation
import GongkaiCore
import Hummingbird
import NIOPosix
import PDF
import Publish
import Typeset

/// The desk's print-ready PDFs (`ComplaintPrintout`, rendered by the publications' `PDFRenderer`):
///
/// - `GET /complaints/{number}/print`: the page offering the 交办单, and to whoever may reveal the
///   caller (`ComplaintAccess.mayReveal`), a form to print it with the caller after typing a reason.
/// - `GET /complaints/{number}/jiaobandan.pdf`: the 交办单 without the caller (来电人：不显示).
/// - `POST /complaints/{number}/jiaobandan.pdf` (`reason`, `csrf_token`): the 交办单 with the caller;
///   the reveal goes into the complaint's history (the desk's own reveal) and the audit log as an
///   `export` with the reason. Refusals are audited too.
/// - `GET /complaints?…&format=pdf`: the filtered queue as a list for a meeting (the 督办's
///   `exportComplaints`, like the CSV), never with a caller or a summary.
///
/// Every download is audited as an `export`. Laying out and drawing a PDF takes the CPU for a while,
/// so it runs on the thread pool, never on the event loop that answers the other requests.
enum ComplaintPrintRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        let viewers = RouteAccess.anyPermission([.viewComplaints, .viewOwnUnitComplaints])
        return [
            WebRoute(.get, "/complaints/{number}/print", viewers,
                     summary: "print a complaint's 交办单: without the caller, or with it after a typed reason (if the role may reveal)",
                     example: "/complaints/TS-202610-0001/print") { _, context in
                try printPage(environment, context: context)
            },
            WebRoute(.get, "/complaints/{number}/jiaobandan.pdf", viewers,
                     summary: "a complaint's 交办单 as PDF: every field, deadline, history; caller not shown; audited",
                     example: "/complaints/TS-202610-0001/jiaobandan.pdf", isPage: false) { _, context in
                try await jiaobandan(environment, context: context, reason: nil)
            },
            WebRoute(.post, "/complaints/{number}/jiaobandan.pdf", .permission(.revealCallerIdentity),
                     summary: "the 交办单 with the caller's identity, for who may reveal it, with the reason typed (reason, csrf_token); audited",
                     example: "/complaints/TS-202610-0001/jiaobandan.pdf") { request, context in
                var request = request
                let form = FormFields(String(buffer: try await request.collectBody(upTo: context.maxUploadSize)))
                guard let reason = form.trimmed("reason") else {
                    return try printPage(environment, context: context, message: "请填写打印来电人身份的原因（将被记录）", status: .badRequest)
                }
                guard reason.count <= ComplaintRoutes.maximumText else {
                    return try printPage(environment, context: context, message: "原因过长（最多 \(ComplaintRoutes.maximumText) 字）。", status: .badRequest)
                }
                return try await jiaobandan(environment, context: context, reason: reason)
            },
        ]
    }

    static func printPage(_ environment: WebEnvironment, context: WebContext,
                          message: String? = nil, status: HTTPResponse.Status = .ok) throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        let number = try CallerIdentityRoutes.number(context)
        let detail = try ComplaintRoutes.detail(environment, number: number, access: ComplaintAccess(account: account), context: context)
        var view: [String: Any] = [
            "number": number,
            "canReveal": !detail.view.anonymous && ComplaintAccess(account: account).mayReveal(assignedHandler: detail.assignedHandler),
        ]
        if let message { view["message"] = message }
        return PageLayout.page("print", title: "打印交办单 \(number)", context: context, environment: environment,
                               current: "", status: status, view)
    }

    /// The 交办单; with `reason`, the caller too, when the account may reveal it (refused and audited
    /// otherwise).
    static func jiaobandan(_ environment: WebEnvironment, context: WebContext, reason: String?) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        let number = try CallerIdentityRoutes.number(context)
        let access = ComplaintAccess(account: account)
        var detail = try ComplaintRoutes.detail(environment, number: number, access: access, context: context)
        var caller: (name: String?, phone: String?, reason: String, by: String)?
        if let reason {
            guard access.mayReveal(assignedHandler: detail.assignedHandler), !detail.view.anonymous else {
                environment.record(.export, object: "POST /complaints/\(number)/jiaobandan.pdf", outcome: .refused,
                                   detail: "交办单 with caller identity: may not reveal: \(reason)", context: context)
                throw WebError.forbidden
            }
            guard let identity = environment.identity else {
                return try printPage(environment, context: context, message: "服务器未配置来电人身份密钥，无法打印来电人身份。",
                                     status: .serviceUnavailable)
            }
            let desk = ComplaintDesk(store: environment.store, schedule: environment.schedule, clock: environment.clock, identity: identity)
            detail = try desk.show(id: number, revealReason: reason, by: .account(account))
            caller = (detail.caller?.name, detail.caller?.phone, reason, account.displayName)
        }
        let today = environment.clock.today
        let page = ComplaintPage(detail: detail, schedule: environment.schedule, today: today, access: access)
        let object = "\(reason == nil ? "GET" : "POST") /complaints/\(number)/jiaobandan.pdf"
        let what = reason.map { "交办单 with caller identity: \($0)" } ?? "交办单"
        let response: Response
        do {
            response = try await pdf(try printout(environment).jiaobandan(page, caller: caller), fileName: "jiaobandan-\(safe(number)).pdf")
        } catch {
            // With a reason the caller was opened (the history says so) though no file left: the
            // audit log says both.
            environment.record(.export, object: object, outcome: .failure, detail: "\(what) (not printed: \(error))", context: context)
            throw error
        }
        environment.record(.export, object: object, outcome: .success, detail: what, context: context)
        return response
    }

    /// The most complaints a meeting list prints (about 50 pages): an unfiltered desk of 100,000
    /// would keep the PDF thread busy for minutes for a list no meeting reads; the CSV has no limit.
    static let meetingListLimit = 1_000

    /// `GET /complaints?…&format=pdf`: the queue's filters exactly as the page and the CSV read them.
    static func meetingList(_ environment: WebEnvironment, request: Request, context: WebContext) async throws -> Response {
        guard let account = context.identity else { throw WebError.unauthorized }
        let filters = ComplaintListRoutes.Filters(AuditRoutes.parameters(request), account: account,
                                                  townships: environment.schedule.townships.names)
        let object = filters.link([("format", "pdf")])
        guard account.has(.exportComplaints) else {
            environment.record(.accessDenied, object: "GET /complaints?format=pdf", outcome: .refused, detail: "needs exportComplaints", context: context)
            throw WebError.forbidden
        }
        if let problem = filters.problem { throw WebError(.badRequest, problem) }
        let desk = ComplaintRoutes.desk(environment)
        let total = try desk.complaints(filters.query, page: 1, size: 0).total
        guard total <= meetingListLimit else {
            throw WebError(.badRequest, "清单有 \(total) 件，超过打印上限 \(meetingListLimit) 件：请先按队列、乡镇（街道）或收到日期筛选，或导出 CSV。")
        }
        let complaints = try desk.complaints(filters.query)
        let document = try printout(environment).meetingList(complaints, filters: description(filters), schedule: environment.schedule)
        let response = try await pdf(document, settings: landscape, fileName: "complaints.pdf")
        environment.record(.export, object: object, outcome: .success, detail: "meeting list", context: context)
        return response
    }

    /// The filters in words, for the list's first line ("超期（红灯），乡镇（街道）三营镇").
    static func description(_ filters: ComplaintListRoutes.Filters) -> String {
        let labels = [("township", "乡镇（街道）"), ("programme", "项目"), ("category", "类别"), ("type", "类型"), ("channel", "渠道"),
                      ("from", "收到日期自"), ("to", "收到日期至")]
        let parts = [filters.query.queue?.chinese ?? "全部投诉"]
            + labels.compactMap { name, label in filters.values[name].map { "\(label) \($0)" } }
        return parts.joined(separator: "，")
    }

    static func printout(_ environment: WebEnvironment) throws -> ComplaintPrintout {
        let office: OfficeSettings
        do {
            office = try OfficeSettings.load(templates: environment.configuration.templatesDirectory)
        } catch {
            throw WebError(.internalServerError, "无法读取单位设置（office.toml），不能生成 PDF：\(error)")
        }
        return ComplaintPrintout(office: office.name, today: environment.clock.today)
    }

    /// The meeting list's page: A4 turned sideways, so its nine columns keep a number or a date on one line.
    static var landscape: PageSettings {
        var settings = PageSettings.gbt9704
        (settings.paperWidth, settings.paperHeight) = (settings.paperHeight, settings.paperWidth)
        return settings
    }

    /// The document as a PDF download, laid out and drawn on `RenderingThreadPool`. A text the fonts cannot
    /// print (a rare character typed into a summary) is said, not sent as a broken file.
    static func pdf(_ document: Document, settings: PageSettings = .gbt9704, fileName: String) async throws -> Response {
        let data: Data
        do {
            try document.validate()
            data = try await RenderingThreadPool.shared.runIfActive { try PDFRenderer(settings: settings).render(document) }
        } catch {
            throw WebError(.unprocessableContent, "无法生成 PDF：\(error)")
        }
        return Response(status: .ok, headers: [
            .contentType: "application/pdf",
            .contentDisposition: "attachment; filename=\"\(fileName)\"",
        ], body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// A complaint number as a file name: letters, digits and hyphens only.
    static func safe(_ text: String) -> String {
        String(text.unicodeScalars.filter { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            .map(Character.init))
    }
}
