/// A section heading. The number is not stored: it follows from the heading's place in the document
/// (see `HeadingNumbering`), so inserting a section never leaves stale numbers behind.
public struct Heading: Sendable, Codable, Equatable {
    /// 1 = 一、 (黑体), 2 = （一） (楷体), 3 = 1. (仿宋), 4 = （1） (仿宋).
    public var level: Int
    public var text: String

    public init(level: Int, text: String) {
        self.level = max(1, min(4, level))
        self.text = text
    }

    private enum CodingKeys: String, CodingKey { case level, text }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let level = try c.decode(Int.self, forKey: .level)
        guard (1...4).contains(level) else {
            throw DecodingError.dataCorruptedError(forKey: .level, in: c,
                                                   debugDescription: "heading level must be 1 to 4, found \(level)")
        }
        self.init(level: level, text: try c.decode(String.self, forKey: .text))
    }
}
