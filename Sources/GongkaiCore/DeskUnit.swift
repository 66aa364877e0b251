/// A 办理单位 a complaint is dispatched to (转办): one of the centre's own (社会救助股, 低保中心 …),
/// or a township's, which works on that township's complaints through its 承办人 accounts.
public struct DeskUnit: Sendable, Equatable, Hashable {
    public let name: String
    /// The township whose unit it is; nil for the centre's own units.
    public let township: String?

    public init(name: String, township: String?) { self.name = name; self.township = township }

    /// A township's unit when desk.toml names none: its 民政办 (三营镇民政办, 南关街道民政办).
    public static func defaultName(of township: String) -> String { township + "民政办" }
}
