import GongkaiCore

/// The allowances of templates/standards.toml month by month, for the demo generators: they pay
/// 低保 and 特困 exactly their allowance × persons and 临时救助 within its limit.
struct DemoAllowances: Sendable {
    /// The categories the demos enrol, with their weights: each needs a standard in every month.
    static let dibaoCategories = [("一类", 20), ("二类", 45), ("三类", 35)]
    static let careLevels = [("全自理", 70), ("半护理", 20), ("全护理", 10)]
    static let temporaryTypes = [("支出型", 65), ("急难型", 35)]

    /// By month index, then by "programme|area|category".
    private let table: [Int: [String: Int64]]

    /// Refuses standards that leave a category the demos pay without an allowance in some month.
    init(_ standards: PaymentStandards, from first: YearMonth, through last: YearMonth) throws(InputError) {
        var table: [Int: [String: Int64]] = [:]
        for index in first.index...max(first.index, last.index) {
            let month = YearMonth(index: index)
            let current = Dictionary(standards.allowances(in: month).map { (Self.key($0.programme, $0.area, $0.category), $0.fen) },
                                     uniquingKeysWith: { a, _ in a })
            let needed = [(Programme.dibao, Self.dibaoCategories), (.tekun, Self.careLevels), (.temporary, Self.temporaryTypes)]
            for (programme, categories) in needed {
                for area in Codelist.area {
                    for (category, _) in categories where current[Self.key(programme, area, category)] == nil {
                        throw InputError(file: "standards.toml", reason: "演示数据在 \(month) 发放\(programme.shortName) \(area) \(category)，但当时没有生效的标准")
                    }
                }
            }
            table[index] = current
        }
        self.table = table
    }

    private static func key(_ programme: Programme, _ area: String, _ category: String) -> String {
        "\(programme.code)|\(area)|\(category)"
    }

    /// The allowance in `month` (per person for 低保 and 特困, per payment for 临时救助); the
    /// initialiser made sure every category the demos use has one within its months.
    func fen(_ programme: Programme, urban: Bool, _ category: String, in month: YearMonth) -> Int64 {
        table[month.index]?[Self.key(programme, urban ? "城市" : "农村", category)] ?? 0
    }
}
