/// Body text: runs so that a phrase can be emphasised without markup in the strings. Paragraphs start
/// with the two-character indent GB/T 9704 asks for unless `indent` is false.
public struct Paragraph: Sendable, Codable, Equatable {
    public var runs: [Run]
    public var indent: Bool

    public init(runs: [Run], indent: Bool = true) {
        self.runs = runs
        self.indent = indent
    }

    public init(_ text: String, indent: Bool = true) {
        self.init(runs: [Run(text)], indent: indent)
    }

    public var text: String { runs.map(\.text).joined() }

    private enum CodingKeys: String, CodingKey { case runs, text, indent }

    /// Accepts `"text": "…"` as shorthand for one plain run.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let runs = try c.decodeIfPresent([Run].self, forKey: .runs) {
            self.runs = runs
        } else {
            self.runs = [Run(try c.decode(String.self, forKey: .text))]
        }
        indent = try c.decodeIfPresent(Bool.self, forKey: .indent) ?? true
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(runs, forKey: .runs)
        try c.encode(indent, forKey: .indent)
    }
}

/// A stretch of text with one emphasis. Emphasis is rendered bold in the PDF and `<strong>` in HTML.
public struct Run: Sendable, Codable, Equatable {
    public var text: String
    public var emphasis: Bool

    public init(_ text: String, emphasis: Bool = false) {
        self.text = text
        self.emphasis = emphasis
    }

    private enum CodingKeys: String, CodingKey { case text, emphasis }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        text = try c.decode(String.self, forKey: .text)
        emphasis = try c.decodeIfPresent(Bool.self, forKey: .emphasis) ?? false
    }
}
