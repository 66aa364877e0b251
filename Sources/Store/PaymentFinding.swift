import GongkaiCore

/// One payment or enrolment that does not match its standard (templates/standards.toml), with the
/// household's full identifiers: for staff only, never published.
public struct PaymentFinding: Sendable, Equatable {
    public typealias Kind = PaymentStandards.FindingKind

    public let kind: Kind
    public let month: YearMonth
    public let programme: Programme
    public let householdID: String
    public let township: String
    public let village: String
    public let headName: String
    public let headIDNumber: String
    public let area: String
    public let category: String
    public let persons: Int
    /// The payment (over, change not applied) or the enrolment's recorded amount (no standard).
    public let amount: Money
    /// What the standard allows for this household (nil: no standard).
    public let allowed: Money?
    /// The previous standard's amount for this household (change not applied only).
    public let previous: Money?

    /// How much the payment exceeds the standard (0 unless over).
    public var excess: Money { Money(fen: max(0, amount.fen - (allowed?.fen ?? amount.fen))) }
}

extension PaymentFinding: Encodable {
    /// The columns of `gongkai check --format csv` and the keys of its JSON, in this order.
    public static let csvHeader = ["kind", "month", "programme", "household_id", "township", "village", "head_name",
                                   "head_id_number", "area", "category", "persons", "amount", "allowed", "excess", "previous"]

    /// Amounts in yuan with two decimals; an absent allowance or previous amount is empty (null in JSON).
    public var csvFields: [String] {
        [kind.rawValue, month.description, programme.code, householdID, township, village, headName, headIDNumber,
         area, category, String(persons), amount.yuan, allowed?.yuan ?? "", excess.yuan, previous?.yuan ?? ""]
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in zip(Self.csvHeader, csvFields) {
            guard let codingKey = Key(stringValue: key) else { continue }
            switch key {
            case "persons": try container.encode(persons, forKey: codingKey)
            case "allowed": try container.encode(allowed?.yuan, forKey: codingKey)
            case "previous": try container.encode(previous?.yuan, forKey: codingKey)
            default: try container.encode(value, forKey: codingKey)
            }
        }
    }

    private struct Key: CodingKey {
        let stringValue: String
        init?(stringValue: String) { self.stringValue = stringValue }
        var intValue: Int? { nil }
        init?(intValue: Int) { nil }
    }
}
