/// The JSON form of a title or heading with its break opportunities: one string (a single segment, as
/// titles were written before segments existed) or an array of strings, one per segment.
///
/// A title such as 原州区2026年10月特困人员救助供养对象公布 given as ["原州区", "2026年10月", "特困人员",
/// "救助供养", "对象公布"] may end a line only between two segments, so no word is split (社会救 / 助).
/// Only a segment wider than a whole line is broken inside, as a last resort, rather than run past the
/// margin.
struct SegmentedText: Codable, Equatable {
    let segments: [String]

    init(_ segments: [String]) { self.segments = segments }

    init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let text = try? c.decode(String.self) {
            segments = [text]
        } else {
            segments = try c.decode([String].self)
        }
    }

    /// One segment is written as a plain string, so a document without break hints keeps its old shape.
    func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        if segments.count == 1 { try c.encode(segments[0]) } else { try c.encode(segments) }
    }
}
