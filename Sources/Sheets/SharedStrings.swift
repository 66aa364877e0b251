import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The shared-string table (xl/sharedStrings.xml), which cells of type `s` index into. It is held in
/// memory: that is inherent to the format. Each `si` is its text (`t`) or the concatenation of its
/// rich-text runs (`r/t`); phonetic runs (`rPh`, the furigana some CJK editors add) are not text.
final class SharedStrings: NSObject, XMLParserDelegate {
    private(set) var strings: [String] = []
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
        if inText { current += string }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        switch XMLParts.local(elementName) {
        case "si": strings.append(XMLParts.unescape(current))
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }
}
