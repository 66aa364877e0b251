import GongkaiCore
import Store

extension ComplaintDesk {
    /// The households intake may link a call to (`StoreDatabase.households`), with the programmes
    /// they are enrolled in this month by the desk's clock.
    public func households(_ query: HouseholdLookup) throws -> (matches: [HouseholdMatch], more: Bool) {
        try store.households(query, monthIndex: clock.today.yearMonth.index)
    }
}
