/// Marks a page's content stream, as Cairo 1.16 draws it untagged, with the structure the renderer
/// recorded: each run of glyphs that belongs to an element is wrapped in `/TD <</MCID n>> BDC … EMC`
/// (its type, a new marked-content id), each run outside every element (the page number) in
/// `/Artifact BMC … EMC`. Runs are found by counting glyphs: Cairo writes every glyph Pango gives it,
/// in drawing order, as four hex digits in a `Tj` or `TJ` string (its fonts are CID-keyed with
/// Identity-H), so the n-th glyph of the stream is the n-th glyph drawn. Where two cells share one
/// `TJ` (Cairo joins glyphs on one baseline), the string is split between them; the glyph positions
/// are unchanged, since a `TJ` goes on where the previous one stopped.
///
/// A sequence never crosses a text object's end: a run that goes on after an `ET` gets a new id in the
/// next text object (an element may hold several). Cairo's own sequences (`/Span << /ActualText … >>`
/// around a ligature) stay whole inside ours. Anything else — a count that does not add up, a string
/// Cairo 1.16 does not write — is refused with `PDFError.unexpectedStructure`, never guessed at.
struct MarkedContent {
    let runs: [StructureRecorder.Run]

    /// The marked stream, and for each marked-content id (0, 1, …) the element it belongs to: the page's
    /// array in the structure tree's parent tree.
    func mark(_ content: [UInt8]) throws(PDFError) -> (content: [UInt8], elements: [Int32]) {
        var walk = Walk(runs: runs, input: content)
        try content.withUnsafeBufferPointer { bytes throws(PDFError) in try walk.run(bytes) }
        return (walk.out, walk.elements)
    }
}

/// The state of one pass over a content stream.
private struct Walk {
    let runs: [StructureRecorder.Run]
    let input: [UInt8]
    var out: [UInt8] = []
    var elements: [Int32] = []
    /// Input bytes before this index are already in `out`.
    var copied = 0
    /// The next run to open, and whether it is open, with how many of its glyphs are still to come.
    var next = 0
    var isOpen = false
    var remaining = 0
    /// Depth of Cairo's own marked-content sequences, and the depth at which ours was opened: ours
    /// closes only at that depth, after Cairo's inner sequence ends.
    var cairoDepth = 0
    var openedAt = 0
    var closeWhenBack = false

    init(runs: [StructureRecorder.Run], input: [UInt8]) {
        self.runs = runs; self.input = input
        out.reserveCapacity(input.count + input.count / 4)
    }

    mutating func run(_ bytes: UnsafeBufferPointer<UInt8>) throws(PDFError) {
        var operands: [Token] = []
        var operationStart: Int? = nil
        var i = 0
        let n = bytes.count
        while i < n {
            let c = bytes[i]
            if Self.isWhite(c) { i += 1; continue }
            let start = i
            switch c {
            case UInt8(ascii: "%"):
                while i < n && bytes[i] != 0x0A && bytes[i] != 0x0D { i += 1 }
                continue
            case UInt8(ascii: "<"):
                if i + 1 < n && bytes[i + 1] == UInt8(ascii: "<") {
                    i = try Self.skipDictionary(bytes, from: i)
                    operands.append(Token(kind: .other, range: start..<i))
                } else {
                    var digits = 0
                    i += 1
                    while i < n && bytes[i] != UInt8(ascii: ">") {
                        if !Self.isWhite(bytes[i]) { digits += 1 }
                        i += 1
                    }
                    guard i < n else { throw .unexpectedStructure("an unterminated hex string in a page's content") }
                    i += 1
                    operands.append(Token(kind: .hex(digits: digits), range: start..<i))
                }
            case UInt8(ascii: "("):
                i = try Self.skipLiteral(bytes, from: i)
                operands.append(Token(kind: .literal, range: start..<i))
            case UInt8(ascii: "["), UInt8(ascii: "]"):
                i += 1
                operands.append(Token(kind: .other, range: start..<i))
            case UInt8(ascii: "/"):
                i += 1
                while i < n && !Self.isWhite(bytes[i]) && !Self.isDelimiter(bytes[i]) { i += 1 }
                operands.append(Token(kind: .other, range: start..<i))
            default:
                while i < n && !Self.isWhite(bytes[i]) && !Self.isDelimiter(bytes[i]) { i += 1 }
                if i == start { throw .unexpectedStructure("an unexpected byte in a page's content") }
                if Self.isNumber(c) {
                    operands.append(Token(kind: .number, range: start..<i))
                } else {
                    try operation(bytes, name: start..<i, start: operationStart ?? start, operands: operands)
                    operands.removeAll(keepingCapacity: true)
                    operationStart = nil
                    continue
                }
            }
            if operationStart == nil { operationStart = start }
        }
        try flushEmptyRuns()
        guard next == runs.count, !isOpen else {
            throw .unexpectedStructure("a page's content holds fewer glyphs than were drawn on it")
        }
        out.append(contentsOf: input[copied...])
    }

