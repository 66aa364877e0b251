import Desk
import GongkaiCore
import Indicators
import Store

/// Everything the evaluation report shows, gathered from the store by the publication. The report
/// builder is a pure function of these values, so it is tested without a database.
public struct EvaluationInputs: Sendable {
    public let month: YearMonth
    public let publicationDate: CivilDate
    public let office: OfficeSettings
    public let catalog: IndicatorCatalog
    /// The 13 months ending with `month`, oldest first: `history.last!.month == month`.
    public let history: [MonthIndicators]
    /// Townships in display order (without "all").
    public let townships: [String]
    public let complaints: ComplaintStatistics
    /// What the release withholds this month (complaint counts): the report prints `*` where the
    /// complaint notice does.
    public let disclosure: Disclosure
    public let matches: [ReportAggregates.DepartmentMatches]
    /// The data-matching loop of the findings pushed two months before, by department and rule.
    public let matchingLoop: [ReportAggregates.RuleLoop]
    public let services: [ReportAggregates.ServiceTypeSummary]
    public let staff: ReportAggregates.StaffSummary
    /// The month's payments checked against the standards, counted (the data-quality section).
    public let standardsCheck: StandardsCheckSummary
    public let data: DataAppendix

    public init(month: YearMonth, publicationDate: CivilDate, office: OfficeSettings, catalog: IndicatorCatalog,
                history: [MonthIndicators], townships: [String], complaints: ComplaintStatistics, disclosure: Disclosure,
                matches: [ReportAggregates.DepartmentMatches], matchingLoop: [ReportAggregates.RuleLoop] = [], services: [ReportAggregates.ServiceTypeSummary],
                staff: ReportAggregates.StaffSummary, standardsCheck: StandardsCheckSummary, data: DataAppendix) {
        self.month = month; self.publicationDate = publicationDate; self.office = office; self.catalog = catalog
        self.history = history; self.townships = townships; self.complaints = complaints; self.disclosure = disclosure
        self.matches = matches; self.matchingLoop = matchingLoop
        self.services = services; self.staff = staff; self.standardsCheck = standardsCheck; self.data = data
    }

    /// This month's figures.
    public var current: MonthIndicators { history[history.count - 1] }
    /// The previous month's figures, when computed.
    public var previous: MonthIndicators? { history.count >= 2 ? history[history.count - 2] : nil }
    /// The same month last year, when computed.
    public var lastYear: MonthIndicators? { history.count >= 13 ? history[history.count - 13] : nil }
}

/// What the data appendix prints: where the figures came from.
public struct DataAppendix: Sendable {
    public let imports: [ImportLog.Entry]
    public let rowCounts: [StoreSummary.Count]
    public let dataFingerprint: String
    public let definitionsVersion: String
    public let definitionsSHA256: String
    public let templatesSHA256: String

    public init(imports: [ImportLog.Entry], rowCounts: [StoreSummary.Count], dataFingerprint: String,
                definitionsVersion: String, definitionsSHA256: String, templatesSHA256: String) {
        self.imports = imports; self.rowCounts = rowCounts; self.dataFingerprint = dataFingerprint
        self.definitionsVersion = definitionsVersion; self.definitionsSHA256 = definitionsSHA256
        self.templatesSHA256 = templatesSHA256
    }
}
