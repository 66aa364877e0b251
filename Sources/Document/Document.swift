import GongkaiCore

/// One publication as pure values: the PDF and the HTML of a notice say the same thing because both
/// are rendered from the same `Document`, and renderers never decide what is shown.
public struct Document: Sendable, Codable, Equatable {
    public var metadata: DocumentMetadata
    public var blocks: [Block]

    public init(metadata: DocumentMetadata, blocks: [Block]) {
        self.metadata = metadata
        self.blocks = blocks
    }
}

/// What goes into the PDF's document information and the HTML head. The publication date is an input,
/// never the clock, so rendering the same document twice gives the same bytes.
public struct DocumentMetadata: Sendable, Codable, Equatable {
    public var title: String
    public var office: String
    public var subject: String
    public var keywords: [String]
    public var publicationDate: CivilDate
    public var language: String

    public init(title: String, office: String, subject: String = "", keywords: [String] = [],
                publicationDate: CivilDate, language: String = "zh-CN") {
        self.title = title
        self.office = office
        self.subject = subject
        self.keywords = keywords
        self.publicationDate = publicationDate
        self.language = language
    }

    private enum CodingKeys: String, CodingKey { case title, office, subject, keywords, publicationDate, language }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.decode(String.self, forKey: .title)
        office = try c.decode(String.self, forKey: .office)
        subject = try c.decodeIfPresent(String.self, forKey: .subject) ?? ""
        keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? []
        publicationDate = try c.decode(CivilDate.self, forKey: .publicationDate)
        language = try c.decodeIfPresent(String.self, forKey: .language) ?? "zh-CN"
    }
}