    private mutating func operation(_ bytes: UnsafeBufferPointer<UInt8>, name: Range<Int>, start: Int,
                                    operands: [Token]) throws(PDFError) {
        let op = (name.count, bytes[name.lowerBound], name.count > 1 ? bytes[name.lowerBound + 1] : 0,
                  name.count > 2 ? bytes[name.lowerBound + 2] : 0)
        switch op {
        case (2, UInt8(ascii: "T"), UInt8(ascii: "j"), _), (2, UInt8(ascii: "T"), UInt8(ascii: "J"), _):
            try show(operands, start: start, end: name.upperBound, array: bytes[name.lowerBound + 1] == UInt8(ascii: "J"))
        case (2, UInt8(ascii: "E"), UInt8(ascii: "T"), _):
            // A sequence ends with its text object; the run, if unfinished, goes on in the next one.
            if isOpen {
                guard cairoDepth == openedAt else { throw .unexpectedStructure("a text object ends inside Cairo's marked content") }
                insert(at: start, Self.endMarked)
                isOpen = false
                closeWhenBack = false
                if remaining == 0 { next += 1 }
            }
        case (3, UInt8(ascii: "B"), UInt8(ascii: "D"), UInt8(ascii: "C")), (3, UInt8(ascii: "B"), UInt8(ascii: "M"), UInt8(ascii: "C")):
            // Cairo's own sequence (ActualText): ours opens around it, not inside.
            if !isOpen {
                try flushEmptyRuns(at: start)
                if next < runs.count { open(at: start) }
            }
            cairoDepth += 1
        case (3, UInt8(ascii: "E"), UInt8(ascii: "M"), UInt8(ascii: "C")):
            cairoDepth -= 1
            if isOpen && closeWhenBack && cairoDepth == openedAt { close(at: name.upperBound) }
        case (1, UInt8(ascii: "'"), _, _), (1, UInt8(ascii: "\""), _, _), (2, UInt8(ascii: "I"), UInt8(ascii: "D"), _):
            throw .unexpectedStructure("a content operator Cairo 1.16 does not write")
        default:
            break
        }
    }

