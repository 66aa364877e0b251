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
    /// The title's segments: a line of the printed title may end only between two of them (see
    /// `SegmentedText`). The PDF's information, the HTML `<title>` and the manifest use the joined `title`.
    public var titleSegments: [String]
    public var office: String
    public var subject: String
    public var keywords: [String]
    public var publicationDate: CivilDate
    public var language: String
    /// The 政府信息公开 catalogue entry, printed on the document; nil for a document outside the
    /// catalogue (one rendered on its own with `gongkai render`).
    public var catalogue: CatalogueEntry?

    public var title: String { titleSegments.joined() }

    /// A title without break hints: one segment, broken anywhere when it needs more than a line.
    public init(title: String, office: String, subject: String = "", keywords: [String] = [],
                publicationDate: CivilDate, language: String = "zh-CN", catalogue: CatalogueEntry? = nil) {
        self.init(title: [title], office: office, subject: subject, keywords: keywords,
                  publicationDate: publicationDate, language: language, catalogue: catalogue)
    }

    /// A title given as segments, e.g. ["原州区", "2026年10月", "特困人员", "救助供养", "对象公布"].
    public init(title segments: [String], office: String, subject: String = "", keywords: [String] = [],
                publicationDate: CivilDate, language: String = "zh-CN", catalogue: CatalogueEntry? = nil) {
        self.titleSegments = segments
        self.office = office
        self.subject = subject
        self.keywords = keywords
        self.publicationDate = publicationDate
        self.language = language
        self.catalogue = catalogue
    }

    private enum CodingKeys: String, CodingKey { case title, office, subject, keywords, publicationDate, language, catalogue }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        titleSegments = try c.decode(SegmentedText.self, forKey: .title).segments
        office = try c.decode(String.self, forKey: .office)
        subject = try c.decodeIfPresent(String.self, forKey: .subject) ?? ""
        keywords = try c.decodeIfPresent([String].self, forKey: .keywords) ?? []
        publicationDate = try c.decode(CivilDate.self, forKey: .publicationDate)
        language = try c.decodeIfPresent(String.self, forKey: .language) ?? "zh-CN"
        catalogue = try c.decodeIfPresent(CatalogueEntry.self, forKey: .catalogue)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(SegmentedText(titleSegments), forKey: .title)
        try c.encode(office, forKey: .office)
        try c.encode(subject, forKey: .subject)
        try c.encode(keywords, forKey: .keywords)
        try c.encode(publicationDate, forKey: .publicationDate)
        try c.encode(language, forKey: .language)
        try c.encodeIfPresent(catalogue, forKey: .catalogue)
    }
}
