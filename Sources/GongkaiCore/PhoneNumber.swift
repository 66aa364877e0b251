/// Checks a mainland phone number: a mobile (11 digits starting 13–19) or a landline with area code
/// ("0954-2031234", "09542031234", optional "-ext").
public enum PhoneNumber {
    public static func isValid(_ text: some StringProtocol) -> Bool {
        let s = Array(text.trimmingASCIIWhitespace().utf8).filter { $0 != UInt8(ascii: " ") }
        if s.count == 11, s[0] == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(s[1]),
           s.allSatisfy({ $0.isASCIIDigit }) { return true }
        // Landline: 0 + 2–3 digit area code, optional dash, 7–8 digit number, optional -extension.
        let groups = s.split(separator: UInt8(ascii: "-"), omittingEmptySubsequences: false)
        guard groups.allSatisfy({ !$0.isEmpty && $0.allSatisfy({ $0.isASCIIDigit }) }), s.first == UInt8(ascii: "0") else {
            return false
        }
        switch groups.count {
        case 1: return (10...12).contains(s.count)
        case 2, 3:
            let areaOK = (3...4).contains(groups[0].count)
            let numberOK = (7...8).contains(groups[1].count)
            let extOK = groups.count == 2 || (1...6).contains(groups[2].count)
            return areaOK && numberOK && extOK
        default: return false
        }
    }
}
