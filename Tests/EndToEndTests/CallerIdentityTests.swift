import Foundation
import GRDB
@testable import Store
import Testing

/// Callers' names and phones are sealed in the database (issue 12, item 9): the file alone never shows
/// them, the key lives elsewhere, a wrong or missing key is refused, and a reveal needs a reason.
@Suite struct CallerIdentityTests {
    let dir: URL
    let db: String
    let key: String
    let name = "欧阳春燕", phone = "13812345678"

    init() throws {
        dir = try Binary.temporaryDirectory()
        db = dir.appendingPathComponent("desk.sqlite").path
        key = dir.appendingPathComponent("keys/caller-identity.key").path
        _ = try StoreDatabase(path: db)
        try DeskAccounts.add(to: db)
    }

    @discardableResult
    func run(_ args: [String], key: String? = nil, stdin: String? = nil) async throws -> Binary.Result {
        try await Binary.run(args + ["--db", db], stdin: stdin,
                       environment: ["GONGKAI_NOW": "2026-10-09T09:30:00+08:00", "GONGKAI_USER": DeskAccounts.centre,
                                     "GONGKAI_IDENTITY_KEY": key ?? self.key])
    }

    /// Every byte SQLite has written: the database, its WAL and shared memory.
    func storedBytes() -> Data {
        ["", "-wal", "-shm"].reduce(into: Data()) { all, suffix in
            if let data = FileManager.default.contents(atPath: db + suffix) { all += data }
        }
    }

    func addComplaint() async throws -> Binary.Result {
        try await run(["complaint", "add", "--received-at", "2026-10-08 10:00", "--channel", "来访", "--type", "举报",
                 "--category", "错保", "--summary", "邻居有车仍享受低保", "--caller-name", name, "--caller-phone", phone])
    }

    @Test func theDatabaseNeverHoldsACallerInClear() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let added = try await addComplaint()
        #expect(added.status == 0, "\(added.output)")
        // The key was made on first need, private, with a note to back it up.
        #expect(added.stderr.contains("已生成来电人身份密钥 \(key)") && added.stderr.contains("请离线备份"))
        let mode = try FileManager.default.attributesOfItem(atPath: key)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let revealed = try await run(["complaint", "show", "TS-202610-0001", "--reveal", "--reason", "回访"])
        #expect(revealed.status == 0 && revealed.stdout.contains(name) && revealed.stdout.contains(phone), "\(revealed.output)")
        // The reveal is in the audit log with the reason typed (issue 12: every reveal audited).
        let audit = try await run(["audit", "list", "--action", "complaint.reveal", "--format", "csv"])
        #expect(audit.status == 0 && audit.stdout.contains("TS-202610-0001") && audit.stdout.contains("以 ma.li：回访"), "\(audit.output)")
        let bytes = storedBytes()
        #expect(bytes.range(of: Data(name.utf8)) == nil)
        #expect(bytes.range(of: Data(phone.utf8)) == nil)
        #expect(!bytes.isEmpty)
    }

    @Test func aWrongOrMissingKeyIsRefused() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await addComplaint().status == 0)
        let other = dir.appendingPathComponent("other/caller-identity.key").path
        // A second key is never made for a database whose callers are sealed: it is refused instead.
        let missing = try await run(["complaint", "show", "TS-202610-0001", "--reveal", "--reason", "回访"], key: other)
        #expect(missing.status != 0 && missing.stderr.contains("请从备份恢复该密钥文件"), "\(missing.output)")
        #expect(!FileManager.default.fileExists(atPath: other))
        let intake = try await run(["complaint", "add", "--channel", "来访", "--type", "举报", "--category", "错保",
                              "--summary", "又一件", "--caller-name", "王五"], key: other)
        #expect(intake.status != 0 && !FileManager.default.fileExists(atPath: other))
        // Another key file: refused by its fingerprint, nothing shown.
        try FileManager.default.createDirectory(atPath: (other as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: other, contents: Data("# k\n\(Data(repeating: 3, count: 32).base64EncodedString())\n".utf8),
                                                attributes: [.posixPermissions: 0o600]))
        let wrong = try await run(["complaint", "show", "TS-202610-0001", "--reveal", "--reason", "回访"], key: other)
        #expect(wrong.status != 0 && wrong.stderr.contains("不是本数据库加密来电人时用的密钥"), "\(wrong.output)")
        #expect(!wrong.output.contains(name) && !wrong.output.contains(phone))
    }

    @Test func callersStoredInClearByAnOlderGongkaiAreSealed() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try StoreDatabase(path: db)
        try store.write { db in
            try db.execute(sql: """
                INSERT INTO complaint (complaint_id, received_at, received_day, received_month_index, channel, type, category,
                                       summary, caller_name, caller_phone, anonymous, status)
                VALUES ('TS-202610-0009', '2026-10-08 10:00', 0, 24321, '来访', '举报', '错保', '旧记录', ?, ?, 0, '登记')
                """, arguments: [name, phone])
        }
        #expect(storedBytes().range(of: Data(phone.utf8)) != nil)
        let added = try await run(["complaint", "add", "--channel", "来信", "--type", "投诉", "--category", "其他", "--summary", "新", "--anonymous"])
        #expect(added.status == 0, "\(added.output)")
        let stored = try store.read { db in try Row.fetchOne(db, sql: "SELECT caller_name, caller_phone, caller_phone_digest FROM complaint WHERE complaint_id = 'TS-202610-0009'") }
        let sealedName: String? = stored?["caller_name"], digest: String? = stored?["caller_phone_digest"]
        #expect(sealedName?.hasPrefix("gk1:") == true && digest?.count == 64)
        let revealed = try await run(["complaint", "show", "TS-202610-0009", "--reveal", "--reason", "核实"])
        #expect(revealed.stdout.contains(name) && revealed.stdout.contains(phone), "\(revealed.output)")
    }

    @Test func reimportingTheHotlineLogChangesNothing() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data")
        #expect(try await Binary.run(["demo", "--households", "300", "--month", "2026-10", "--out", data.path, "--no-import"]).status == 0)
        let first = try await run(["import", data.path])
        #expect(first.status == 0, "\(first.output)")
        let again = try await run(["import", data.path])
        let complaints = again.stdout.split(separator: "\n").first { $0.hasPrefix("complaints.csv") }
        let counts = complaints?.split(separator: " ", omittingEmptySubsequences: true) ?? []
        // "complaints.csv  N 行  新增 0  变更 0"
        #expect(counts.count >= 7 && counts[4] == "0" && counts[6] == "0", "\(again.output)")
    }
}
