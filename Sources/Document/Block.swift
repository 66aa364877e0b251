/// A block of the document's flow. In JSON each block is an object whose `type` names the kind and
/// whose other keys are that kind's fields, so a staff member can read and edit one block at a time.
public enum Block: Sendable, Codable, Equatable {
    case heading(Heading)
    case paragraph(Paragraph)
    case keyFigures(KeyFigures)
    case table(Table)
    case chart(Chart)
    case note(Note)
    case signature(Signature)
    case pageBreak

    private enum Kind: String, Codable {
        case heading, paragraph, keyFigures, table, chart, note, signature, pageBreak
    }

    private enum TypeKey: String, CodingKey { case type }

    public init(from decoder: Decoder) throws {
        let kind = try decoder.container(keyedBy: TypeKey.self).decode(Kind.self, forKey: .type)
        switch kind {
        case .heading: self = .heading(try Heading(from: decoder))
        case .paragraph: self = .paragraph(try Paragraph(from: decoder))
        case .keyFigures: self = .keyFigures(try KeyFigures(from: decoder))
        case .table: self = .table(try Table(from: decoder))
        case .chart: self = .chart(try Chart(from: decoder))
        case .note: self = .note(try Note(from: decoder))
        case .signature: self = .signature(try Signature(from: decoder))
        case .pageBreak: self = .pageBreak
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: TypeKey.self)
        switch self {
        case .heading(let v): try c.encode(Kind.heading, forKey: .type); try v.encode(to: encoder)
        case .paragraph(let v): try c.encode(Kind.paragraph, forKey: .type); try v.encode(to: encoder)
        case .keyFigures(let v): try c.encode(Kind.keyFigures, forKey: .type); try v.encode(to: encoder)
        case .table(let v): try c.encode(Kind.table, forKey: .type); try v.encode(to: encoder)
        case .chart(let v): try c.encode(Kind.chart, forKey: .type); try v.encode(to: encoder)
        case .note(let v): try c.encode(Kind.note, forKey: .type); try v.encode(to: encoder)
        case .signature(let v): try c.encode(Kind.signature, forKey: .type); try v.encode(to: encoder)
        case .pageBreak: try c.encode(Kind.pageBreak, forKey: .type)
        }
    }
}
