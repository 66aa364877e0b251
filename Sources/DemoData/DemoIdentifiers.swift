import Foundation
import GongkaiCore

/// Identifiers and times as the office's exports write them, shared by the demo generators.
enum DemoIdentifiers {
    /// A valid 18-digit ID number registered in 原州区 (640402), born 1940–1999.
    static func idNumber(_ rng: inout SplitMix64) -> String {
        let body = "640402" + String(format: "%04d%02d%02d%03d", rng.int(1940...1999), rng.int(1...12), rng.int(1...28),
                                     rng.int(1...999))
        return body + String(IDNumber.checkCharacter(for: Array(body.utf8)))
    }

    /// Valid ID numbers, none issued twice: the importer refuses one person as the head of two
    /// households. Draws as `idNumber` does, so a generator's other random choices stay as they
    /// were; a number already issued (two heads born on one day with one sequence code, about
    /// 1 in 20 million per pair) takes the next free sequence code of that birth date instead.
    struct UniqueIDNumbers {
        private var issued: Set<String> = []

        mutating func next(_ rng: inout SplitMix64) -> String {
            var id = DemoIdentifiers.idNumber(&rng)
            var sequence = Int(id.dropFirst(14).prefix(3))!
            while issued.contains(id) {
                sequence = sequence % 999 + 1
                let body = String(id.prefix(14)) + String(format: "%03d", sequence)
                id = body + String(IDNumber.checkCharacter(for: Array(body.utf8)))
            }
            issued.insert(id)
            return id
        }
    }

    static func mobile(_ rng: inout SplitMix64) -> String {
        rng.pick(["139", "138", "150", "151", "152", "158", "177", "181", "187", "189", "199"])
            + String(format: "%08d", rng.int(0...99_999_999))
    }

    /// "HH:MM" for a minute of the day.
    static func clock(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }
}
