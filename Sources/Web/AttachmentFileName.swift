import Desk
import Foundation

/// The name an attached file is downloaded under: the stored name (kept for display) without its
/// extension, reduced to letters, digits, '-' and '_', and the extension of the type found in the
/// file's bytes at upload — so `evil.html` whose bytes are a PDF saves as `evil.pdf`, and no name
/// can make a saved file open as a page, a script or a path (OWASP ASVS 12.5).
enum AttachmentFileName {
    /// Longest stem kept, in characters.
    static let maximumStem = 64

    static func download(storedName: String, type: AttachmentType) -> String {
        let base = storedName.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let stem = base.lastIndex(of: ".").map { String(base[..<$0]) } ?? base
        let safe = stem.unicodeScalars.map { scalar -> Character in
            let properties = scalar.properties
            let allowed = scalar == "-" || scalar == "_" || properties.numericType != nil
                || (properties.isAlphabetic && !properties.isWhitespace && scalar.value > 0x20)
            return allowed ? Character(scalar) : "_"
        }
        let trimmed = String(String(safe).prefix(maximumStem)).trimmingCharacters(in: CharacterSet(charactersIn: "_"))
        return (trimmed.isEmpty ? "附件" : trimmed) + "." + type.fileExtension
    }
}
