import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird
import Indicators
import Store

/// `GET /dashboard` (`month=YYYY-MM`, default the month of the injected clock: what is happening
/// now, not the last month published), for the 领导 and the 督办: the month's key indicators
/// (`DashboardIndicators`: value, target, status in words and colour, 13-month sparkline, townships
/// compared) — a published month's as its publication stored them, any other month's computed from
/// the data now by the indicator engine and marked 未发布 —, the desk figures (the same
/// `ComplaintDesk.statistics` as `complaint stats`), the lights of the open complaints now with links
/// to their queues, a township comparison of the desk, a 13-month sparkline of complaints received
/// (SVG drawn on the server, no script), and links to the month's published files, the latest
/// published month and the archive. It reads the snapshots, the indicator definitions' aggregates
/// and the desk's counts only (never every complaint), never a caller.
enum DashboardRoutes {
    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, "/dashboard", .permission(.viewDashboard),
                     summary: "the month at a glance, by default the current one: key indicators (status, 13-month sparklines, townships; a published month from its snapshot, others computed from the data and marked 未发布), desk figures, lights, published files (month=YYYY-MM)") { request, context in
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
        let months = (0..<13).map { month.adding(months: $0 - 12) }
        let dataVersion = try environment.store.dataVersion()
        // The desk's figures of the month, computed once per state of the desk and day.
        let figures = try environment.deskFigures.value(month, key: "\(today) \(dataVersion)") {
            try DeskFigures(desk: ComplaintRoutes.desk(environment), month: month, sparkMonths: months)
        }
        let counts = figures.counts
        var view: [String: Any] = ["month": month.chinese, "monthValue": month.description,
                                   "previous": month.adding(months: -1).description]
        if month.index < today.yearMonth.index { view["next"] = month.adding(months: 1).description }
        if let latest = try IndicatorSnapshots.latestMonth(in: environment.store), latest != month {
            view["latestPublished"] = ["month": latest.chinese, "value": latest.description]
        }
        switch figures.statistics {
        case .success(let stats):
            view["figures"] = [
                ("收到投诉", String(stats.received)), ("按期办结率", ratio(stats.concludedOnTime)),
                ("及时受理率", ratio(stats.acknowledgedInTime)), ("群众参评率", ratio(stats.rated)),
                ("满意率", ratio(stats.satisfied)), ((stats.isInProgress ? "当前" : "月末") + "未办结", String(stats.openAtMonthEnd)),
                ((stats.isInProgress ? "当前" : "月末") + "超期", String(stats.overdueAtMonthEnd)), ("重复投诉", String(stats.repeated)),
            ].map { ["label": $0.0, "value": $0.1] }
            view["hasFigures"] = true
        case .failure(let error):
            view["message"] = "本月指标无法计算：\(error.chinese)"
        }
        view["lights"] = [(ComplaintLight.red, "overdue"), (.yellow, "due")].map { light, queue in
            ["label": light.chinese, "class": light.rawValue, "count": String(counts.lights[light] ?? 0),
             "link": "/complaints?queue=\(queue)"] as [String: Any]
        } + [["label": ComplaintLight.green.chinese, "class": "green", "count": String(counts.lights[.green] ?? 0), "link": "/complaints"]]
        view["townshipRows"] = environment.pages.townshipRows(counts.townships)
        view.merge(try indicators(environment, month: month, dataVersion: dataVersion)) { _, new in new }
        let publications = DashboardPublications(output: environment.configuration.outputDirectory, month: month).links
        view["publications"] = publications.map { ["title": $0.title, "path": $0.path] }
        view["notPublished"] = publications.isEmpty
        let received = figures.received
        view["spark"] = Sparkline(values: received).points
        view["sparkText"] = "\(months[0].chinese)至\(month.chinese)每月收到：" + received.map(String.init).joined(separator: "、")
        return PageLayout.page("dashboard", title: "工作台 \(month.chinese)", context: context, environment: environment,
                               current: "/dashboard", view)
    }

    /// The key indicators' part of the page for the 13 months ending with `month`: a published
    /// month's figures from its snapshot, every other month's computed now from the store (the
    /// engine reads aggregates only); a month that cannot be computed is a gap, said in words. The
    /// definitions are kept while their files are unchanged (`IndicatorCatalogCache`), and what the
    /// page shows of them is kept per month and state of the data, definitions and snapshots; the
    /// snapshots are read on every load, since a publication changes them without changing the data.
    static func indicators(_ environment: WebEnvironment, month: YearMonth, dataVersion: String) throws -> [String: Any] {
        let first = month.adding(months: -12)
        let snapshots = try IndicatorSnapshots.rows(programme: DashboardIndicators.programme, from: first, through: month, in: environment.store)
        let loaded: IndicatorCatalogCache.Loaded
        do {
            loaded = try environment.indicatorCatalog.catalog(templates: environment.configuration.templatesDirectory, store: environment.store)
        } catch {
            return ["indicatorProblems": ["指标定义无法读取：\(error)"]]
        }
        let key = "\(loaded.identity) \(dataVersion) snapshots \(snapshotDigest(snapshots))"
        let model = try environment.indicatorModels.value(month, key: key) {
            try self.model(environment, catalog: loaded, month: month, snapshots: snapshots, dataVersion: dataVersion)
        }
        var view: [String: Any] = ["indicatorRows": environment.pages.indicatorRows(model.indicators),
                                   "indicatorTownshipRows": environment.pages.indicatorTownshipRows(model.townships), "hasIndicators": true,
                                   "indicatorProblems": model.problems]
        if !model.monthPublished {
            view["unpublishedNote"] = "\(month.chinese)未发布：本月指标按目前的数据计算，发布该月时才保存为快照。"
        }
        return view
    }

    /// The indicators' part of the page from the snapshots and the months computed now (each
    /// computed once per state of the data and definitions, not on every load).
    static func model(_ environment: WebEnvironment, catalog loaded: IndicatorCatalogCache.Loaded, month: YearMonth,
                      snapshots: [IndicatorSnapshots.Row], dataVersion: String) throws -> DashboardIndicators.Model {
        let catalog = loaded.catalog
        let first = month.adding(months: -12)
        var rows = snapshots
        let published = Set(rows.map(\.month.index))
        var problems: [String] = []
        let unpublished = (0..<13).map { first.adding(months: $0) }.filter { !published.contains($0.index) }
        if !unpublished.isEmpty {
            let key = "\(loaded.identity) \(dataVersion)"
            var engine: IndicatorEngine?
            for m in unpublished {
                let entry = try environment.indicatorMonths.value(m, key: key) { () throws -> IndicatorMonth in
                    let current = try engine ?? IndicatorEngine(store: environment.store, catalog: catalog, calendar: environment.schedule.calendar)
                    engine = current
                    do {
                        return .rows(try current.compute(m).snapshotRows(catalog: catalog).filter { $0.programme == DashboardIndicators.programme })
                    } catch let error as IndicatorError {
                        return .problem(Self.problem(error, month: m, catalog: catalog))
                    }
                }
                switch entry {
                case .rows(let computed): rows += computed
                case .problem(let problem): problems.append(problem)
                }
            }
        }
        let model = DashboardIndicators(catalog: catalog, month: month, rows: rows, published: published,
                                        townships: environment.schedule.townships.names)
        return .init(indicators: model.indicators, townships: model.townshipRows, problems: problems,
                     monthPublished: published.contains(month.index))
    }

    /// The snapshot rows the page shows (month, indicator, township, value, status), as one word.
    static func snapshotDigest(_ rows: [IndicatorSnapshots.Row]) -> String {
        var hasher = Digest.Hasher()
        for row in rows {
            hasher.update("\(row.month.index)|\(row.indicator)|\(row.township)|\(row.value ?? "-")|\(row.status ?? "-")\n")
        }
        return hasher.finalizeHex()
    }

    /// Why a month's indicators cannot be computed, in the words of the page.
    static func problem(_ error: IndicatorError, month: YearMonth, catalog: IndicatorCatalog) -> String {
        func name(_ id: String) -> String { catalog.definitions.first { $0.id == id }?.name ?? id }
        return switch error {
        case let .calendarNotCovered(id, _, date):
            "\(month.chinese)的“\(name(id))”无法计算：缺少 \(date.year) 年的节假日日历（templates/calendar/\(date.year).toml）。"
        case let .query(id, _, _):
            "\(month.chinese)的“\(name(id))”无法计算：指标定义的查询出错，请联系系统管理员。"
        case let .overflow(id, _, _):
            "\(month.chinese)的“\(name(id))”无法计算：合计超出任何实际数额，请检查导入的金额和数量。"
        }
    }

    /// A month's indicators not published (the dashboard's programme's rows), or why the month
    /// cannot be computed.
    enum IndicatorMonth: Sendable {
        case rows([IndicatorSnapshots.Row])
        case problem(String)
    }

    /// The desk's part of the page for a month: its statistics (or the calendar they lack), the
    /// lights and townships now, the complaints received in the sparkline's months.
    struct DeskFigures: Sendable {
        let statistics: Result<ComplaintStatistics, CalendarError>
        let counts: DeskCounts
        let received: [Int]

        init(desk: ComplaintDesk, month: YearMonth, sparkMonths: [YearMonth]) throws {
            do {
                statistics = .success(try desk.statistics(month: month))
            } catch let error as CalendarError {
                statistics = .failure(error)
            }
            counts = try desk.counts(month: month)
            received = try desk.receivedCounts(sparkMonths)
        }
    }

    static func ratio(_ r: ComplaintStatistics.Ratio) -> String { "\(r.percent)（\(r.numerator)/\(r.denominator)）" }
}

extension ComplaintTownshipCounts {
    /// Every name templates/web/township-row.mustache (the dashboard's desk by township) may use.
    static let dashboardFields: [String: TypedTemplate<ComplaintTownshipCounts>.Field] = [
        "name": .text { $0.township ?? "" }, "received": .text { String($0.receivedInMonth) }, "open": .text { String($0.open) },
        "red": .text { String($0.red) }, "yellow": .text { String($0.yellow) },
    ]
}
