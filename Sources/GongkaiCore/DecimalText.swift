/// Plain decimal text ("1234567.00", "-3.5") as printed tables show it.
public enum DecimalText {
    /// "1234567.00" → "1,234,567.00": commas every three digits of the integer part; the sign and
    /// the decimals are left alone.
    public static func groupingThousands(_ plain: String) -> String {
        let negative = plain.hasPrefix("-")
        let body = negative ? plain.dropFirst() : Substring(plain)
        let integer = body.prefix { $0 != "." }, rest = body.dropFirst(integer.count)
        var digits = Array(integer), out: [Character] = []
        while digits.count > 3 {
            out = [","] + digits.suffix(3) + out
            digits.removeLast(3)
        }
        return (negative ? "-" : "") + String(digits + out) + rest
    }
}
