import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The shared-string table (xl/sharedStrings.xml), which cells of type `s` index into. It is held in
/// memory: that is inherent to the format. Each `si` is its text (`t`) or the concatenation of its
/// rich-text runs (`r/t`); phonetic runs (`rPh`, the furigana some CJK editors add) are not text.
final class SharedStrings: NSObject, XMLParserDelegate {
    private(set) var strings: [String] = []
    /// The most text the table may hold (in UTF-8 bytes): far beyond any office export, and a bound on
    /// what a hostile workbook (a ZIP bomb of strings) can make us keep in memory.
    static let limit = 512 << 20
    private(set) var tooLarge = false
    /// Whether the table reached `</sst>` (a truncated part must not shift every string index).
    private(set) var complete = false
    private var total = 0
    private var current = ""
    private var inText = false
    private var phoneticDepth = 0

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes: [String: String] = [:]) {
        switch XMLParts.local(elementName) {
        case "si": current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = phoneticDepth == 0
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard inText else { return }
        current += string
        total += string.utf8.count
        if total > Self.limit { tooLarge = true; parser.abortParsing() }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch XMLParts.local(elementName) {
        case "si": strings.append(XMLParts.unescape(current))
        case "sst": complete = true
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }
}
