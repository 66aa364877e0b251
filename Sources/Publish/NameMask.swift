/// De-identification of household heads' names for the web (国办 2018 要点: 去标识化; docs/domain.md §1a).
///
/// The first and the last character are kept and every other character becomes `*`; a middle dot
/// (·) in a transliterated name is kept so the name's shape stays readable: 张三 → 张*, 张三丰 → 张*丰,
/// 阿依古丽·买买提 → 阿***·**提. Characters are grapheme clusters, so 𠮷 (outside the BMP) is one.
public enum NameMask {
    static let dots: Set<Character> = ["·", "•", "・", "‧"]

    public static func mask(_ name: String) -> String {
        let characters = Array(name)
        switch characters.count {
        case 0: return ""
        case 1: return "*"
        case 2: return String(characters[0]) + "*"
        default:
            let middle = characters.dropFirst().dropLast().map { dots.contains($0) ? $0 : "*" }
            return String(characters[0]) + String(middle) + String(characters[characters.count - 1])
        }
    }
}
