/// Whether bytes are UTF-8 that XML may hold: no invalid or overlong sequence, no surrogate, and
/// neither U+FFFE nor U+FFFF. The reader copies text as bytes and checks it here, once, rather than
/// decoding every character.
enum UTF8Check {
    static func isValid(_ bytes: ArraySlice<UInt8>) -> Bool {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { return false }
            case .emptyInput:
                return true
            case .error:
                return false
            }
        }
    }
}
