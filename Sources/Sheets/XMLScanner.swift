import Foundation

/// A pull reader of a workbook part's XML, straight over its UTF-8 bytes: start tags (with their
/// attributes), end tags and text, one token at a time, with a few chunks in memory.
///
/// Why not Foundation's `XMLParser`: it turned every element name, attribute and run of text into a
/// `String` and a dictionary through libxml2 and Objective-C-style callbacks, which held the .xlsx
/// import at about a third of the CSV import's speed. A workbook's parts use a small, regular part of
/// XML, so this reader handles that part and refuses the rest:
/// - elements, attributes (in either quote), text, CDATA, comments and processing instructions;
/// - the five predefined entities and numeric character references, nothing else: a DOCTYPE is
///   refused outright (no DTD, so no entity expansion of any kind);
/// - UTF-8 only (a UTF-8 byte-order mark is skipped; a declared other encoding is refused);
/// - line ends normalised as XML says (CR LF and CR are LF in text, whitespace is a space in
///   attribute values).
/// It checks what makes a document well-formed for a reader of data: tags that match, one root,
/// valid UTF-8, characters XML allows, complete references, nothing cut off. Every size is bounded:
/// a tag (`tagLimit`), a run of text (`textLimit`), nesting (`depthLimit`).
///
/// Tokens are read with `next()`; after `.start` the name and attributes of the tag are available,
/// after `.text` its decoded bytes (`text`), until the next call. An empty element (`<c/>`) gives
/// `.start` and then `.end`, as if written `<c></c>`.
struct XMLScanner {
    enum Token: Equatable { case start, end, text, done }

    /// Why the part cannot be read, and the line of the part where it was seen.
    struct Fault: Error {
        enum Kind {
            /// Not well-formed XML; the words say what was wrong.
            case malformed(String)
            /// A document type declaration, which no workbook has.
            case doctype
            /// An encoding other than UTF-8.
            case encoding
            /// A run of text longer than `textLimit` bytes.
            case textTooLong
            /// The bytes could not be had (a damaged ZIP entry).
            case source(any Error)
        }
        let kind: Kind
        let line: Int

        /// The problem in words, for the sentence the caller builds around it.
        var detail: String {
            switch kind {
            case .malformed(let what): what
            case .doctype: "含有文档类型声明（<!DOCTYPE>），工作簿的部件中不会有"
            case .encoding: "不是 UTF-8 编码"
            case .textTooLong: "一段文字超过 \(XMLScanner.excelCellLimit) 个字符"
            case .source(let error): "\(error)"
            }
        }
    }

    /// The most characters an Excel cell holds; as UTF-8, at most 4 bytes each.
    static let excelCellLimit = 32_767
    static let textLimit = excelCellLimit * 4
    static let tagLimit = 1 << 20
    static let depthLimit = 256

    /// Hands over the next chunk of the part's bytes, nil at its end.
    typealias Source = () throws -> [UInt8]?

    private var buffer: [UInt8]
    private var pos = 0
    private let source: Source?
    private var sourceDone: Bool
    /// LFs in the bytes already dropped from the front of `buffer` (for `line`).
    private var droppedLines = 0

    /// The current start or end tag: its qualified name and where its local name begins.
    private var nameStart = 0, nameEnd = 0, localStart = 0
    private struct Attribute { var name: Range<Int>; var value: Range<Int> }
    private var attributeRanges: [Attribute] = []
    private var pendingEnd = false
    /// The decoded bytes of the current `.text` token (entities replaced, line ends normalised),
    /// always valid UTF-8: the token is refused otherwise.
    private(set) var text: [UInt8] = []

    /// Open elements' qualified names, end to end, and where each ends.
    private var stack: [UInt8] = []
    private var stackEnds: [Int] = []
    private var rootSeen = false
    private var started = false

    /// A reader of a part held whole in memory (a small part: workbook, relationships, styles).
    init(bytes: [UInt8]) {
        buffer = bytes
        source = nil
        sourceDone = true
    }

    /// A reader that takes the part's bytes chunk by chunk from `source`.
    init(source: @escaping Source) {
        buffer = []
        self.source = source
        sourceDone = false
        buffer.reserveCapacity(1 << 17)
    }

