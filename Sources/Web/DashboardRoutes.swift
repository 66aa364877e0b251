import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import Indicators
import Store

/// `GET /dashboard` (`month=YYYY-MM`, default the latest month with an indicator snapshot, else this
/// month), for the 领导 and the 督办: the month's key indicators as its publication stored them
/// (`DashboardIndicators`: value, target, status in words and colour, 13-month sparkline, townships
/// compared), the desk figures (the same `ComplaintDesk.statistics` as `complaint stats`), the lights
/// of the open complaints now with links to their queues, a township comparison of the desk, a
/// 13-month sparkline of complaints received (SVG drawn on the server, no script), and links to the
/// month's published files and the archive. It reads the snapshots and the desk's views only, never
/// a caller or a person-level table.
enum DashboardRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/dashboard", .permission(.viewDashboard),
                     summary: "the month at a glance: key indicators from the snapshots (status, 13-month sparklines, townships), desk figures, lights, published files (month=YYYY-MM)") { request, context in
                try page(environment, request: request, context: context)
            },
        ]
    }

    static func page(_ environment: WebEnvironment, request: Request, context: WebContext) throws -> Response {
        let today = environment.clock.today
        let latest = try IndicatorSnapshots.latestMonth(in: environment.store)
        var month = latest.map { $0.index <= today.yearMonth.index ? $0 : today.yearMonth } ?? today.yearMonth
        if let text = request.uri.queryParameters["month"] {
            guard let asked = YearMonth(parsing: text), asked.index <= today.yearMonth.index else {
                throw WebError(.badRequest, "月份应写作 YYYY-MM，且不晚于本月。")
            }
            month = asked
        }
        let desk = ComplaintRoutes.desk(environment)
        let all = try desk.complaints(ComplaintQuery())
        var view: [String: Any] = ["month": month.chinese, "monthValue": month.description,
                                   "previous": month.adding(months: -1).description]
        if month.index < today.yearMonth.index { view["next"] = month.adding(months: 1).description }
        do {
            let stats = try desk.statistics(month: month)
            view["figures"] = [
                ("收到投诉", String(stats.received)), ("按期办结率", ratio(stats.concludedOnTime)),
                ("及时受理率", ratio(stats.acknowledgedInTime)), ("群众参评率", ratio(stats.rated)),
                ("满意率", ratio(stats.satisfied)), ("月末未办结", String(stats.openAtMonthEnd)),
                ("月末超期", String(stats.overdueAtMonthEnd)), ("重复投诉", String(stats.repeated)),
            ].map { ["label": $0.0, "value": $0.1] }
            view["hasFigures"] = true
        } catch let error as CalendarError {
            view["message"] = "本月指标无法计算：\(error)"
        }
        let lights = all.map { $0.light(on: today, schedule: environment.schedule) }
        view["lights"] = [(ComplaintLight.red, "overdue"), (.yellow, "due")].map { light, queue in
            ["label": light.chinese, "class": light.rawValue, "count": String(lights.filter { $0 == light }.count),
             "link": "/complaints?queue=\(queue)"] as [String: Any]
        } + [["label": ComplaintLight.green.chinese, "class": "green", "count": String(lights.filter { $0 == .green }.count), "link": "/complaints"]]
        view["townships"] = environment.schedule.townships.names.map { name -> [String: Any] in
            let here = all.filter { $0.township == name }
            let light = here.map { $0.light(on: today, schedule: environment.schedule) }
            return ["name": name, "received": String(here.filter { $0.receivedOn.yearMonth == month }.count),
                    "open": String(here.filter { $0.status.isOpen }.count),
                    "red": String(light.filter { $0 == .red }.count), "yellow": String(light.filter { $0 == .yellow }.count)]
        }
        view.merge(try indicators(environment, month: month)) { _, new in new }
        let publications = DashboardPublications(output: environment.configuration.outputDirectory, month: month).links
        view["publications"] = publications.map { ["title": $0.title, "path": $0.path] }
        view["notPublished"] = publications.isEmpty
        let months = (0..<13).map { month.adding(months: $0 - 12) }
        let counts = months.map { m in all.filter { $0.receivedOn.yearMonth == m }.count }
        view["spark"] = Sparkline(values: counts).points
        view["sparkText"] = "\(months[0].chinese)至\(month.chinese)每月收到：" + counts.map(String.init).joined(separator: "、")
        return PageLayout.page("dashboard", title: "工作台 \(month.chinese)", context: context, environment: environment,
                               current: "/dashboard", view)
    }

    /// The key indicators' part of the page, or the sentence saying why there is none: no snapshot
    /// for the month (and which command stores one), or definitions that cannot be read.
    static func indicators(_ environment: WebEnvironment, month: YearMonth) throws -> [String: Any] {
        let rows = try IndicatorSnapshots.rows(programme: DashboardIndicators.programme, from: month.adding(months: -12),
                                               through: month, in: environment.store)
        guard rows.contains(where: { $0.month == month }) else {
            return ["noSnapshot": "\(month.chinese)尚无指标快照。指标快照在发布该月时保存：gongkai publish --month \(month)（gongkai indicators 只计算和显示，不保存快照）。"]
        }
        let catalog: IndicatorCatalog
        do {
            catalog = try IndicatorCatalog.load(templates: environment.configuration.templatesDirectory, store: environment.store)
        } catch {
            return ["noSnapshot": "指标定义无法读取：\(error)"]
        }
        let model = DashboardIndicators(catalog: catalog, month: month, rows: rows, townships: environment.schedule.townships.names)
        return ["indicators": model.indicators, "indicatorTownships": model.townshipRows, "hasIndicators": true]
    }

    static func ratio(_ r: ComplaintStatistics.Ratio) -> String { "\(r.percent)（\(r.numerator)/\(r.denominator)）" }
}
