import Foundation
import Testing

/// Published PDFs embed font subsets without unused subroutines (`LeanFonts`): the 3-page complaint
/// notice, which Cairo alone made ~640 KB (98% fonts), stays within 150 KB, and its fonts are still
/// embedded subsets with Unicode maps.
@Suite(.serialized) struct LeanPDFTests {
    @Test func complaintNoticeIsLeanAndKeepsEmbeddedSearchableFonts() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try await PublishCommandTests.store(in: dir)
        let result = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let path = dir.appendingPathComponent("output/2026-10/notice-complaints.pdf").path
        let size = try #require(try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int)
        #expect(size <= 150_000, "notice-complaints.pdf is \(size) bytes")
        let fonts = try await TaggedPDFTests.run("/usr/bin/pdffonts", [path]).output
            .split(separator: "\n").dropFirst(2)
        #expect(!fonts.isEmpty)
        for font in fonts {
            #expect(font.contains("CID Type 0C") && font.contains("Identity-H       yes yes yes"), "\(font)")
        }
        let text = try await TaggedPDFTests.run("/usr/bin/pdftotext", [path, "-"]).output
        #expect(text.contains("投诉举报办理情况公布"))
    }
}
