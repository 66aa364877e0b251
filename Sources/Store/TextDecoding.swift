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
}

public enum TextDecoding {
    public enum Failure: Error, CustomStringConvertible {
        case utf16
        case unknown
        public var description: String {
            switch self {
            case .utf16: "the file is UTF-16 (Unicode): save it as UTF-8 or as CSV (GB18030/GBK) and import again"
            case .unknown: "the file is neither UTF-8 nor GB18030/GBK text: save it from Excel as \"CSV UTF-8\" and import again"
            }
        }
    }

    /// Decodes to UTF-8 bytes, detecting the encoding: a UTF-8 BOM, else valid UTF-8, else GB18030.
    ///
    /// Valid UTF-8 is tried before GB18030 because almost no real GB18030 Chinese text is also valid
    /// UTF-8, while every ASCII file is both (and reads the same either way).
    public static func decode(_ data: Data) throws(Failure) -> (utf8: [UInt8], encoding: TextEncoding) {
        let bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let rest = Array(bytes.dropFirst(3))
            guard String(validating: rest, as: UTF8.self) != nil else { throw .unknown }
            return (rest, .utf8BOM)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { throw .utf16 }
        if String(validating: bytes, as: UTF8.self) != nil { return (bytes, .utf8) }
        if let converted = convert(bytes, from: "GB18030") { return (converted, .gb18030) }
        throw .unknown
    }

    /// Encodes UTF-8 text as GB18030, as Excel on Chinese Windows would (tests and sample files).
    public static func gb18030(_ text: String) -> [UInt8]? {
        iconvConvert(Array(text.utf8), from: "UTF-8", to: "GB18030")
    }

    static func convert(_ input: [UInt8], from encoding: String) -> [UInt8]? {
        iconvConvert(input, from: encoding, to: "UTF-8")
    }

    /// Converts with glibc's iconv, refusing (nil) on any invalid sequence rather than substituting.
    private static func iconvConvert(_ input: [UInt8], from source: String, to target: String) -> [UInt8]? {
        let cd = iconv_open(target, source)
        guard cd != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(cd) }
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        var inputChars = input.map { CChar(bitPattern: $0) }
        let produced: Int? = inputChars.withUnsafeMutableBufferPointer { src in
            output.withUnsafeMutableBufferPointer { dst in
                var inPtr: UnsafeMutablePointer<CChar>? = src.baseAddress
                var inLeft = src.count
                var outPtr: UnsafeMutablePointer<CChar>? =
                    UnsafeMutableRawPointer(dst.baseAddress!).assumingMemoryBound(to: CChar.self)
                var outLeft = dst.count
                let r = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return r == -1 || inLeft != 0 ? nil : dst.count - outLeft
            }
        }
        return produced.map { Array(output.prefix($0)) }
    }
}
