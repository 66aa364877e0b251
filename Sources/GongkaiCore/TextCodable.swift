/// A value that JSON and the database carry as its text form ("2026-01-05", "2026-10"), so documents,
/// manifests and exports read the way office staff write them.
public protocol TextCodable: Codable, CustomStringConvertible {
    init?(parsing text: String)
    /// What the text must look like, for the error on a malformed value.
    static var textFormat: String { get }
}

extension TextCodable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                    debugDescription: "不是\(Self.textFormat)：\(text)"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
