/// A total beyond what the integer holds. No real count of people or sum of fen comes near, so only
/// corrupt or mistyped data gets here, and it is said as such instead of trapping or wrapping.
public struct TotalOverflow: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being summed: "amounts", "persons".
    public let what: String

    public var description: String {
        "the total of \(what) is beyond any real figure: a value in the data is mistyped (check the import)"
    }

    /// The checked sum of `values`.
    public static func sum<S: Sequence, N: FixedWidthInteger>(_ values: S, of what: String) throws(TotalOverflow) -> N
    where S.Element == N {
        var total: N = 0
        for v in values {
            let (next, overflow) = total.addingReportingOverflow(v)
            guard !overflow else { throw TotalOverflow(what: what) }
            total = next
        }
        return total
    }
}
