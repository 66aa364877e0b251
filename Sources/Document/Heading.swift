/// A section heading. The number is not stored: it follows from the heading's place in the document
/// (see `HeadingNumbering`), so inserting a section never leaves stale numbers behind.
public struct Heading: Sendable, Codable, Equatable {
    /// 1 = 一、 (黑体), 2 = （一） (楷体), 3 = 1. (仿宋), 4 = （1） (仿宋).
    public var level: Int
    /// A line may end only between two segments (see `SegmentedText`); the number is kept with the first.
    public var segments: [String]

    public var text: String { segments.joined() }

    /// A heading without break hints: one segment.
    public init(level: Int, text: String) {
        self.init(level: level, segments: [text])
    }

    public init(level: Int, segments: [String]) {
        self.level = max(1, min(4, level))
        self.segments = segments
    }

    private enum CodingKeys: String, CodingKey { case level, text }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let level = try c.decode(Int.self, forKey: .level)
        guard (1...4).contains(level) else {
            throw DecodingError.dataCorruptedError(forKey: .level, in: c,
                                                   debugDescription: "标题级别须为 1 至 4，实际为 \(level)")
        }
        self.init(level: level, segments: try c.decode(SegmentedText.self, forKey: .text).segments)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(level, forKey: .level)
        try c.encode(SegmentedText(segments), forKey: .text)
    }
}
