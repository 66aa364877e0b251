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

    static func mobile(_ rng: inout SplitMix64) -> String {
        rng.pick(["139", "138", "150", "151", "152", "158", "177", "181", "187", "189", "199"])
            + String(format: "%08d", rng.int(0...99_999_999))
    }

    /// "HH:MM" for a minute of the day.
    static func clock(_ minute: Int) -> String { String(format: "%02d:%02d", minute / 60, minute % 60) }
}
