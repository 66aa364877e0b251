/// Text as escaped HTML with its English glosses marked: a run of Latin words with at least one
/// lower-case letter ("Outcome indicators", "gongkai verify") becomes `<span lang="en">…</span>`, so
/// a screen reader reads it in English rather than spelling it out in Chinese (WCAG 3.1.2). Acronyms
/// alone ("CSV", "SHA-256") are read the same in both and stay as they are, and so do letters inside
/// a word that also holds digits ("27ea95cc…", "H1"): a code or digest, not English — and one piece,
/// so the publication guard still sees a digest where it would otherwise see a bare run of digits.
enum Phrasing {
    static func html(_ text: String) -> String {
        let characters = Array(text)
        let inCode = codeWordPositions(characters)
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
            if (isLetter(c) && !inCode[i]) || (!run.isEmpty && (c == " " || c == "-" || c == "'" || c == "." || c == ",")) {
                run.append(c)
            } else {
                if !run.isEmpty { flush() }
                out += SVGChart.escape(String(c))
            }
        }
        if !run.isEmpty { flush() }
        return out
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
