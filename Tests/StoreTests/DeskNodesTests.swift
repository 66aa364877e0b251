import Foundation
import GongkaiCore
import OfficeTools
@testable import Store
import StoreTestSupport
import Testing

/// Issue 26: several nodes write the desk's tables of one database at once. Two `StoreDatabase`
/// instances on one database stand for two nodes (two `gongkai serve` processes): on PostgreSQL
/// each has its own connections; on SQLite each its own pool on one file.
@Suite struct DeskNodesTests {
    /// Two stores on one new database of `backend`, and a function that removes it (SQLite's file).
    static func twoNodes(_ backend: TestBackend) async throws -> (StoreDatabase, StoreDatabase, cleanUp: @Sendable () -> Void) {
        switch backend {
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("gongkai-nodes-\(UUID().uuidString)")
            let path = dir.appendingPathComponent("desk.sqlite").path
            let first = try StoreDatabase(path: path)
            return (first, try StoreDatabase(path: path, access: .readWrite), { try? FileManager.default.removeItem(at: dir) })
        case .postgres:
            guard case .postgres(let address) = try StoreLocation(try await ThrowawayPostgres.shared.newDatabaseURL()) else {
                throw StoreLocationError.malformed("not a PostgreSQL URL")
            }
            return (try StoreDatabase(postgres: address), try StoreDatabase(postgres: address), {})
        }
    }

    /// Runs `count` blocking store calls on each node, at most `width` at once per node, as a task
    /// group whose tasks wait on threads of their own (the store's calls block their thread; the
    /// cooperative pool must not be the one blocked). The results in no particular order.
    static func concurrently<T: Sendable>(_ nodes: [StoreDatabase], count: Int, width: Int = 12,
                                          _ body: @escaping @Sendable (StoreDatabase, Int) throws -> T) async -> [Result<T, any Error>] {
        let queues = nodes.map { _ in
            let queue = OperationQueue()
            queue.maxConcurrentOperationCount = width
            return queue
        }
        return await withTaskGroup(of: Result<T, any Error>.self) { group in
            for (n, node) in nodes.enumerated() {
                for i in 0..<count {
                    group.addTask {
                        await withCheckedContinuation { continuation in
                            queues[n].addOperation { continuation.resume(returning: Result { try body(node, i) }) }
                        }
                    }
                }
            }
            var results: [Result<T, any Error>] = []
            for await result in group { results.append(result) }
            return results
        }
    }

    static func intake(summary: String, repeatOf: String? = nil) -> ComplaintRecord {
        var record = ComplaintRecord(receivedAt: "2026-11-05 10:00", receivedOn: CivilDate(parsing: "2026-11-05")!, channel: "监督电话",
                                     type: "投诉", category: "其他", programme: nil, householdId: nil, township: nil, summary: summary,
                                     caller: .none, anonymous: true, status: "登记")
        record.repeatOf = repeatOf
        return record
    }

    static let intakeEvent = ComplaintEventRecord(at: "2026-11-05T02:00:00Z", handler: "test", action: "add", fromState: nil,
                                                  toState: "登记", note: nil)

    /// 2 × 500 intakes at once on two nodes, with a failing intake (a repeat of an unknown earlier
    /// complaint, refused by its foreign key: rolled back after its number was drawn) every 25th: every number is distinct and the month's
    /// are exactly TS-202611-0001 … TS-202611-1000, with no gap the failed ones could have left.
    @Test(arguments: TestBackend.allCases) func concurrentIntakesOnTwoNodesNumberEachMonthWithoutGapsOrRepeats(_ backend: TestBackend) async throws {
        let (a, b, cleanUp) = try await Self.twoNodes(backend)
        defer { cleanUp() }
        let results = await Self.concurrently([a, b], count: 520) { node, i in
            try node.insertComplaint(Self.intake(summary: "第 \(i) 件", repeatOf: i % 25 == 24 ? "TS-209901-0001" : nil), event: Self.intakeEvent)
        }
        var numbers: [String] = []
        var refused = 0
        for result in results {
            switch result {
            case .success(let number): numbers.append(number)
            case .failure: refused += 1
            }
        }
        #expect(refused == 2 * 20)
        #expect(numbers.count == 1000)
        #expect(Set(numbers).count == numbers.count, "a number was drawn twice")
        #expect(numbers.sorted() == (1...1000).map { String(format: "TS-202611-%04d", $0) })
        let stored = try a.complaints().map(\.complaintId)
        #expect(stored == numbers.sorted(), "what the other node reads")
        #expect(try b.complaintEventCount(action: "add", from: "2026-11-01T00:00:00Z", before: "2026-12-01T00:00:00Z") == 1000)
    }

