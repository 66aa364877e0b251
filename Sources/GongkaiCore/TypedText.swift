/// Rules for text a person typed, shared by every way in (the importer's cells, the desk's intake in
/// the CLI and in the browser), so that one name or number is accepted or refused the same way
/// wherever it is typed.
public enum TypedText {
    /// The full-width forms of ASCII (U+FF01–U+FF5E, what a Chinese input method types: ０–９, Ｘ,
    /// －, ．, ：) made ASCII, as Unicode's NFKC does for them; other characters are left alone.
    public static func halfWidth(_ text: String) -> String {
        guard text.utf8.contains(0xEF) else { return text }  // every full-width form starts with byte EF
        var out = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            out.append((0xFF01...0xFF5E).contains(s.value) ? Unicode.Scalar(s.value - 0xFEE0) ?? s : s)
        }
        return String(out)
    }

    /// What makes `name` unfit as a person's name, or nil: a space, tab, ideographic space or
    /// invisible format character inside (李 万 would be masked as 李*万, the whole name, and the
    /// publication guard would not recognise 张\u{200B}三 as 张三). A middle dot (阿依古丽·买买提) is
    /// part of the name.
    public static func nameProblem(_ name: String) -> String? {
        guard let inside = name.unicodeScalars.first(where: { $0.properties.isWhitespace || $0.properties.generalCategory == .format }) else {
            return nil
        }
        let what = inside.properties.generalCategory == .format
            ? "an invisible character (U+\(String(inside.value, radix: 16, uppercase: true)))" : "a space"
        return "the name holds \(what) inside"
    }
}
