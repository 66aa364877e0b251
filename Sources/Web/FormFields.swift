import Foundation

/// The fields of an `application/x-www-form-urlencoded` body or a query string, decoded.
///
/// Hostile input by default: a field that is not valid percent-encoded UTF-8 is dropped, a field
/// repeated gives its first value to `subscript` (every value to `all`, for check boxes), and the
/// whole body was capped by `WebContext.maxUploadSize`.
public struct FormFields: Sendable, Equatable {
    private var values: [String: [String]] = [:]

    public init(_ encoded: some StringProtocol) {
        for pair in String(encoded).split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), !name.isEmpty else { continue }
            guard let value = parts.count > 1 ? Self.decode(parts[1]) : "" else { continue }
            values[name, default: []].append(value)
        }
    }

    public subscript(name: String) -> String? { values[name]?.first }

    /// Every value of a repeated field, in order.
    public func all(_ name: String) -> [String] { values[name] ?? [] }

    /// The value with surrounding white space removed, nil when empty or absent.
    public func trimmed(_ name: String) -> String? {
        guard let text = self[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    private static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
