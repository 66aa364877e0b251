import Desk
import GongkaiCore

/// What the public complaint-statistics notice is built from: the month's complaints as the desk's
/// `ComplaintView` (which has no field for a caller's name or phone) and the desk's statistics.
public struct ComplaintNoticeInputs: Sendable {
    public let month: YearMonth
    public let publicationDate: CivilDate
    public let office: OfficeSettings
    /// Complaints received in the month.
    public let received: [ComplaintView]
    public let statistics: ComplaintStatistics

    public init(month: YearMonth, publicationDate: CivilDate, office: OfficeSettings, received: [ComplaintView],
                statistics: ComplaintStatistics) {
        self.month = month; self.publicationDate = publicationDate; self.office = office
        self.received = received; self.statistics = statistics
    }
}