    /// A `Tj` (one string) or `TJ` (an array of strings and adjustments) from `start` to `end`.
    private mutating func show(_ operands: [Token], start: Int, end: Int, array: Bool) throws(PDFError) {
        var glyphs = 0
        for token in operands {
            switch token.kind {
            case .hex(let digits):
                guard digits % 4 == 0 else { throw .unexpectedStructure("a text string that is not two bytes a glyph") }
                glyphs += digits / 4
            case .literal: throw .unexpectedStructure("a literal text string")
            case .number, .other: break
            }
        }
        guard glyphs > 0 else { return }
        if !isOpen {
            try flushEmptyRuns(at: start)
            guard next < runs.count else { throw .unexpectedStructure("a page's content holds more glyphs than were drawn on it") }
            open(at: start)
        }
        if glyphs <= remaining {
            remaining -= glyphs
            if remaining == 0 { closeOrDefer(at: end) }
            return
        }
        // The operation holds the end of this run and the start of the next: split it.
        guard cairoDepth == openedAt else { throw .unexpectedStructure("a run ends inside Cairo's marked content") }
        out.append(contentsOf: input[copied..<start])
        // The pieces are written each on its line: the operator's own line end goes with it.
        copied = end < input.count && Self.isWhite(input[end]) ? end + 1 : end
        var group: [UInt8] = []
        for token in operands {
            switch token.kind {
            case .hex(let digits):
                let hex = input[token.range].filter { $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") && !Self.isWhite($0) }
                var offset = 0
                let count = digits / 4
                while offset < count {
                    if remaining == 0 {
                        emit(&group, array: array)
                        out += Self.endMarked
                        isOpen = false
                        next += 1
                        try flushEmptyRuns(at: nil)
                        guard next < runs.count else { throw .unexpectedStructure("a page's content holds more glyphs than were drawn on it") }
                        open(at: nil)
                    }
                    let take = min(remaining, count - offset)
                    group.append(UInt8(ascii: "<"))
                    group += hex[(hex.startIndex + offset * 4)..<(hex.startIndex + (offset + take) * 4)]
                    group.append(UInt8(ascii: ">"))
                    offset += take
                    remaining -= take
                }
            case .number:
                group += input[token.range]
                group.append(UInt8(ascii: " "))
            case .literal, .other: break
            }
        }
        emit(&group, array: array)
        if remaining == 0 {
            out += Self.endMarked
            isOpen = false
            next += 1
        }
    }

    private mutating func emit(_ group: inout [UInt8], array: Bool) {
        guard !group.isEmpty else { return }
        if array { out.append(UInt8(ascii: "[")) }
        out += group
        out += array ? Array("]TJ\n".utf8) : Array("Tj\n".utf8)
        group.removeAll(keepingCapacity: true)
    }

    /// Opens the next run (at input index `at`, or at the end of `out` when nil).
    private mutating func open(at index: Int?) {
        let run = runs[next]
        if !isOpen && remaining == 0 { remaining = run.glyphs }
        var bytes: [UInt8]
        if run.element == StructureRecorder.artifact {
            bytes = Self.beginArtifact
        } else {
            bytes = Array("/\(StructureRecorder.tags[Int(run.kind)]) <</MCID \(elements.count)>> BDC\n".utf8)
            elements.append(run.element)
        }
        if let index { insert(at: index, bytes) } else { out += bytes }
        isOpen = true
        openedAt = cairoDepth
        closeWhenBack = false
    }

    private mutating func closeOrDefer(at index: Int) {
        if cairoDepth == openedAt { close(at: index) } else { closeWhenBack = true }
    }

    /// Ends our sequence after the operator that ends at `index` (after its line's newline).
    private mutating func close(at index: Int) {
        if index < input.count && Self.isWhite(input[index]) {
            insert(at: index + 1, Self.endMarked)
        } else {
            insert(at: index, [UInt8(ascii: "\n")] + Self.endMarked)
        }
        isOpen = false
        closeWhenBack = false
        next += 1
    }

    /// Runs with no glyphs (an empty cell): an empty sequence, so the element still has its id.
    private mutating func flushEmptyRuns(at index: Int? = nil) throws(PDFError) {
        while !isOpen && next < runs.count && runs[next].glyphs == 0 && remaining == 0 {
            let run = runs[next]
            if run.element != StructureRecorder.artifact {
                let bytes = Array("/\(StructureRecorder.tags[Int(run.kind)]) <</MCID \(elements.count)>> BDC\nEMC\n".utf8)
                elements.append(run.element)
                if let index { insert(at: index, bytes) } else { out += bytes }
            }
            next += 1
        }
    }

    private mutating func insert(at index: Int, _ bytes: [UInt8]) {
        if index > copied {
            out.append(contentsOf: input[copied..<index])
            copied = index
        }
        out += bytes
    }

    static let endMarked = Array("EMC\n".utf8), beginArtifact = Array("/Artifact BMC\n".utf8)

    struct Token {
        enum Kind { case number, hex(digits: Int), literal, other }
        let kind: Kind
        let range: Range<Int>
    }

    static func isWhite(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0x0C || c == 0x00 }

    static func isDelimiter(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "["),
             UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "/"), UInt8(ascii: "%"): true
        default: false
        }
    }

    static func isNumber(_ c: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c) || c == UInt8(ascii: "-") || c == UInt8(ascii: "+") || c == UInt8(ascii: ".")
    }

    /// The index after the `>>` that closes the dictionary opening at `from`.
    static func skipDictionary(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) throws(PDFError) -> Int {
        var depth = 0, i = from
        while i < bytes.count {
            let c = bytes[i]
            if c == UInt8(ascii: "<") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "<") { depth += 1; i += 2; continue }
            if c == UInt8(ascii: ">") && i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: ">") {
                depth -= 1; i += 2
                if depth == 0 { return i }
                continue
            }
            if c == UInt8(ascii: "(") { i = try skipLiteral(bytes, from: i); continue }
            i += 1
        }
        throw .unexpectedStructure("an unterminated dictionary in a page's content")
    }

    /// The index after the `)` that closes the literal string opening at `from` (nested parentheses
    /// and backslash escapes counted).
    static func skipLiteral(_ bytes: UnsafeBufferPointer<UInt8>, from: Int) throws(PDFError) -> Int {
        var depth = 0, i = from
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\\"): i += 2; continue
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"):
                depth -= 1
                if depth == 0 { return i + 1 }
            default: break
            }
            i += 1
        }
        throw .unexpectedStructure("an unterminated string in a page's content")
    }
}
