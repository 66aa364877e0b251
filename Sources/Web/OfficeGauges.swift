import Desk
import Foundation
import GongkaiCore
import Prometheus
import Publish
import Store

/// The office's own figures on `/metrics`, read from the store and the output folder at each scrape
/// (a few indexed queries and one manifest): what a monitor should alert on besides the server's
/// health — complaints turning red, transfers nobody signed for, a month not published, imports
/// that stopped.
///
/// A figure with nothing to measure yet (no release, no import) is 0.
struct OfficeGauges: Sendable {
    let environment: WebEnvironment
    let open: [ComplaintLight: Gauge]
    let openWithoutLight: Gauge
    let signOverdue: Gauge
    let releaseMonth: Gauge
    let releaseAgeDays: Gauge
    let importTime: Gauge
    let importRows: Gauge

    init(environment: WebEnvironment, registry: PrometheusCollectorRegistry) {
        self.environment = environment
        /// `gongkai_NAME_UNIT`, with its help line.
        func describe(_ name: String, unit: String = "", _ help: String) -> MetricNameDescriptor {
            MetricNameDescriptor(namespace: "gongkai", metricName: name, unitName: unit, helpText: help)
        }
        let openComplaints = describe("complaints_open",
                                      "Open complaints by their light (red: past the conclusion deadline; none: paused or without a deadline)")
        open = Dictionary(uniqueKeysWithValues: ComplaintLight.allCases.map { light in
            (light, registry.makeGauge(descriptor: openComplaints, labels: [("light", light.rawValue)]))
        })
        openWithoutLight = registry.makeGauge(descriptor: openComplaints, labels: [("light", "none")])
        signOverdue = registry.makeGauge(descriptor: describe("complaints_sign_overdue",
                                                              "Complaints transferred to a unit and not signed for (签收) by their deadline"))
        releaseMonth = registry.makeGauge(descriptor: describe("last_release_month",
                                                               "The month of the latest published release, as YYYYMM (0: none)"))
        releaseAgeDays = registry.makeGauge(descriptor: describe("last_release_age", unit: "days",
                                                                 "Days since the latest release's publication date (0: none)"))
        importTime = registry.makeGauge(descriptor: describe("last_import_timestamp", unit: "seconds",
                                                             "When the last import ran, in Unix seconds (0: none)"))
        importRows = registry.makeGauge(descriptor: describe("last_import", unit: "rows", "Rows read by the last import (0: none)"))
    }

    /// Reads the figures now.
    func refresh() throws {
        let today = environment.clock.today
        let complaints = try ComplaintDesk(store: environment.store, schedule: environment.schedule, clock: environment.clock)
            .complaints(ComplaintQuery()).filter { $0.status.isOpen }
        let lights = complaints.map { $0.light(on: today, schedule: environment.schedule) }
        for (light, gauge) in open { gauge.set(Double(lights.filter { $0 == light }.count)) }
        openWithoutLight.set(Double(lights.filter { $0 == nil }.count))
        signOverdue.set(Double(complaints.filter { $0.isSignOverdue(on: today, schedule: environment.schedule) }.count))

        let release = latestRelease()
        releaseMonth.set(release.map { Double($0.month.year * 100 + $0.month.month) } ?? 0)
        releaseAgeDays.set(release.map { Double(today.dayNumber - $0.published.dayNumber) } ?? 0)

        let last = try StoreSummary.read(from: environment.store, recentImports: 1).recentImports.first
        importTime.set(last.flatMap { ISO8601DateFormatter().date(from: $0.importedAt)?.timeIntervalSince1970 } ?? 0)
        importRows.set(Double(last?.files.reduce(0) { $0 + $1.rowsRead } ?? 0))
    }

    /// The latest month in --output with a readable release, and that release's publication date.
    private func latestRelease() -> (month: YearMonth, published: CivilDate)? {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: environment.configuration.outputDirectory)) ?? []
        let months = names.compactMap { try? YearMonth.parse($0).get() }.sorted { $0.index > $1.index }
        for month in months {
            guard let release = DashboardPublications(output: environment.configuration.outputDirectory, month: month).latestRelease(),
                  let published = try? CivilDate.parse(release.manifest.publicationDate).get() else { continue }
            return (month, published)
        }
        return nil
    }
}
