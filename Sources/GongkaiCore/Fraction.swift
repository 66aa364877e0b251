/// An exact rational number, for indicator values: a ratio is computed from integer numerator and
/// denominator and rounded once, at presentation, half away from zero. No floating point touches a
/// published figure, so the same inputs print the same digits on every machine.
public struct Fraction: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int128
    public let denominator: Int128

    /// A fraction in lowest terms with a positive denominator; nil when `denominator` is 0.
    public init?(_ numerator: Int128, _ denominator: Int128) {
        guard denominator != 0, denominator != .min || numerator != .min else { return nil }
        let sign: Int128 = denominator < 0 ? -1 : 1
        let g = Fraction.gcd(numerator.magnitude, denominator.magnitude)
        self.numerator = sign * numerator / Int128(g)
        self.denominator = sign * denominator / Int128(g)
    }

    public init(integer: Int64) { numerator = Int128(integer); denominator = 1 }

    /// Reads a plain decimal ("95", "0.01", "-2.5"), as written for factors and targets; nil when
    /// malformed or too long to hold exactly (more than 30 digits).
    public init?(decimal text: String) {
        var s = Substring(text.trimmingASCIIWhitespace())
        let negative = s.hasPrefix("-")
        if negative || s.hasPrefix("+") { s = s.dropFirst() }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
              parts.allSatisfy({ $0.utf8.allSatisfy(\.isASCIIDigit) }), parts.count == 1 || !parts[1].isEmpty,
              parts.reduce(0, { $0 + $1.count }) <= Self.maximumDecimalDigits,
              let whole = Int128(String(parts[0])) else { return nil }
        var num = whole, den: Int128 = 1
        if parts.count == 2 {
            for d in parts[1].utf8 { num = num * 10 + Int128(d - 48); den *= 10 }
        }
        self.init(negative ? -num : num, den)
    }

    /// Digits a decimal may have: 10^30 leaves room to multiply by any Int64 count within Int128.
    public static let maximumDecimalDigits = 30

    /// a × b in lowest terms; nil when the exact result does not fit (no count of people or fen
    /// times a catalogue factor comes near). Factors are cross-cancelled first.
    public func multiplied(by b: Fraction) -> Fraction? {
        let g1 = Int128(Self.gcd(numerator.magnitude, b.denominator.magnitude))
        let g2 = Int128(Self.gcd(b.numerator.magnitude, denominator.magnitude))
        let (n, o1) = (numerator / g1).multipliedReportingOverflow(by: b.numerator / g2)
        let (d, o2) = (denominator / g2).multipliedReportingOverflow(by: b.denominator / g1)
        return o1 || o2 ? nil : Fraction(n, d)
    }

    /// a + b; nil when the exact result does not fit.
    public func adding(_ b: Fraction) -> Fraction? {
        let g = Int128(Self.gcd(denominator.magnitude, b.denominator.magnitude))
        let (left, o1) = numerator.multipliedReportingOverflow(by: b.denominator / g)
        let (right, o2) = b.numerator.multipliedReportingOverflow(by: denominator / g)
        let (n, o3) = left.addingReportingOverflow(right)
        let (d, o4) = (denominator / g).multipliedReportingOverflow(by: b.denominator)
        return o1 || o2 || o3 || o4 ? nil : Fraction(n, d)
    }

    /// a − b; nil when the exact result does not fit.
    public func subtracting(_ b: Fraction) -> Fraction? {
        b.numerator == .min ? nil : adding(Fraction(uncheckedNumerator: -b.numerator, denominator: b.denominator))
    }

    /// Exact for every pair: the cross products are compared at double width.
    public static func < (a: Fraction, b: Fraction) -> Bool {
        let left = a.numerator.multipliedFullWidth(by: b.denominator)
        let right = b.numerator.multipliedFullWidth(by: a.denominator)
        return left.high != right.high ? left.high < right.high : left.low < right.low
    }

    private init(uncheckedNumerator: Int128, denominator: Int128) {
        numerator = uncheckedNumerator; self.denominator = denominator
    }

    public enum Rounding: Sendable { case halfAwayFromZero, down, up }

    /// The value rounded to `decimals` places (half away from zero unless asked otherwise; `down` and
    /// `up` go toward −∞ and +∞), written with '.' and no grouping: "98.5", "-0.3", "1200".
    public func formatted(decimals: Int, rounding: Rounding = .halfAwayFromZero) -> String {
        var scale: Int128 = 1
        for _ in 0..<decimals { scale *= 10 }
        let scaled = numerator.magnitude * UInt128(scale)
        let den = denominator.magnitude
        var q = scaled / den
        let remainder = scaled % den
        switch rounding {
        case .halfAwayFromZero: if remainder * 2 >= den { q += 1 }
        case .down: if remainder > 0 && numerator < 0 { q += 1 }
        case .up: if remainder > 0 && numerator > 0 { q += 1 }
        }
        let negative = numerator < 0 && q != 0
        let digits = String(q)
        guard decimals > 0 else { return (negative ? "-" : "") + digits }
        let padded = String(repeating: "0", count: max(0, decimals + 1 - digits.count)) + digits
        let cut = padded.index(padded.endIndex, offsetBy: -decimals)
        return (negative ? "-" : "") + padded[..<cut] + "." + padded[cut...]
    }

    /// The value for data files: exact when its decimal expansion ends within `maxDecimals` places
    /// ("1234", "97.98"), else rounded half away from zero to that many ("66.6667"). No trailing zeros.
    public func dataText(maxDecimals: Int = 4) -> String {
        let text = formatted(decimals: maxDecimals)
        guard text.contains(".") else { return text }
        var trimmed = Substring(text)
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return trimmed == "-0" ? "0" : String(trimmed)
    }

    public var description: String { formatted(decimals: 4) }

    /// part ÷ whole as a percentage, rounded half away from zero: "98.5"; nil when whole is 0. The one
    /// percent rule of every table, notice and export that prints a share of counts.
    public static func percentText(_ part: Int, of whole: Int, decimals: Int = 1) -> String? {
        Fraction(Int128(part) * 100, Int128(whole))?.formatted(decimals: decimals)
    }

    private static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }
}
