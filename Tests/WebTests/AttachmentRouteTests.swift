import Accounts
import Desk
import Foundation
import GongkaiCore
import GRDB
import Hummingbird
import HummingbirdTesting
import Store
import Testing
@testable import Web

/// Attachments on a complaint (issue 13, item 4): upload, listing, download, refusals, audit.
@Suite struct AttachmentRouteTests {
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR-test-picture".utf8)

    /// A bed whose folder of earlier versions' attachments is a fresh temporary one (not created),
    /// with one complaint in 三营镇 (the 承办人's unit is the first township) and one in another
    /// township; on `store` when given.
    static func bed(store: StoreDatabase? = nil) throws -> (WebTestBed, String, [String]) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("attach-\(UUID().uuidString)").path
        let time = ManualClock(try #require(ChinaTime.parseMinute("2026-10-08 10:30")))
        let bed = try WebTestBed(store: store, time: time, identity: IntakeRouteTests.identity, attachments: folder)
        try bed.addUsers()
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock)
        var random = SystemRandomNumberGenerator()
        let townships = bed.environment.schedule.townships.names
        let ids = try [townships[0], townships[1]].map { township in
            try desk.add(ComplaintIntake(channel: "来信", type: "投诉", category: "其他", township: township, summary: "来信附照片"),
                         by: .system, issuePIN: false, source: "test", random: &random).id
        }
        return (bed, folder, ids)
    }

    static func upload(_ client: some TestClientProtocol, _ browser: inout Browser, _ number: String, name: String,
                       _ content: [UInt8], token: String? = nil) async throws -> TestResponse {
        var headers = browser.headers
        headers[.contentType] = "multipart/form-data; boundary=----b0undary"
        let body = MultipartFormTests.body([("csrf_token", nil, Array((token ?? browser.csrfToken ?? "").utf8)), ("file", name, content)],
                                           boundary: "----b0undary")
        let response = try await client.execute(uri: "/complaints/\(number)/attachments", method: .post, headers: headers,
                                                body: ByteBuffer(bytes: body))
        browser.take(response)
        return response
    }

    @Test func aClerkAttachesAPictureThatIsListedStoredPrivatelyAndDownloadedSafely() async throws {
        let (bed, folder, ids) = try Self.bed()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sha = Digest.sha256Hex(Self.png)
        try await bed.application().test(.router) { client in
            var clerk = Browser()
            _ = try await clerk.logIn(client, WebTestBed.login(for: .intake))
            let page = String(buffer: try await clerk.get(client, "/complaints/\(ids[0])").body)
            #expect(page.contains("enctype=\"multipart/form-data\"") && page.contains("name=\"file\" type=\"file\""))
            let saved = try await Self.upload(client, &clerk, ids[0], name: "../../etc/照片\u{202E}gnp.exe", Self.png)
            #expect(saved.status == .seeOther, "\(String(buffer: saved.body))")
            let listed = String(buffer: try await clerk.get(client, "/complaints/\(ids[0])?attached=1").body)
            #expect(listed.contains("已上传附件") && listed.contains("href=\"/complaints/\(ids[0])/attachments/\(sha)\">照片gnp.exe</a>"))
            #expect(listed.contains("<td data-label=\"类型\">PNG</td>") && listed.contains("测试登记员"))

            var supervisor = Browser()
            _ = try await supervisor.logIn(client, WebTestBed.login(for: .supervisor))
            let file = try await supervisor.get(client, "/complaints/\(ids[0])/attachments/\(sha)")
            #expect(file.status == .ok && Array(buffer: file.body) == Self.png)
            #expect(file.headers[.contentType] == "image/png" && file.headers[.xContentTypeOptions] == "nosniff")
            #expect(file.headers[.contentDisposition]?.hasPrefix("attachment; filename=\"attachment.png\"; filename*=UTF-8''") == true)
            #expect(try await supervisor.get(client, "/complaints/\(ids[1])/attachments/\(sha)").status == .notFound, "not this complaint's")
            #expect(try await supervisor.get(client, "/complaints/\(ids[0])/attachments/..%2F..%2Fetc%2Fpasswd").status == .notFound)

            var leader = Browser()
            _ = try await leader.logIn(client, WebTestBed.login(for: .leader))
            #expect(try await leader.get(client, "/complaints/\(ids[0])/attachments/\(sha)").status == .ok, "who may see the complaint")
            #expect(try await Self.upload(client, &leader, ids[0], name: "x.png", Self.png).status == .forbidden, "the 领导 uploads nothing")
        }
        // Stored in the database (issue 26), so every node serving it serves the file; nothing in
        // the folder where earlier versions kept attachments.
        #expect(try bed.store.attachmentContent(sha256: sha) == Data(Self.png))
        #expect(!FileManager.default.fileExists(atPath: folder))
        let row = try #require(try bed.store.attachments(of: ids[0]).first)
        #expect(row.name == "照片gnp.exe" && row.mediaType == "image/png" && row.size == Self.png.count && row.uploadedBy == "测试登记员")
        #expect(try bed.environment.audit.entries(AuditQuery(action: .attachmentUpload, outcome: .success)).map(\.object) == [ids[0]])
        #expect(try bed.environment.audit.entries(AuditQuery(action: .attachmentDownload)).count == 2)
    }

    @Test func theTypeComesFromTheBytesAndTheSizeIsBounded() async throws {
        let (bed, folder, ids) = try Self.bed()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await bed.application().test(.router) { client in
            var clerk = Browser()
            _ = try await clerk.logIn(client, WebTestBed.login(for: .supervisor))
            _ = try await clerk.get(client, "/complaints/\(ids[0])")
            let html = try await Self.upload(client, &clerk, ids[0], name: "scan.pdf", Array("<html><script>alert(1)</script>".utf8))
            #expect(html.status == .unsupportedMediaType)
            #expect(try await Self.upload(client, &clerk, ids[0], name: "empty.pdf", []).status == .badRequest)
            let big = Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: ComplaintDesk.maximumAttachmentBytes)
            #expect(try await Self.upload(client, &clerk, ids[0], name: "big.pdf", big).status == .contentTooLarge)
            let huge = big + [UInt8](repeating: 0x20, count: 128 * 1024)
            #expect(try await Self.upload(client, &clerk, ids[0], name: "huge.pdf", huge).status == .contentTooLarge, "refused whole")
            let pdf = Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x25, count: 1000)
            #expect(try await Self.upload(client, &clerk, ids[0], name: "x.pdf", pdf, token: "wrong").status == .forbidden, "CSRF")
            #expect(try await Self.upload(client, &clerk, ids[0], name: "x.pdf", pdf).status == .seeOther)
            #expect(try await Self.upload(client, &clerk, "TS-209901-0001", name: "x.pdf", pdf).status == .notFound)
        }
        #expect(try bed.store.attachments(of: ids[0]).map(\.mediaType) == ["application/pdf"])
        #expect(try bed.store.attachmentContent(sha256: Digest.sha256Hex(Array("%PDF-1.7\n".utf8) + [UInt8](repeating: 0x25, count: 1000)))?.count == 1009)
        #expect(try bed.store.attachmentContent(sha256: Digest.sha256Hex(Array("<html><script>alert(1)</script>".utf8))) == nil,
                "a refused file is not stored")
        #expect(!FileManager.default.fileExists(atPath: folder))
        #expect(try bed.environment.audit.entries(AuditQuery(action: .attachmentUpload, outcome: .failure)).count == 3, "empty, not a PDF, too large")
    }

    @Test func aHandlerReachesOnlyTheirOwnUnitsAttachments() async throws {
        let (bed, folder, ids) = try Self.bed()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let desk = ComplaintDesk(store: bed.store, schedule: bed.environment.schedule, clock: bed.time.clock)
        let other = try desk.attach(Self.png, name: "a.png", to: ids[1], by: .system)
        try await bed.application().test(.router) { client in
            var handler = Browser()
            _ = try await handler.logIn(client, WebTestBed.login(for: .handler))
            #expect(try await handler.get(client, "/complaints/\(ids[1])/attachments/\(other.sha256)").status == .notFound,
                    "another township's complaint answers as a missing one")
            _ = try await handler.get(client, "/complaints/\(ids[0])")
            #expect(try await Self.upload(client, &handler, ids[1], name: "x.png", Self.png).status == .notFound)
            #expect(try await Self.upload(client, &handler, ids[0], name: "x.png", Self.png).status == .seeOther)
            #expect(try await handler.get(client, "/complaints/\(ids[0])/attachments/\(other.sha256)").status == .ok)
        }
    }

    /// A file attached by a version that kept attachments in a folder (its row names it, the
    /// database holds no bytes for it) is still served from that folder, after the same checks.
    @Test func aFileOfAnEarlierVersionIsServedFromItsFolder() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("attach-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("s.sqlite").path
        let (bed, folder, ids) = try Self.bed(store: try StoreDatabase(path: path))
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sha = Digest.sha256Hex(Self.png)
        let earlier = try DatabaseQueue(path: path)
        try earlier.inDatabase { db in
            try db.execute(sql: """
                INSERT INTO complaint_attachment (complaint_id, sha256, name, media_type, size, uploaded_by, uploaded_at)
                VALUES (?, ?, '旧照片.png', 'image/png', ?, '测试登记员', '2026-10-08T02:00:00Z')
                """, arguments: [ids[0], sha, Self.png.count])
        }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data(Self.png).write(to: URL(fileURLWithPath: folder).appendingPathComponent(sha))
        #expect(try bed.store.attachmentContent(sha256: sha) == nil)
        try await bed.application().test(.router) { client in
            var supervisor = Browser()
            _ = try await supervisor.logIn(client, WebTestBed.login(for: .supervisor))
            let file = try await supervisor.get(client, "/complaints/\(ids[0])/attachments/\(sha)")
            #expect(file.status == .ok && Array(buffer: file.body) == Self.png)
            #expect(try await supervisor.get(client, "/complaints/\(ids[1])/attachments/\(sha)").status == .notFound, "not this complaint's")
        }
    }

    /// Issue 22, item 5: a PDF named evil.html downloads as evil.pdf, as an attachment.
    @Test func theDownloadNameTakesItsExtensionFromTheBytes() async throws {
        let (bed, folder, ids) = try Self.bed()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let pdf = Array("%PDF-1.7\n<html><script>alert(1)</script></html>".utf8)
        try await bed.application().test(.router) { client in
            var clerk = Browser()
            _ = try await clerk.logIn(client, WebTestBed.login(for: .supervisor))
            _ = try await clerk.get(client, "/complaints/\(ids[0])")
            #expect(try await Self.upload(client, &clerk, ids[0], name: "evil.html", pdf).status == .seeOther)
            let file = try await clerk.get(client, "/complaints/\(ids[0])/attachments/\(Digest.sha256Hex(pdf))")
            let disposition = try #require(file.headers[.contentDisposition])
            #expect(disposition == "attachment; filename=\"attachment.pdf\"; filename*=UTF-8''evil.pdf", "\(disposition)")
            #expect(file.headers[.contentType] == "application/pdf" && file.headers[.xContentTypeOptions] == "nosniff")
        }
        #expect(try bed.store.attachments(of: ids[0]).first?.name == "evil.html", "the stored name is kept for display")
    }

    @Test func downloadNamesAreSanitised() {
        #expect(AttachmentFileName.download(storedName: "../../etc/passwd", type: .png) == "passwd.png")
        #expect(AttachmentFileName.download(storedName: "照片 2026.jpeg.exe", type: .jpeg) == "照片_2026_jpeg.jpg")
        #expect(AttachmentFileName.download(storedName: ".html", type: .pdf) == "附件.pdf")
        #expect(AttachmentFileName.download(storedName: "a\u{202E}lmth.pdf", type: .pdf) == "a_lmth.pdf")
    }

    /// Issue 22, item 5: an anonymous upload is refused (401) before its body is read, and audited.
    @Test func anAnonymousUploadIsRefusedBeforeItsBodyIsRead() async throws {
        let (bed, folder, ids) = try Self.bed()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try await bed.application().test(.router) { client in
            var anonymous = Browser()
            _ = try await anonymous.get(client, "/login")
            let big = Array("%PDF-".utf8) + [UInt8](repeating: 0x20, count: 10 * 1024 * 1024)
            #expect(try await Self.upload(client, &anonymous, ids[0], name: "x.pdf", big).status == .unauthorized)
        }
        let denied = try bed.environment.audit.entries(AuditQuery(action: .accessDenied))
        #expect(denied.contains { $0.object == "POST /complaints/{number}/attachments" && $0.detail == "not signed in" })
        #expect(try bed.environment.audit.count(AuditQuery(action: .requestTooLarge)) == 0, "the body was never read")
    }
}
