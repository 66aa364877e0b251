extension PaymentStandards {
    /// The most a payment may be in one month for one programme, area and category: what the check
    /// and the indicator `payments_within_standard_rate` compare payments with.
    public struct Allowance: Sendable, Equatable {
        public let programme: Programme
        public let area: String
        public let category: String
        /// Per person when `perPerson` (低保, 特困: × the enrolment's covered persons), else per payment.
        public let fen: Int64
        public let perPerson: Bool
    }

    /// The allowances in `month`: 低保 the standard of the area and category; 特困 the area's
    /// 基本生活标准 plus the 照料护理标准 of the self-care level; 临时救助 `multiple` × the area's
    /// 低保 standard of the base category. A combination without every part in force has none, and
    /// its payments are reported as having no standard.
    public func allowances(in month: YearMonth) -> [Allowance] {
        let current = inForce(month)
        var result: [Allowance] = []
        for e in current where e.kind == .dibao {
            if let area = e.area, let fen = e.monthlyFen {
                result.append(Allowance(programme: .dibao, area: area, category: e.category, fen: fen, perPerson: true))
            }
        }
        for basic in current where basic.kind == .tekunBasic {
            guard let area = basic.area, let base = basic.monthlyFen else { continue }
            for care in current where care.kind == .tekunCare {
                if let extra = care.monthlyFen {
                    result.append(Allowance(programme: .tekun, area: area, category: care.category, fen: base + extra, perPerson: true))
                }
            }
        }
        for limit in current where limit.kind == .temporary {
            guard let multiple = limit.multiple else { continue }
            for area in Codelist.area {
                let base = current.first { $0.kind == .dibao && $0.area == area && $0.category == limit.baseCategory }
                if let fen = base?.monthlyFen {
                    result.append(Allowance(programme: .temporary, area: area, category: limit.category,
                                            fen: multiple * fen, perPerson: false))
                }
            }
        }
        return result
    }

    /// Allowances over time: each with the first and last month (nil: still in force) it holds for.
    public func allowancePeriods() -> [(allowance: Allowance, first: YearMonth, last: YearMonth?)] {
        let months = changeMonths
        var result: [(allowance: Allowance, first: YearMonth, last: YearMonth?)] = []
        for (i, month) in months.enumerated() {
            let last = i + 1 < months.count ? months[i + 1].adding(months: -1) : nil
            result += allowances(in: month).map { ($0, month, last) }
        }
        return result
    }
}
