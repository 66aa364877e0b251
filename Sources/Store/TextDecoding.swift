import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The encodings an office export may arrive in. Excel on Chinese Windows writes GB18030 (GBK);
/// newer systems write UTF-8, often with a BOM.
public enum TextEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case gb18030 = "GB18030"
    /// Not text: an .xlsx workbook (its XML is UTF-8 by the format's rules).
    case xlsx = "XLSX"
}

/// The Unicode encodings of two and four bytes per unit that the importer recognises in order to
/// refuse them by name (Excel's "Unicode 文本" is UTF-16 LE; some systems write UTF-32).
public enum WideEncoding: String, Sendable {
    case utf16LE = "UTF-16 LE", utf16BE = "UTF-16 BE", utf32LE = "UTF-32 LE", utf32BE = "UTF-32 BE"
}

public enum TextDecoding {
    /// Why a file's bytes are not text the importer reads, and on which line (1 when the whole file
    /// is concerned).
    public enum Failure: Error, Equatable, CustomStringConvertible {
        case wide(WideEncoding)
        /// Not UTF-8 (it has a UTF-8 BOM or UTF-8 characters before the bad bytes), nor GB18030.
        case invalidUTF8(BadBytes)
        /// Neither UTF-8 nor GB18030; `BadBytes` is where GB18030 decoding stopped.
        case invalidGB18030(BadBytes)

        public var line: Int {
            switch self {
            case .wide: 1
            case .invalidUTF8(let bad), .invalidGB18030(let bad): bad.line
            }
        }

        static let resave = "请用 Excel 或 WPS 打开，另存为“CSV UTF-8（逗号分隔）”，再重新导入"

        public var description: String {
            switch self {
            case .wide(let encoding):
                "该文件是 \(encoding.rawValue)（Unicode）文本，导入程序不读取这种编码：\(Self.resave)"
            case .invalidUTF8(let bad):
                "\(bad) 不是有效的 UTF-8（文件已损坏或混用了多种编码）：\(Self.resave)"
            case .invalidGB18030(let bad):
                "\(bad) 既不是 UTF-8 也不是 GB18030/GBK 文本（文件已损坏或是其他编码）：\(Self.resave)"
            }
        }
    }

    /// Where decoding stopped: the line, the byte offset in the file (from 0) and the first bytes.
    public struct BadBytes: Equatable, Sendable, CustomStringConvertible {
        public let line: Int
        public let offset: Int
        public let bytes: [UInt8]
        var count: Int { bytes.count }

        init(in file: [UInt8], at offset: Int, length: Int) {
            let start = min(max(0, offset), file.count)
            self.offset = start
            self.bytes = Array(file[start..<min(file.count, start + max(1, min(length, 4)))])
            self.line = LineEndings.line(atOffset: start, in: file)
        }

        /// "the bytes C3 28 at byte offset 57"
        public var description: String {
            let hex = bytes.map { String($0, radix: 16, uppercase: true) }.map { $0.count == 1 ? "0" + $0 : $0 }
            return "第 \(offset) 字节处的 \(hex.joined(separator: " "))"
        }
    }

