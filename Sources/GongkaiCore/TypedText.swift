import Foundation

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

    /// A key or number as the office means it, however it was typed: Unicode NFKC (full-width
    /// letters and digits become ASCII, ＹＺ → YZ), invisible format characters removed (general
    /// category Cf: U+200B zero-width space, U+200D, U+2060 …, which copying from a web page or a
    /// chat leaves behind), letters upper-cased, spaces at the edges trimmed. So `YZ0000005`,
    /// `ＹＺ0000005`, `yz0000005` and `YZ0000005`+U+200B are one household key, and an ID number
    /// ending in `ｘ` is the one ending in `X`: one person or household is never split in two by how a
    /// clerk's keyboard typed it.
    public static func identifier(_ text: String) -> String {
        // Fast path, what every export writes: printable ASCII without lower-case letters.
        if text.utf8.allSatisfy({ (0x21...0x7E).contains($0) && !(0x61...0x7A).contains($0) }) { return text }
        var kept = String.UnicodeScalarView()
        for scalar in text.precomposedStringWithCompatibilityMapping.unicodeScalars
        where scalar.properties.generalCategory != .format {
            kept.append(scalar)
        }
        return String(kept).uppercased().trimmingCharacters(in: .whitespaces)
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
            ? "不可见字符（U+\(String(inside.value, radix: 16, uppercase: true))）" : "空格"
        return "姓名中间含有\(what)"
    }
}