    /// The line of the part at the current position, counted from 1.
    var line: Int {
        var n = 1 + droppedLines
        for b in buffer[0..<min(pos, buffer.count)] where b == 0x0A { n += 1 }
        return n
    }

    func fault(_ kind: Fault.Kind) -> Fault { Fault(kind: kind, line: line) }
    func malformed(_ what: String) -> Fault { fault(.malformed(what)) }

    // MARK: Tokens

    /// The next token; `.done` once the root element has ended and nothing but comments,
    /// processing instructions and whitespace follows it.
    mutating func next() throws(Fault) -> Token {
        if pendingEnd {
            pendingEnd = false
            pop()
            return .end
        }
        if !started { try begin() }
        while true {
            if pos >= buffer.count {
                guard try refill() else {
                    if !rootSeen { throw malformed("没有任何元素") }
                    if !stackEnds.isEmpty { throw malformed("文档在 <\(XMLParts.quoted(openName))> 中间结束（不完整）") }
                    return .done
                }
                continue
            }
            if buffer[pos] == UInt8(ascii: "<") {
                if let token = try markup() { return token }
            } else if try textToken() {
                // Text outside the root element may only be whitespace, and is not handed on.
                if !stackEnds.isEmpty { return .text }
                guard text.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x09 }) else {
                    throw malformed(rootSeen ? "根元素之后还有文字" : "根元素之前有文字")
                }
            }
        }
    }

    /// Skips a UTF-8 byte-order mark; refuses other byte-order marks (UTF-16, UTF-32).
    private mutating func begin() throws(Fault) {
        started = true
        while buffer.count < 4, try refill() {}
        if buffer.starts(with: [0xEF, 0xBB, 0xBF]) {
            pos = 3
        } else if buffer.starts(with: [0xFE, 0xFF]) || buffer.starts(with: [0xFF, 0xFE]) || buffer.starts(with: [0, 0]) {
            throw fault(.encoding)
        }
    }

    /// Brings in the next chunk, dropping the bytes before `pos`; false at the end of the source.
    private mutating func refill() throws(Fault) -> Bool {
        guard !sourceDone, let source else { return false }
        let chunk: [UInt8]?
        do { chunk = try source() } catch { throw fault(.source(error)) }
        guard let chunk, !chunk.isEmpty else {
            sourceDone = true
            return false
        }
        if pos > 0 {
            for b in buffer[0..<pos] where b == 0x0A { droppedLines += 1 }
            buffer.removeSubrange(0..<pos)
            pos = 0
        }
        buffer.append(contentsOf: chunk)
        return true
    }

    /// Runs `parse` from `pos` (a token's start) until it has the bytes it needs: it returns nil
    /// when it reached the end of the buffer, and is run again over more bytes.
    private mutating func complete<T>(_ what: String, limit: Int, tooLong: Fault.Kind? = nil,
                                      _ parse: (inout XMLScanner) throws(Fault) -> T?) throws(Fault) -> T {
        while true {
            if let done = try parse(&self) { return done }
            if buffer.count - pos > limit { throw fault(tooLong ?? .malformed("\(what)过长（超过 \(limit >> 10) KB）")) }
            if sourceDone { throw malformed("文档在\(what)中间结束（不完整）") }
            // More bytes, or the end of the source: either way `parse` looks again.
            _ = try refill()
        }
    }

    /// A token starting with `<`; nil for one that is skipped (a comment or processing instruction).
    private mutating func markup() throws(Fault) -> Token? {
        let second: UInt8? = try complete("标签", limit: 8) { s throws(Fault) in
            s.pos + 1 < s.buffer.count ? s.buffer[s.pos + 1] : nil
        }
        switch second {
        case UInt8(ascii: "/"):
            try complete("结束标签", limit: Self.tagLimit) { s throws(Fault) in try s.endTag() }
            return .end
        case UInt8(ascii: "?"):
            try complete("处理指令", limit: Self.tagLimit) { s throws(Fault) in try s.processingInstruction() }
            return nil
        case UInt8(ascii: "!"):
            let declared = try complete("声明", limit: Self.tagLimit) { s throws(Fault) in try s.declaration() }
            return declared == .cdata ? .text : nil
        default:
            try complete("标签", limit: Self.tagLimit) { s throws(Fault) in try s.startTag() }
            return .start
        }
    }

    // MARK: Tags

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D }

    /// Where a name starting at `i` ends (the first byte that cannot be in a name), or nil when the
    /// buffer ends first.
    private func nameEnd(from i: Int) throws(Fault) -> Int? {
        var j = i
        var high = false
        while j < buffer.count {
            let b = buffer[j]
            if b >= 0x80 { high = true; j += 1; continue }
            switch b {
            case 0x20, 0x0A, 0x09, 0x0D, UInt8(ascii: "/"), UInt8(ascii: ">"), UInt8(ascii: "="), UInt8(ascii: "?"):
                guard j > i else { throw malformed("缺少名称") }
                let first = buffer[i]
                if (0x30...0x39).contains(first) || first == UInt8(ascii: "-") || first == UInt8(ascii: ".") {
                    throw malformed("名称不能以 '\(UnicodeScalar(first))' 开头")
                }
                if high, !UTF8Check.isValid(buffer[i..<j]) {
                    throw malformed("名称不是有效的 UTF-8")
                }
                return j
            case UInt8(ascii: "<"), UInt8(ascii: "&"), UInt8(ascii: "\""), UInt8(ascii: "'"), 0..<0x20:
                throw malformed("名称中有不允许的字符")
            default:
                j += 1
            }
        }
        return nil
    }

    private mutating func startTag() throws(Fault) -> Void? {
        guard let end = try nameEnd(from: pos + 1) else { return nil }
        var i = end
        attributeRanges.removeAll(keepingCapacity: true)
        var selfClosing = false
        while true {
            var spaced = false
            while i < buffer.count, Self.isSpace(buffer[i]) { i += 1; spaced = true }
            guard i < buffer.count else { return nil }
            if buffer[i] == UInt8(ascii: ">") { i += 1; break }
            if buffer[i] == UInt8(ascii: "/") {
                guard i + 1 < buffer.count else { return nil }
                guard buffer[i + 1] == UInt8(ascii: ">") else { throw malformed("标签中 '/' 之后应是 '>'") }
                selfClosing = true
                i += 2
                break
            }
            guard spaced else { throw malformed("属性之间缺少空格") }
            guard let nameStop = try nameEnd(from: i) else { return nil }
            var j = nameStop
            while j < buffer.count, Self.isSpace(buffer[j]) { j += 1 }
            guard j < buffer.count else { return nil }
            guard buffer[j] == UInt8(ascii: "=") else { throw malformed("属性缺少 '='") }
            j += 1
            while j < buffer.count, Self.isSpace(buffer[j]) { j += 1 }
            guard j < buffer.count else { return nil }
            let quote = buffer[j]
            guard quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { throw malformed("属性值缺少引号") }
            var k = j + 1
            while k < buffer.count, buffer[k] != quote {
                if buffer[k] == UInt8(ascii: "<") { throw malformed("属性值中有 '<'") }
                k += 1
            }
            guard k < buffer.count else { return nil }
            let name = i..<nameStop
            for other in attributeRanges where other.name.count == name.count {
                var k = 0
                while k < name.count, buffer[other.name.lowerBound + k] == buffer[name.lowerBound + k] { k += 1 }
                if k == name.count { throw malformed("属性重复") }
            }
            attributeRanges.append(Attribute(name: name, value: (j + 1)..<k))
            i = k + 1
        }
        guard stackEnds.isEmpty ? !rootSeen : true else { throw malformed("根元素之后还有元素") }
        guard stackEnds.count < Self.depthLimit else { throw malformed("元素嵌套超过 \(Self.depthLimit) 层") }
        rootSeen = true
        setName(pos + 1, end)
        if selfClosing {
            pendingEnd = true
        }
        push()
        pos = i
        return ()
    }

    private mutating func endTag() throws(Fault) -> Void? {
        guard let end = try nameEnd(from: pos + 2) else { return nil }
        var i = end
        while i < buffer.count, Self.isSpace(buffer[i]) { i += 1 }
        guard i < buffer.count else { return nil }
        guard buffer[i] == UInt8(ascii: ">") else { throw malformed("结束标签中有多余的内容") }
        setName(pos + 2, end)
        guard let open = stackEnds.last else { throw malformed("多余的结束标签") }
        let openStart = stackEnds.count > 1 ? stackEnds[stackEnds.count - 2] : 0
        var same = open - openStart == nameEnd - nameStart
        var k = 0
        while same && k < open - openStart {
            same = stack[openStart + k] == buffer[nameStart + k]
            k += 1
        }
        guard same else {
            throw malformed("结束标签 </\(XMLParts.quoted(buffer[nameStart..<nameEnd]))> 与 <\(XMLParts.quoted(openName))> 不配")
        }
        pop()
        pos = i + 1
        return ()
    }

    private mutating func setName(_ start: Int, _ end: Int) {
        nameStart = start
        nameEnd = end
        localStart = start
        var i = start
        while i < end {
            if buffer[i] == UInt8(ascii: ":") { localStart = i + 1 }
            i += 1
        }
    }

    private mutating func push() {
        for k in nameStart..<nameEnd { stack.append(buffer[k]) }
        stackEnds.append(stack.count)
    }

    private mutating func pop() {
        stackEnds.removeLast()
        stack.removeSubrange((stackEnds.last ?? 0)...)
    }

    private var openName: String {
        guard let end = stackEnds.last else { return "" }
        return String(decoding: stack[(stackEnds.count > 1 ? stackEnds[stackEnds.count - 2] : 0)..<end], as: UTF8.self)
    }

    /// The first `needle` at or after `from`, or nil.
    private func find(_ needle: StaticString, from: Int) -> Int? {
        let n = needle.utf8CodeUnitCount
        guard buffer.count >= n else { return nil }
        return needle.withUTF8Buffer { needle in
            var i = from
            while i <= buffer.count - n {
                if buffer[i] == needle[0] {
                    var k = 1
                    while k < n, buffer[i + k] == needle[k] { k += 1 }
                    if k == n { return i }
                }
                i += 1
            }
            return nil
        }
    }

    /// `<?target …?>`: skipped, but an XML declaration is read for its encoding, and may only come first.
    private mutating func processingInstruction() throws(Fault) -> Void? {
        guard let end = find("?>", from: pos + 2), let nameStop = try nameEnd(from: pos + 2) else { return nil }
        let target = buffer[(pos + 2)..<nameStop]
        if target.count == 3, String(decoding: target, as: UTF8.self).lowercased() == "xml" {
            guard droppedLines == 0, buffer[0..<pos].allSatisfy({ $0 == 0xEF || $0 == 0xBB || $0 == 0xBF }) else {
                throw malformed("XML 声明不在文档开头")
            }
            let declaration = String(decoding: buffer[nameStop..<end], as: UTF8.self).lowercased()
            if let at = declaration.range(of: "encoding") {
                let value = declaration[at.upperBound...].drop { $0 == " " || $0 == "=" || $0 == "\"" || $0 == "'" }
                    .prefix { $0 != "\"" && $0 != "'" }
                guard value == "utf-8" || value == "utf8" else { throw fault(.encoding) }
            }
        }
        pos = end + 2
        return ()
    }

    private enum Declaration { case comment, cdata }

    /// `<!--…-->` (skipped), `<![CDATA[…]]>` (text, as it is) or `<!DOCTYPE` (refused); nil when
    /// more bytes are needed.
    private mutating func declaration() throws(Fault) -> Declaration? {
        let rest = buffer.count - pos
        /// Whether the bytes at `pos` start with `prefix`; nil when too few bytes are there to say.
        func starts(_ prefix: StaticString) -> Bool? {
            let n = prefix.utf8CodeUnitCount
            let common = min(n, rest)
            let same = prefix.withUTF8Buffer { p in (0..<common).allSatisfy { buffer[pos + $0] == p[$0] } }
            if !same { return false }
            return common == n ? true : nil
        }
        switch (starts("<!--"), starts("<![CDATA["), starts("<!DOCTYPE")) {
        case (true, _, _):
            guard let end = find("-->", from: pos + 4) else { return nil }
            pos = end + 3
            return .comment
        case (_, true, _):
            guard !stackEnds.isEmpty else { throw malformed("CDATA 不在元素之中") }
            guard let end = find("]]>", from: pos + 9) else { return nil }
            guard end - pos - 9 <= Self.textLimit else { throw fault(.textTooLong) }
            text.removeAll(keepingCapacity: true)
            var high = false
            var i = pos + 9
            while i < end {
                let b = buffer[i]
                if b == 0x0D {
                    text.append(0x0A)
                    if i + 1 < end, buffer[i + 1] == 0x0A { i += 1 }
                } else {
                    if b < 0x20 && b != 0x09 && b != 0x0A { throw malformed("含有 XML 不允许的控制字符") }
                    high = high || b >= 0x80
                    text.append(b)
                }
                i += 1
            }
            if high, !UTF8Check.isValid(text[...]) { throw malformed("文字不是有效的 UTF-8") }
            pos = end + 3
            return .cdata
        case (_, _, true):
            throw fault(.doctype)
        case (false, false, false):
            throw malformed("无法识别的 '<!' 声明")
        default:
            return nil
        }
    }

    // MARK: Text

    /// Decodes the text from `pos` to the next `<` into `text`; true when it is complete.
    private mutating func textToken() throws(Fault) -> Bool {
        // A reference is at most 5 times longer than its character (`&amp;`): past that, the text
        // is too long whatever it holds.
        try complete("文字", limit: Self.textLimit * 5, tooLong: .textTooLong) { s throws(Fault) in try s.decodeText() }
    }

    private mutating func decodeText() throws(Fault) -> Bool? {
        text.removeAll(keepingCapacity: true)
        var high = false
        var i = pos
        let count = buffer.count
        while true {
            // The plain bytes up to the next one that needs a look: copied as they are.
            let run = i
            buffer.withUnsafeBufferPointer { p in
                while i < count {
                    let b = p[i]
                    if b < 0x20 || b == UInt8(ascii: "<") || b == UInt8(ascii: "&") { break }
                    if b >= 0x80 { high = true }
                    i += 1
                }
                if i > run { text.append(contentsOf: UnsafeBufferPointer(rebasing: p[run..<i])) }
            }
            if text.count > Self.textLimit { throw fault(.textTooLong) }
            guard i < count else {
                guard sourceDone else { return nil }
                return try finishText(at: i, high: high)
            }
            let b = buffer[i]
            switch b {
            case UInt8(ascii: "<"):
                return try finishText(at: i, high: high)
            case UInt8(ascii: "&"):
                guard let (scalar, length) = try reference(at: i) else {
                    guard sourceDone else { return nil }
                    throw malformed("引用 '&' 没有以 ';' 结束")
                }
                var utf8 = [UInt8]()
                utf8.reserveCapacity(4)
                UTF8.encode(scalar) { utf8.append($0) }
                text.append(contentsOf: utf8)
                i += length
            case 0x0D:
                guard i + 1 < count || sourceDone else { return nil }
                text.append(0x0A)
                i += (i + 1 < count && buffer[i + 1] == 0x0A) ? 2 : 1
            case 0x09, 0x0A:
                text.append(b)
                i += 1
            default:
                throw malformed("含有 XML 不允许的控制字符（0x\(String(b, radix: 16, uppercase: true))）")
            }
        }
    }

    /// Ends a text token at `i`: checks its UTF-8 (when it has bytes past ASCII) and moves on.
    private mutating func finishText(at i: Int, high: Bool) throws(Fault) -> Bool {
        if high, !UTF8Check.isValid(text[...]) { throw malformed("文字不是有效的 UTF-8") }
        pos = i
        return true
    }

    /// The character a reference at `i` (`&amp;`, `&#20013;`, `&#x4E2D;`) stands for and its length
    /// in bytes; nil when the buffer ends inside it.
    private func reference(at i: Int) throws(Fault) -> (Unicode.Scalar, Int)? {
        var j = i + 1
        while j < buffer.count, buffer[j] != UInt8(ascii: ";") {
            if j - i > 12 { throw malformed("引用 '&' 没有以 ';' 结束") }
            j += 1
        }
        guard j < buffer.count else { return nil }
        let body = buffer[(i + 1)..<j]
        let length = j - i + 1
        switch String(decoding: body, as: UTF8.self) {
        case "amp": return ("&", length)
        case "lt": return ("<", length)
        case "gt": return (">", length)
        case "quot": return ("\"", length)
        case "apos": return ("'", length)
        case let name where name.hasPrefix("#"):
            let hex = name.hasPrefix("#x")
            let digits = name.dropFirst(hex ? 2 : 1)
            guard !digits.isEmpty, digits.count <= 8, let value = UInt32(digits, radix: hex ? 16 : 10),
                  let scalar = Unicode.Scalar(value), Self.isXMLCharacter(value) else {
                throw malformed("字符引用 '&\(XMLParts.quoted(name, limit: 12));' 不是 XML 允许的字符")
            }
            return (scalar, length)
        case let name:
            throw malformed("未定义的实体 '&\(XMLParts.quoted(name, limit: 12));'（只认 &amp; &lt; &gt; &quot; &apos; 和字符引用）")
        }
    }

    /// XML 1.0's Char: TAB, LF, CR and U+0020 on, without surrogates, U+FFFE and U+FFFF.
    static func isXMLCharacter(_ v: UInt32) -> Bool {
        v == 0x09 || v == 0x0A || v == 0x0D || (0x20...0xD7FF).contains(v) || (0xE000...0xFFFD).contains(v)
            || (0x10000...0x10FFFF).contains(v)
    }

    // MARK: The current tag

    /// Whether the current tag's local name (without a prefix such as `x:`) is `name`.
    func isNamed(_ name: StaticString) -> Bool {
        let n = name.utf8CodeUnitCount
        guard nameEnd - localStart == n else { return false }
        return name.withUTF8Buffer { p in
            var k = 0
            while k < n, buffer[localStart + k] == p[k] { k += 1 }
            return k == n
        }
    }

    /// The current tag's local name.
    var localName: String { String(decoding: buffer[localStart..<nameEnd], as: UTF8.self) }

    /// The decoded value of the attribute whose qualified name is `name` (`r`, `r:id`), or nil.
    func attribute(_ name: StaticString) throws(Fault) -> ArraySlice<UInt8>? {
        let n = name.utf8CodeUnitCount
        for a in attributeRanges where a.name.count == n {
            let same = name.withUTF8Buffer { p in (0..<n).allSatisfy { buffer[a.name.lowerBound + $0] == p[$0] } }
            if same { return try value(a.value) }
        }
        return nil
    }

    /// Every attribute of the current start tag by qualified name, decoded (for small parts).
    func attributes() throws(Fault) -> [String: String] {
        var all: [String: String] = [:]
        for a in attributeRanges {
            all[String(decoding: buffer[a.name], as: UTF8.self)] = try string(value(a.value))
        }
        return all
    }

    /// `bytes` as a String, refusing bytes that are not UTF-8.
    func string(_ bytes: ArraySlice<UInt8>) throws(Fault) -> String {
        guard UTF8Check.isValid(bytes) else { throw malformed("文字不是有效的 UTF-8") }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An attribute value with its references replaced and its whitespace made spaces; the bytes as
    /// they are when there is nothing to replace (a cell's `r`, `t` and `s`).
    private func value(_ range: Range<Int>) throws(Fault) -> ArraySlice<UInt8> {
        guard buffer[range].contains(where: { $0 == UInt8(ascii: "&") || $0 < 0x20 }) else { return buffer[range] }
        var out: [UInt8] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let b = buffer[i]
            switch b {
            case UInt8(ascii: "&"):
                guard let (scalar, length) = try reference(at: i), i + length <= range.upperBound else {
                    throw malformed("属性值中的引用不完整")
                }
                UTF8.encode(scalar) { out.append($0) }
                i += length
            case 0x0D:
                out.append(0x20)
                i += (i + 1 < range.upperBound && buffer[i + 1] == 0x0A) ? 2 : 1
            case 0x09, 0x0A:
                out.append(0x20)
                i += 1
            case 0..<0x20:
                throw malformed("属性值中有 XML 不允许的控制字符")
            default:
                out.append(b)
                i += 1
            }
        }
        return out[...]
    }
}
