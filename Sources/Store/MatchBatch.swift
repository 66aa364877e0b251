import GongkaiCore

/// A data-matching batch, `YYYY-MM-N`: the N-th batch of the month whose recipients it is matched
/// against (`2026-10-1`, `2026-10-2` when a department pushes again in the month).
public struct MatchBatch: Sendable, Hashable, CustomStringConvertible {
    public let month: YearMonth
    public let number: Int

    public var description: String { "\(month)-\(number)" }

    /// Parses `YYYY-MM-N` (N from 1 to 99); the error says what is wrong in the office's terms.
    public init(parsing text: String) throws(InputError) {
        let clean = TypedText.halfWidth(text).trimmingASCIIWhitespace()
        let parts = clean.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2,
              let number = Int(parts[2]), (1...99).contains(number), parts[2].utf8.allSatisfy({ (48...57).contains($0) }) else {
            throw InputError(file: "--batch", reason: "'\(text)' 不是比对批次：请写成 YYYY-MM-N（月份加当月第几批），如 2026-10-1")
        }
        switch YearMonth.parse("\(parts[0])-\(parts[1])") {
        case .success(let month): self.month = month
        case .failure(let problem): throw InputError(file: "--batch", reason: "'\(text)' 的月份\(problem)")
        }
        self.number = number
    }
}
