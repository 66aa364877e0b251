/// A remark set smaller than body text: data sources, the complaint hotline, how to object.
public struct Note: Sendable, Codable, Equatable {
    public var label: String
    public var text: String

    public init(label: String = "注：", text: String) {
        self.label = label
        self.text = text
    }

    private enum CodingKeys: String, CodingKey { case label, text }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        label = try c.decodeIfPresent(String.self, forKey: .label) ?? "注："
        text = try c.decode(String.self, forKey: .text)
    }
}