    /// Decodes to UTF-8 bytes, detecting the encoding: UTF-16/32 (by BOM or by the NUL bytes ASCII
    /// leaves in them) are refused by name; a UTF-8 BOM means UTF-8; else valid UTF-8; else GB18030.
    ///
    /// Valid UTF-8 is tried before GB18030 because almost no real GB18030 Chinese text is also valid
    /// UTF-8, while every ASCII file is both (and reads the same either way). When neither reads,
    /// the error points at the bad bytes of the encoding the file most looks like.
    public static func decode(_ data: Data) throws(Failure) -> (utf8: [UInt8], encoding: TextEncoding) {
        let bytes = [UInt8](data)
        if let wide = wideEncoding(of: bytes) { throw .wide(wide) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes.dropFirst(3))
            if let bad = firstInvalidUTF8(in: rest) {
                throw .invalidUTF8(BadBytes(in: bytes, at: bad.offset + 3, length: bad.length))
            }
            return (rest, .utf8BOM)
        }
        guard let badUTF8 = firstInvalidUTF8(in: bytes) else { return (bytes, .utf8) }
        let utf8Error = Failure.invalidUTF8(BadBytes(in: bytes, at: badUTF8.offset, length: badUTF8.length))
        // Several well-formed UTF-8 characters first: UTF-8 with a damaged spot, not GB18030 (whose
        // Chinese is almost never well-formed UTF-8, let alone three characters running).
        if badUTF8.multibyteBefore >= 3 { throw utf8Error }
        switch convert(bytes, from: "GB18030") {
        case .success(let converted): return (converted, .gb18030)
        case .failure(let stop):
            if badUTF8.multibyteBefore > 0 { throw utf8Error }
            throw .invalidGB18030(BadBytes(in: bytes, at: stop.offset, length: 2))
        }
    }

    /// UTF-16 or UTF-32, by its BOM or, without one, by where the NUL bytes fall in the first 1 KB
    /// (the header and a few rows): ASCII characters (digits, commas, line ends: every CSV has them)
    /// are one byte and NULs there.
    static func wideEncoding(of bytes: [UInt8]) -> WideEncoding? {
        if bytes.starts(with: [0xFF, 0xFE, 0, 0]) { return .utf32LE }
        if bytes.starts(with: [0, 0, 0xFE, 0xFF]) { return .utf32BE }
        if bytes.starts(with: [0xFF, 0xFE]) { return .utf16LE }
        if bytes.starts(with: [0xFE, 0xFF]) { return .utf16BE }
        let sample = bytes.prefix(1024)
        var nuls = [0, 0, 0, 0]
        for (i, b) in sample.enumerated() where b == 0 { nuls[i % 4] += 1 }
        guard nuls.reduce(0, +) >= 2 else { return nil }
        let units = sample.count / 4
        // UTF-32: the top two bytes of every unit are zero below U+10000, and almost all text is.
        if units > 0, nuls[2] * 10 >= units * 9, nuls[3] * 10 >= units * 9, nuls[0] * 4 < units { return .utf32LE }
        if units > 0, nuls[0] * 10 >= units * 9, nuls[1] * 10 >= units * 9, nuls[3] * 4 < units { return .utf32BE }
        let pairs = sample.count / 2, even = nuls[0] + nuls[2], odd = nuls[1] + nuls[3]
        if odd * 10 >= pairs, odd >= even * 4 { return .utf16LE }
        if even * 10 >= pairs, even >= odd * 4 { return .utf16BE }
        return nil
    }

    /// The first ill-formed UTF-8 sequence: its offset and length, and how many well-formed
    /// multi-byte characters came before it (the evidence that the file is UTF-8 with a bad spot).
    static func firstInvalidUTF8(in bytes: [UInt8]) -> (offset: Int, length: Int, multibyteBefore: Int)? {
        if String(validating: bytes, as: UTF8.self) != nil { return nil }  // the usual case, at the standard library's speed
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0, multibyte = 0
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                offset += scalar.count
                if scalar.count > 1 { multibyte += 1 }
            case .error(let length): return (offset, length, multibyte)
            case .emptyInput: return nil
            }
        }
    }

    /// Encodes UTF-8 text as GB18030, as Excel on Chinese Windows would (tests and sample files).
    public static func gb18030(_ text: String) -> [UInt8]? {
        try? iconvConvert(Array(text.utf8), from: "UTF-8", to: "GB18030").get()
    }

    static func convert(_ input: [UInt8], from encoding: String) -> Result<[UInt8], ConversionStop> {
        iconvConvert(input, from: encoding, to: "UTF-8")
    }

    /// Where iconv stopped: the offset of the first byte it could not convert.
    struct ConversionStop: Error { let offset: Int }

    /// Converts with glibc's iconv, stopping (never substituting) at the first invalid sequence.
    private static func iconvConvert(_ input: [UInt8], from source: String, to target: String) -> Result<[UInt8], ConversionStop> {
        let cd = iconv_open(target, source)
        guard cd != iconv_t(bitPattern: -1) else { return .failure(ConversionStop(offset: 0)) }
        defer { iconv_close(cd) }
        // UTF-8 needs at most 2 bytes per GB18030 byte (a 2-byte character becomes 3 bytes), and
        // GB18030 at most 4 per UTF-8 character of 1 to 4 bytes.
        var output = [UInt8](repeating: 0, count: input.count * 4 + 16)
        var inputChars = input.map { CChar(bitPattern: $0) }
        let (left, produced): (Int, Int) = inputChars.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBytes { dst in
                var inPtr: UnsafeMutablePointer<CChar>? = src.baseAddress
                var inLeft = src.count
                var outPtr: UnsafeMutablePointer<CChar>? = dst.baseAddress?.assumingMemoryBound(to: CChar.self)
                var outLeft = dst.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return (r == -1 ? max(inLeft, 1) : inLeft, dst.count - outLeft)
            }
        }
        guard left == 0 else { return .failure(ConversionStop(offset: input.count - left)) }
        return .success(Array(output.prefix(produced)))
    }
}

/// The three line endings office files use: LF (Unix, WPS), CR LF (Windows) and a lone CR (old Mac
/// exports and some systems). The CSV reader and every error's line number count them alike.
enum LineEndings {
    static let cr = UInt8(ascii: "\r"), lf = UInt8(ascii: "\n")

    /// The 1-based line holding the byte at `offset`.
    static func line(atOffset offset: Int, in bytes: [UInt8]) -> Int {
        var line = 1, i = 0
        let end = min(offset, bytes.count)
        while i < end {
            if bytes[i] == lf || (bytes[i] == cr && (i + 1 >= bytes.count || bytes[i + 1] != lf)) { line += 1 }
            i += 1
        }
        return line
    }
}
