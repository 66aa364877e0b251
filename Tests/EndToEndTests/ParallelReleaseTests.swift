import Foundation
import OfficeTools
import Testing

/// Documents are typeset on several threads; the release must not depend on it: publishing with one
/// thread and with several gives the same files, byte for byte, listed in the same order.
@Suite(.serialized) struct ParallelReleaseTests {
    @Test func oneThreadAndSeveralGiveTheSameRelease() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await PublishCommandTests.store(in: dir)
        var releases: [[String: Data]] = []
        for (threads, out) in [("1", "one"), ("4", "four"), ("2", "two")] {
            let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--split", "township",
                                               "--threads", threads, "--out", out], in: dir,
                                              environment: ["GONGKAI_NOW": "2026-11-05T10:00:00+08:00"])
            #expect(result.status == 0, "\(result.stderr)")
            releases.append(PublishCommandTests.files(in: dir.appendingPathComponent("\(out)/2026-10")))
        }
        #expect(releases[0].count > 15)
        #expect(releases[0].keys.contains("/640402101/notice-dibao.pdf"))
        for release in releases.dropFirst() {
            #expect(release.keys.sorted() == releases[0].keys.sorted())
            for (path, data) in releases[0] { #expect(release[path] == data, "\(path) differs between thread counts") }
        }
    }

    @Test func aThreadCountOutsideItsRangeIsRefused() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for bad in ["0", "65", "两"] {
            let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite", "--threads", bad], in: dir)
            #expect(result.status != 0)
            #expect(result.stderr.contains("--threads"), "\(result.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("output").path))
    }
}
