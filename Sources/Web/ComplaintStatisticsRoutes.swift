import Accounts
import Desk
import Foundation
import GongkaiCore
import Hummingbird

/// `GET /complaints/statistics?month=YYYY-MM` (default this month): the month's desk figures, the
/// same `ComplaintDesk.statistics` rows as `gongkai complaint stats`; `&format=csv` downloads them
/// through `CSVWriter` (UTF-8 with BOM for Excel and WPS, formula cells neutralised), audited as an
/// export. Counts and ratios only: no caller, no summary, no person.
enum ComplaintStatisticsRoutes {
    static let path = "/complaints/statistics"

    static func routes(_ environment: WebEnvironment) -> [WebRoute] {
        [
            WebRoute(.get, path, .permission(.viewReports),
                     summary: "the month's desk statistics as in `complaint stats` (month=YYYY-MM); format=csv downloads them (audited)",
                     example: path + "?month=2026-11") { request, context in
                try statistics(environment, request: request, context: context)
            },
        ]
    }

    /// The asked month (default this month), never after this month.
    static func month(_ request: Request, today: CivilDate) throws -> YearMonth {
        guard let text = request.uri.queryParameters["month"] else { return today.yearMonth }
        guard let month = YearMonth(parsing: String(text)), month.index <= today.yearMonth.index else {
            throw WebError(.badRequest, "月份应写作 YYYY-MM，且不晚于本月。")
        }
        return month
    }

    static func statistics(_ environment: WebEnvironment, request: Request, context: WebContext) throws -> Response {
        let month = try month(request, today: environment.clock.today)
        let format = request.uri.queryParameters["format"].map { String($0) }
        guard format == nil || format == "csv" else { throw WebError(.badRequest, "格式只能是 CSV。") }
        let stats: ComplaintStatistics
        do {
            stats = try ComplaintRoutes.desk(environment).statistics(month: month)
        } catch let error as CalendarError {
            throw WebError(.conflict, "\(month.chinese)的统计无法计算：\(error.chinese)")
        }
        if format == "csv" {
            var writer = CSVWriter(header: ComplaintStatistics.header)
            for row in stats.rows { writer.append([row.section, row.item, row.value]) }
            environment.record(.export, object: "\(path)?month=\(month)&format=csv", outcome: .success,
                               detail: "complaint statistics", context: context)
            return Response(status: .ok, headers: [
                .contentType: "text/csv; charset=utf-8",
                .contentDisposition: "attachment; filename=\"complaint-statistics-\(month).csv\"",
            ], body: .init(byteBuffer: ByteBuffer(bytes: writer.utf8WithBOM)))
        }
        var view: [String: Any] = [
            "month": month.chinese, "monthValue": month.description,
            "rows": stats.rows.map { ["section": $0.section, "item": $0.item, "value": $0.value] },
            "previous": month.adding(months: -1).description,
            "csvLink": "\(path)?month=\(month)&format=csv",
            "definitions": ComplaintStatistics.definitions.map { ["item": $0.item, "definition": $0.definition] },
        ]
        if month.index < environment.clock.today.yearMonth.index { view["next"] = month.adding(months: 1).description }
        return PageLayout.page("statistics", title: "投诉统计 \(month.chinese)", context: context, environment: environment,
                               current: "", view)
    }
}
