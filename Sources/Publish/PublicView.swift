import GongkaiCore
import Store

/// How a publication is read: on the government website (names masked) or posted on village boards
/// (full names when templates/office.toml allows it, as 最低生活保障审核确认办法 §24 requires).
public enum Channel: String, Sendable, Codable, CaseIterable {
    case web, print
}

/// A recipient as every public renderer receives it: the name already masked for the channel.
public struct PublicRecipient: Sendable, Equatable {
    public let township: String
    public let village: String
    public let name: String
    public let persons: Int
    public let category: String?
    public let amount: Money
    public let reason: String?
    /// The 户编号, never printed: a refusal names it so that the office can find the record.
    public var household: String? = nil
}

/// A payment change as published.
public struct PublicAdjustment: Sendable, Equatable {
    public let township: String
    public let village: String
    public let name: String
    public let persons: Int
    public let before: Money
    public let after: Money
    public var household: String? = nil
}

/// One programme's month, as the public may see it.
public struct PublicProgrammeMonth: Sendable {
    public let programme: Programme
    public let month: YearMonth
    public let recipients: [PublicRecipient]
    public let started: [PublicRecipient]
    public let stopped: [PublicRecipient]
    public let adjusted: [PublicAdjustment]
}

/// The single masking step: every public file is built from what this returns, and no renderer
/// masks or decides what to show.
public struct PublicView: Sendable {
    public let channel: Channel
    public let showsFullNames: Bool
    /// Townships in display order, so notices list them as the district does.
    public let townshipOrder: [String]

    public init(channel: Channel, office: OfficeSettings, townshipOrder: [String]) {
        self.channel = channel
        self.showsFullNames = channel == .print && office.printFullNames
        self.townshipOrder = townshipOrder
    }

    public func name(_ raw: String) -> String { showsFullNames ? raw : NameMask.mask(raw) }

    public func programmeMonth(_ programme: Programme, month: YearMonth, store: StoreDatabase) throws -> PublicProgrammeMonth {
        let rank = Dictionary(uniqueKeysWithValues: townshipOrder.enumerated().map { ($1, $0) })
        func ordered<T>(_ rows: [T], township: (T) -> String) -> [T] {
            // A stable sort: within a township the store's order (village, household) is kept.
            rows.enumerated().sorted {
                let a = rank[township($0.element)] ?? Int.max, b = rank[township($1.element)] ?? Int.max
                return a != b ? a < b : $0.offset < $1.offset
            }.map(\.element)
        }
        func recipients(_ rows: [NoticeRecords.Recipient]) -> [PublicRecipient] {
            ordered(rows, township: \.township).map {
                PublicRecipient(township: $0.township, village: $0.village, name: name($0.headName), persons: $0.persons,
                                category: $0.category, amount: $0.amount, reason: $0.reason, household: $0.householdId)
            }
        }
        let active = try NoticeRecords.active(programme, month: month, in: store)
        return PublicProgrammeMonth(
            programme: programme, month: month, recipients: recipients(active),
            started: recipients(try NoticeRecords.started(programme, month: month, in: store)),
            stopped: recipients(try NoticeRecords.stopped(programme, month: month, in: store)),
            adjusted: ordered(try NoticeRecords.adjusted(programme, month: month, in: store), township: \.township).map {
                PublicAdjustment(township: $0.township, village: $0.village, name: name($0.headName), persons: $0.persons,
                                 before: $0.before, after: $0.after, household: $0.householdId)
            })
    }
}
