import Desk
import GongkaiCore

/// What the public complaint-statistics notice is built from: the month's complaints as the desk's
/// `ComplaintView` (which has no field for a caller's name or phone) and the desk's statistics.
public struct ComplaintNoticeInputs: Sendable {
    public let month: YearMonth
    public let publicationDate: CivilDate
    public let office: OfficeSettings
    /// The desk's limits (templates/desk.toml): the notice states the conclusion limit the on-time
    /// rate was measured against, so it never says something the desk does not apply.
    public let limits: DeskSettings
    /// The month's counts as the release discloses them: the same decision as every other file.
    public let disclosure: Disclosure
    public let statistics: ComplaintStatistics

    public init(month: YearMonth, publicationDate: CivilDate, office: OfficeSettings, limits: DeskSettings,
                disclosure: Disclosure, statistics: ComplaintStatistics) {
        self.month = month; self.publicationDate = publicationDate; self.office = office; self.limits = limits
        self.disclosure = disclosure; self.statistics = statistics
    }
}
