import Document
/// Text as escaped HTML with its English glosses marked: a run of Latin words with at least one
/// lower-case letter ("Outcome indicators", "gongkai verify") becomes `<span lang="en">…</span>`, so
/// a screen reader reads it in English rather than spelling it out in Chinese (WCAG 3.1.2). Acronyms
/// alone ("CSV", "SHA-256") are read the same in both and stay as they are, and so do letters inside
/// a word that also holds digits ("27ea95cc…", "H1"): a code or digest, not English — and one piece,
/// so the publication guard still sees a digest where it would otherwise see a bare run of digits.
/// A date or a number with its unit (`NoBreak`) is set in `<span class="nobr">`, never broken.
enum Phrasing {
    /// `noBreak: false` for a title's or heading's segments, which break only between segments anyway.
    static func html(_ text: String, noBreak: Bool = true) -> String {
        let characters = Array(text)
        let inCode = codeWordPositions(characters)
        let together = noBreak ? NoBreak.ranges(in: characters) : []
        let opens = Set(together.map(\.lowerBound)), closes = Set(together.map(\.upperBound))
        var out = ""
        var run = ""
        func flush() {
            // A run ends with the last letter: trailing spaces and punctuation stay outside the span.
            let trimmed = run.reversed().drop { !isLetter($0) }.reversed()
            let tail = run.dropFirst(trimmed.count)
            if trimmed.contains(where: { $0.isASCII && $0.isLowercase }) {
                out += "<span lang=\"en\">" + SVGChart.escape(String(trimmed)) + "</span>"
            } else {
                out += SVGChart.escape(String(trimmed))
            }
            out += SVGChart.escape(String(tail))
            run = ""
        }
        for (i, c) in characters.enumerated() {
            if closes.contains(i) || opens.contains(i) { if !run.isEmpty { flush() } }
            if closes.contains(i) { out += "</span>" }
            if opens.contains(i) { out += "<span class=\"nobr\">" }
            if (isLetter(c) && !inCode[i]) || (!run.isEmpty && (c == " " || c == "-" || c == "'" || c == "." || c == ",")) {
                run.append(c)
            } else {
                if !run.isEmpty { flush() }
                out += SVGChart.escape(String(c))
            }
        }
        if !run.isEmpty { flush() }
        if closes.contains(characters.count) { out += "</span>" }
        return out
    }

    /// A table cell, escaped, with its dates and numbers with units in `<span class="nobr">`. Most
    /// cells hold no digit (a village, a name) and are only escaped, which keeps a 50,000-row notice fast.
    static func cell(_ text: String) -> String {
        guard text.utf8.contains(where: { (0x30...0x39).contains($0) }) else { return SVGChart.escape(text) }
        let characters = Array(text)
        var out = "", last = 0
        for range in NoBreak.ranges(in: characters) {
            out += SVGChart.escape(String(characters[last..<range.lowerBound]))
            out += "<span class=\"nobr\">" + SVGChart.escape(String(characters[range])) + "</span>"
            last = range.upperBound
        }
        return out + SVGChart.escape(String(characters[last...]))
    }

    private static func isLetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }

    /// For each character: whether it belongs to a run of ASCII letters and digits holding both.
    private static func codeWordPositions(_ characters: [Character]) -> [Bool] {
        var marks = [Bool](repeating: false, count: characters.count)
        var start = 0
        while start < characters.count {
            var end = start
            while end < characters.count, characters[end].isASCII, characters[end].isLetter || characters[end].isNumber { end += 1 }
            if end > start {
                let word = characters[start..<end]
                if word.contains(where: \.isNumber), word.contains(where: \.isLetter) {
                    for i in start..<end { marks[i] = true }
                }
                start = end
            } else {
                start += 1
            }
        }
        return marks
    }
}
