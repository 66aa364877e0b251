import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Small helpers shared by the SAX readers of a workbook's parts.
enum XMLParts {
    /// An element's name without its namespace prefix (`x:c` → `c`): writers differ in prefixes.
    static func local(_ name: String) -> Substring {
        guard let colon = name.lastIndex(of: ":") else { return Substring(name) }
        return name[name.index(after: colon)...]
    }

    /// An attribute by local name (`r:id` is found as `id`, `sheetId` is not).
    static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        if let value = attributes[name] { return value }
        return attributes.first { local($0.key) == name[...] && $0.key.contains(":") }?.value
    }

    /// Parses a small part (workbook, relationships, styles) held in memory with `delegate`.
    static func parse(_ data: Data, with delegate: any XMLParserDelegate) -> Bool {
        let parser = XMLParser(data: data)
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        return parser.parse()
    }
}
