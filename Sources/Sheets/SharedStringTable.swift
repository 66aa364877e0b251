/// The shared-string table (xl/sharedStrings.xml), which cells of type `s` index into, read from its
/// bytes (`XMLScanner`). It is held in memory: that is inherent to the format. Each `si` is its text
/// (`t`) or the concatenation of its rich-text runs (`r/t`); phonetic runs (`rPh`, the furigana some
/// CJK editors add) are not text.
enum SharedStringTable {
    /// The most text the table may hold (in UTF-8 bytes, each string counted with the 16 bytes it
    /// takes even when empty): far beyond any office export, and a bound on what a hostile workbook (a
    /// ZIP bomb of strings, or of millions of empty `<si/>`) can make us keep in memory.
    static let limit = 512 << 20

    /// Why the table cannot be read.
    enum Failure: Error {
        case tooLarge
        /// One string longer than a cell holds; its number, from 1.
        case stringTooLong(Int)
        case unreadable(XMLScanner.Fault)
        /// The part ended (well-formed) without its `sst` element.
        case incomplete
    }

    static func read(_ source: @escaping XMLScanner.Source) throws(Failure) -> [String] {
        var scanner = XMLScanner(source: source)
        var strings: [String] = []
        var current: [UInt8] = []
        var total = 0
        var inText = false
        var phoneticDepth = 0
        var complete = false
        do {
            tokens: while true {
                switch try scanner.next() {
                case .done:
                    break tokens
                case .text:
                    guard inText else { continue }
                    current.append(contentsOf: scanner.text)
                    total += scanner.text.count
                    if total > limit { throw Failure.tooLarge }
                    if current.count > XMLScanner.textLimit { throw Failure.stringTooLong(strings.count + 1) }
                case .start:
                    if scanner.isNamed("si") {
                        current.removeAll(keepingCapacity: true)
                    } else if scanner.isNamed("rPh") {
                        phoneticDepth += 1
                    } else if scanner.isNamed("t") {
                        inText = phoneticDepth == 0
                    }
                case .end:
                    if scanner.isNamed("si") {
                        // The scanner hands over text only as valid UTF-8 (`XMLScanner.text`).
                        let text = String(decoding: current, as: UTF8.self)
                        if current.count > XMLScanner.excelCellLimit, text.utf16.count > XMLScanner.excelCellLimit {
                            throw Failure.stringTooLong(strings.count + 1)
                        }
                        strings.append(XMLParts.unescape(text))
                        total += MemoryLayout<String>.stride
                        if total > limit { throw Failure.tooLarge }
                    } else if scanner.isNamed("sst") {
                        complete = true
                    } else if scanner.isNamed("rPh") {
                        phoneticDepth -= 1
                    } else if scanner.isNamed("t") {
                        inText = false
                    }
                }
            }
        } catch let fault as XMLScanner.Fault {
            throw .unreadable(fault)
        } catch let failure as Failure {
            throw failure
        } catch {
            throw .incomplete
        }
        guard complete else { throw .incomplete }
        return strings
    }
}
