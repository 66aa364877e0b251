import GongkaiCore

/// The issuing office and date, right-aligned at the end of a 公文; the date is written 2026年1月5日.
public struct Signature: Sendable, Codable, Equatable {
    public var office: String
    public var date: CivilDate

    public init(office: String, date: CivilDate) {
        self.office = office
        self.date = date
    }

    public var dateText: String { date.chinese }
}
