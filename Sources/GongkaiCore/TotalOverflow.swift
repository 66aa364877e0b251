/// A total beyond what the integer holds. No real count of people or sum of fen comes near, so only
/// corrupt or mistyped data gets here, and it is said as such instead of trapping or wrapping.
public struct TotalOverflow: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being summed: "金额", "人数".
    public let what: String

    public var description: String {
        "\(what)的合计超出任何真实数值：数据中有数值输错了（请检查导入的数据）"
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
