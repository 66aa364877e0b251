/// Numbers headings in the official style: 一、 （一） 1. （1）. A higher-level heading restarts the
/// counters below it, as a reader of a 公文 expects.
public struct HeadingNumbering: Sendable {
    private var counters = [0, 0, 0, 0]

    public init() {}

    /// The label of the next heading at `level`, e.g. "三、" or "（2）".
    public mutating func next(level: Int) -> String {
        let index = max(1, min(4, level)) - 1
        counters[index] += 1
        for lower in (index + 1)..<4 { counters[lower] = 0 }
        let n = counters[index]
        switch index {
        case 0: return Self.chineseNumeral(n) + "、"
        case 1: return "（" + Self.chineseNumeral(n) + "）"
        case 2: return "\(n)．"
        default: return "（\(n)）"
        }
    }

    /// Chinese numerals as written in headings: 一 … 十, 十一, 二十, 九十九.
    public static func chineseNumeral(_ n: Int) -> String {
        let digits = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"]
        guard n > 0, n < 100 else { return String(n) }
        if n < 10 { return digits[n] }
        let tens = n / 10, ones = n % 10
        return (tens == 1 ? "" : digits[tens]) + "十" + (ones == 0 ? "" : digits[ones])
    }
}
