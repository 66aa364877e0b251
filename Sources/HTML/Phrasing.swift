/// Text as escaped HTML with its English glosses marked: a run of Latin words with at least one
/// lower-case letter ("Outcome indicators", "gongkai verify") becomes `<span lang="en">…</span>`, so
/// a screen reader reads it in English rather than spelling it out in Chinese (WCAG 3.1.2). Acronyms
/// alone ("CSV", "SHA-256") are read the same in both and stay as they are.
enum Phrasing {
    static func html(_ text: String) -> String {
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
        for c in text {
            if isLetter(c) || (!run.isEmpty && (c == " " || c == "-" || c == "'" || c == "." || c == ",")) {
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
}
