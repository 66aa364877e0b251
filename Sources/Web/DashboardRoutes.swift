import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird

/// `GET /dashboard` (`month=YYYY-MM`, default this month), for the 领导 and the 督办: the month's
/// desk figures (the same `ComplaintDesk.statistics` as `complaint stats`), the lights of the open
/// complaints now with links to their queues, a township comparison, and a 13-month sparkline of
/// complaints received (SVG drawn on the server, no script). It reads the desk's views only, never
/// a caller or a person-level table.
enum DashboardRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/dashboard", .permission(.viewDashboard),
                     summary: "the month at a glance: desk figures, lights now, townships, 13-month sparkline (month=YYYY-MM)") { request, context in
                try page(environment, request: request, context: context)
            },
        ]
    }

    static func page(_ environment: WebEnvironment, request: Request, context: WebContext) throws -> Response {
        let today = environment.clock.today
        var month = today.yearMonth
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
        let months = (0..<13).map { month.adding(months: $0 - 12) }
        let counts = months.map { m in all.filter { $0.receivedOn.yearMonth == m }.count }
        view["spark"] = Sparkline(values: counts).points
        view["sparkText"] = "\(months[0].chinese)至\(month.chinese)每月收到：" + counts.map(String.init).joined(separator: "、")
        return PageLayout.page("dashboard", title: "工作台 \(month.chinese)", context: context, environment: environment,
                               current: "/dashboard", view)
    }

    static func ratio(_ r: ComplaintStatistics.Ratio) -> String { "\(r.percent)（\(r.numerator)/\(r.denominator)）" }
}

/// The points of a small line chart of `values`, in a 130 × 30 box (SVG `polyline`), highest at the top.
struct Sparkline {
    let values: [Int]

    var points: String {
        let top = max(values.max() ?? 0, 1)
        let step = values.count > 1 ? 130.0 / Double(values.count - 1) : 0
        return values.enumerated().map { i, v in
            let x = Double(i) * step, y = 28.0 - 26.0 * Double(v) / Double(top)
            return String(format: "%.1f,%.1f", x, y)
        }.joined(separator: " ")
    }
}
