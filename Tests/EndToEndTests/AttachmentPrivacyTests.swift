import Foundation
import GongkaiCore
import GRDB
@testable import Store
import Testing

/// Attachments are never published (issue 13, item 4): a month published from a store whose
/// complaints carry attachments has neither an attachment's bytes, its name nor its digest in any
/// file of the output.
@Suite struct AttachmentPrivacyTests {
    @Test func thePublishersOutputsNeverContainAnAttachment() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Binary.run(["demo", "--households", "300", "--db", "s.sqlite"], in: dir).status == 0)
        let marker = Array("ATTACHMENT-MARKER-7f3a9c1e-内容".utf8)
        let bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + marker
        let sha256 = Digest.sha256Hex(bytes)
        let name = "马某某身份证复印件-QX9271.png"
        let store = try StoreDatabase(path: dir.appendingPathComponent("s.sqlite").path, access: .readWrite)
        let numbers = try store.read { db in
            try String.fetchAll(db, sql: "SELECT complaint_id FROM complaint WHERE received_month_index = ? ORDER BY complaint_id LIMIT 3",
                                arguments: [2026 * 12 + 9])
        }
        #expect(numbers.count == 3, "complaints of the month to attach to")
        for number in numbers {
            #expect(try store.insertAttachment(ComplaintAttachmentRecord(
                complaintId: number, sha256: sha256, name: name, mediaType: "image/png", size: bytes.count,
                uploadedBy: "测试登记员", uploadedAt: "2026-10-08T02:00:00Z"), content: Data(bytes)))
        }
        // And a copy where versions before issue 26 kept attachments.
        let folder = dir.appendingPathComponent("s.sqlite.attachments")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(bytes).write(to: folder.appendingPathComponent(sha256))

        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(published.status == 0, "\(published.stderr)")
        let files = FileSystemFixtures.files(in: dir.appendingPathComponent("output"))
        #expect(files.count > 5, "the month was published")
        for needle in [Data(marker), Data(name.utf8), Data("QX9271".utf8), Data(sha256.utf8)] {
            let found = files.filter { $0.value.range(of: needle) != nil }.keys.sorted()
            #expect(found.isEmpty, "\(String(decoding: needle, as: UTF8.self)) in \(found)")
        }
    }
}
