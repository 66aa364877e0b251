import CPangoCairo

/// zlib for the PDF's streams. Cairo's streams reach the assembler uncompressed (`CairoSetup` turns
/// Cairo's own compression off) or, when that switch is not in effect, compressed by Cairo; either
/// way every stream is compressed here, once, at one level, so the bytes do not depend on which.
enum Flate {
    /// zlib's level for every stream. The 12,000-row notice's 9.8 MB of page content deflates in 53 ms
    /// to 1.68 MB at level 3, in 89 ms to 1.47 MB at level 6 (zlib's default, Cairo's): the file is
    /// 1.4% larger for 40% less deflate time.
    static let level: Int32 = 3

    static func inflate(_ data: ArraySlice<UInt8>) throws(PDFError) -> [UInt8] {
        var capacity = max(1024, data.count * 4)
        while capacity < Int(Int32.max) {
            var out = [UInt8](repeating: 0, count: capacity)
            var length = uLongf(capacity)
            let status = out.withUnsafeMutableBufferPointer { o in
                data.withUnsafeBufferPointer { i in uncompress(o.baseAddress, &length, i.baseAddress, uLong(i.count)) }
            }
            if status == Z_OK { return Array(out[..<Int(length)]) }
            guard status == Z_BUF_ERROR else { throw .unexpectedStructure("a stream does not inflate (zlib \(status))") }
            capacity *= 4
        }
        throw .unexpectedStructure("a stream inflates beyond 2 GB")
    }

    static func deflate(_ data: [UInt8]) throws(PDFError) -> [UInt8] {
        var length = compressBound(uLong(data.count))
        var out = [UInt8](repeating: 0, count: Int(length))
        let status = out.withUnsafeMutableBufferPointer { o in
            data.withUnsafeBufferPointer { i in compress2(o.baseAddress, &length, i.baseAddress, uLong(i.count), level) }
        }
        guard status == Z_OK else { throw .unexpectedStructure("a stream does not deflate (zlib \(status))") }
        out.removeSubrange(Int(length)...)
        return out
    }
}
