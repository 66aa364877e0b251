import Foundation

/// The one JSON form gongkai writes — manifests, open data, documents, command output: sorted keys,
/// unescaped slashes, indented. The same value always gives the same bytes, so releases reproduce
/// and files diff well.
public enum StableJSON {
    public static func data(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    public static func text(_ value: some Encodable) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }
}
