import GongkaiCore

/// A finding a demo generator planted in its last month for `gongkai check` to find: the check on
/// that month must list exactly the planted findings.
public struct PlantedFinding: Sendable, Equatable, Hashable {
    public let householdID: String
    public let programme: Programme
    public let kind: PaymentStandards.FindingKind

    public init(householdID: String, programme: Programme, kind: PaymentStandards.FindingKind) {
        self.householdID = householdID; self.programme = programme; self.kind = kind
    }
}
