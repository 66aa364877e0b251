/// Whether bytes are UTF-8 that XML may hold: no invalid or overlong sequence, no surrogate, and
/// neither U+FFFE nor U+FFFF. The reader copies text as bytes and checks it here, once, rather than
/// decoding every character; ASCII bytes are stepped over one comparison each.
enum UTF8Check {
    static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        bytes.withUnsafeBufferPointer { p in
            var i = 0
            let n = p.count
            while i < n {
                let lead = p[i]
                if lead < 0x80 { i += 1; continue }
                let length: Int, least: UInt32
                var value: UInt32
                switch lead {
                case 0xC2...0xDF: length = 2; value = UInt32(lead & 0x1F); least = 0x80
                case 0xE0...0xEF: length = 3; value = UInt32(lead & 0x0F); least = 0x800
                case 0xF0...0xF4: length = 4; value = UInt32(lead & 0x07); least = 0x10000
                default: return false
                }
                guard i + length <= n else { return false }
                for k in 1..<length {
                    let next = p[i + k]
                    guard next & 0xC0 == 0x80 else { return false }
                    value = value << 6 | UInt32(next & 0x3F)
                }
                guard value >= least, value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value),
                      value != 0xFFFE, value != 0xFFFF else { return false }
                i += length
            }
            return true
        }
    }
}