    /// Two nodes change one complaint 2 × 60 times at once: each change reads the row as the last
    /// committed one left it (on PostgreSQL it is read `FOR UPDATE`), so none is lost.
    @Test(arguments: TestBackend.allCases) func concurrentChangesOfOneComplaintLoseNoUpdate(_ backend: TestBackend) async throws {
        let (a, b, cleanUp) = try await Self.twoNodes(backend)
        defer { cleanUp() }
        let id = try a.insertComplaint(Self.intake(summary: "被反复修改"), event: Self.intakeEvent)
        let results = await Self.concurrently([a, b], count: 60) { node, i in
            try node.changeComplaint(id: id) { record in
                record.pausedWorkdays += 1
                return (ComplaintEventRecord(at: "2026-11-05T03:00:00Z", handler: "test", action: "note", fromState: record.status,
                                             toState: record.status, note: "\(i)"), ())
            }
        }
        #expect(results.filter { if case .failure = $0 { true } else { false } }.isEmpty)
        #expect(try b.complaint(id: id)?.pausedWorkdays == 120)
        #expect(try a.complaintEvents(id: id).count == 121)
    }

    /// The public channel's limits hold across nodes: of 2 × 20 submissions from one address at once,
    /// exactly the limit are admitted; a form token used on both nodes at once is accepted once.
    @Test(arguments: TestBackend.allCases) func thePublicChannelsLimitsHoldAcrossNodes(_ backend: TestBackend) async throws {
        let (a, b, cleanUp) = try await Self.twoNodes(backend)
        defer { cleanUp() }
        let admitted = await Self.concurrently([a, b], count: 20) { node, i in
            try node.countPublicHit(.submission, subject: "digest-1", at: String(format: "2026-11-05T02:00:%02dZ", i),
                                    after: "2026-11-05T01:00:00Z", limit: 5, forgetBefore: "2026-11-04T00:00:00Z").admitted
        }
        #expect(admitted.compactMap { try? $0.get() }.filter { $0 }.count == 5)
        #expect(admitted.compactMap { try? $0.get() }.count == 40)
        #expect(try b.newestPublicHits(.submission, subject: "digest-1", limit: 10).count == 5)

        let used = await Self.concurrently([a, b], count: 8) { node, _ in
            try node.usePublicFormToken("nonce-1", at: "2026-11-05T02:00:00Z", forgetBefore: "2026-11-05T00:00:00Z")
        }
        #expect(used.compactMap { try? $0.get() }.filter { $0 }.count == 1)
        #expect(used.compactMap { try? $0.get() }.count == 16)
    }

    /// `dataVersion` (what the dashboard's cached figures key on) changes on one node when the other
    /// records a desk event.
    @Test(arguments: TestBackend.allCases) func theDataVersionChangesOnEveryNode(_ backend: TestBackend) async throws {
        let (a, b, cleanUp) = try await Self.twoNodes(backend)
        defer { cleanUp() }
        let before = try a.dataVersion()
        #expect(before == "imports 0 events 0")
        _ = try b.insertComplaint(Self.intake(summary: "另一节点受理"), event: Self.intakeEvent)
        #expect(try a.dataVersion() == "imports 0 events 1")
    }

    /// An attachment stored through one node is read, bytes and all, through the other: the bytes
    /// live in the database (BYTEA on PostgreSQL, BLOB on SQLite), not in a node's folder. The same
    /// file on a second complaint is stored once; the contents are append-only.
    @Test(arguments: TestBackend.allCases) func anAttachmentStoredOnOneNodeIsServedByTheOther(_ backend: TestBackend) async throws {
        let (a, b, cleanUp) = try await Self.twoNodes(backend)
        defer { cleanUp() }
        let first = try a.insertComplaint(Self.intake(summary: "附照片"), event: Self.intakeEvent)
        let second = try a.insertComplaint(Self.intake(summary: "同一照片"), event: Self.intakeEvent)
        let bytes = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + (0..<4096).map { UInt8($0 % 251) })
        let sha256 = Digest.sha256Hex(Array(bytes))
        func record(_ id: String) -> ComplaintAttachmentRecord {
            ComplaintAttachmentRecord(complaintId: id, sha256: sha256, name: "照片.png", mediaType: "image/png", size: bytes.count,
                                      uploadedBy: "测试登记员", uploadedAt: "2026-11-05T02:00:00Z")
        }
        #expect(try a.insertAttachment(record(first), content: bytes))
        #expect(try !a.insertAttachment(record(first), content: bytes), "the same file on the same complaint: nothing new")
        #expect(try b.insertAttachment(record(second), content: bytes))
        #expect(try b.attachmentContent(sha256: sha256) == bytes)
        #expect(try b.attachments(of: first).map(\.name) == ["照片.png"] && (try a.attachments(of: second)).count == 1)
        #expect(try a.attachmentContent(sha256: String(repeating: "0", count: 64)) == nil)
        #expect(throws: ComplaintNotFound.self) { try a.insertAttachment(record("TS-209901-0001"), content: bytes) }
        let stored: Int? = try a.session(readOnly: true) { try $0.value("SELECT COUNT(*) AS n FROM attachment_content") }
        #expect(stored == 1, "one copy of a content")
        for statement in ["UPDATE attachment_content SET bytes = bytes", "DELETE FROM attachment_content",
                          "UPDATE complaint_attachment SET name = 'x'", "DELETE FROM complaint_attachment"] {
            #expect(throws: (any Error).self, "\(statement)") { try b.session(readOnly: false) { try $0.execute(statement) } }
        }
        #expect(try a.attachmentContent(sha256: sha256) == bytes)
    }
}
