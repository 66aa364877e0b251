import Foundation
import GRDB
import OfficeTools
@testable import Store
import Testing

/// The complaint desk driven through the built binary, as an operator would.
@Suite struct DeskCommandTests {
    let dir: URL
    let db: String

    /// A fresh folder with an empty store: the desk commands use an existing database and never
    /// create one (only import and demo do).
    init() throws {
        dir = try Binary.temporaryDirectory()
        db = dir.appendingPathComponent("desk.sqlite").path
        _ = try StoreDatabase(path: db)
        try DeskAccounts.add(to: db)
    }

    /// Runs `gongkai complaint …` at a given Beijing time as the account `login` (the centre's 马丽
    /// unless said otherwise).
    @discardableResult
    func desk(_ args: [String], at now: String = "2026-10-09T09:30:00+08:00", stdin: String? = nil,
              as login: String = DeskAccounts.centre) async throws -> Binary.Result {
        try await Binary.run(["complaint"] + args + ["--db", db], stdin: stdin,
                       environment: ["GONGKAI_NOW": now, "GONGKAI_USER": login])
    }

    func jsonLine(_ n: Int, received: String = "2026-10-08 10:00") -> String {
        #"{"received_at":"\#(received)","channel":"监督电话","type":"投诉","category":"发放时限","programme":"dibao","township":"三营镇","summary":"第\#(n)件","caller_name":"测试人\#(n)","caller_phone":"13900000000"}"#
    }

    @Test func wholeLifeOfAComplaint() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let added = try await desk(["add", "--received-at", "2026-10-08 10:00", "--channel", "监督电话", "--type", "投诉",
                              "--category", "发放时限", "--programme", "低保", "--township", "三营镇",
                              "--summary", "9月低保金未到账"])
        #expect(added.status == 0, "\(added.output)")
        #expect(added.stdout == "TS-202610-0001\n")
        let id = "TS-202610-0001"
        let refused = try await desk(["close", id])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("\(id) 的状态是登记：现在不能 'close'；可以进行的下一步：accept, return, supervise"))
        // Each step as the account whose step it is: the centre dispatches, 李明 of 三营镇 replies,
        // 张华 of the centre calls back.
        for (args, now, login, expected) in [
            (["accept", id], "2026-10-09T09:00:00+08:00", DeskAccounts.centre, "受理 — 下一步：转办，期限 2026-10-10"),  // 调休 Saturday
            (["transfer", id, "--unit", "三营镇民政办"], "2026-10-10T09:00:00+08:00", DeskAccounts.centre, "转办 — 下一步：办结，期限 2026-12-07"),
            (["assign", id, "--to", "李明"], "2026-10-12T09:00:00+08:00", DeskAccounts.centre, "办理中"),
            (["extend", id, "--days", "10", "--reason", "需入户核查"], "2026-10-12T10:00:00+08:00", DeskAccounts.centre, "期限 2026-12-17"),
            (["reply", id, "--note", "已补发"], "2026-10-20T09:00:00+08:00", DeskAccounts.handler, "答复 — 下一步：回访，期限 2026-10-23"),
            (["callback", id, "--rating", "满意"], "2026-10-21T09:00:00+08:00", DeskAccounts.callbacks, "回访"),
            (["close", id], "2026-10-22T09:00:00+08:00", DeskAccounts.centre, "办结"),
        ] {
            let r = try await desk(args, at: now, as: login)
            #expect(r.status == 0 && r.stdout.contains(expected), "\(args): \(r.output)")
        }
        let shown = try await desk(["show", id])
        let history = shown.stdout.split(separator: "\n").filter { $0.hasPrefix("20") }
            .map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().prefix(2).joined(separator: " ") }
        #expect(history == ["马丽 add", "马丽 accept", "马丽 transfer", "马丽 assign", "马丽 extend", "李明 reply", "张华 callback", "马丽 close"])
        let closed = try await desk(["list", "--status", "办结", "--format", "csv"])
        #expect(closed.stdout.contains("\(id),2026-10-08 10:00,办结,投诉,发放时限,监督电话,dibao,三营镇,2026-12-17,false,false"))
    }

    @Test func callerIdentityOnlyInReveal() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let name = "欧阳春燕", phone = "13812345678"
        #expect(try await desk(["add", "--received-at", "2026-10-08 10:00", "--channel", "来访", "--type", "举报",
                          "--category", "错保", "--summary", "邻居有车仍享受低保", "--caller-name", name,
                          "--caller-phone", phone]).status == 0)
        #expect(try await desk(["add"], stdin: jsonLine(2)).status == 0)
        let outputs = try await [
            desk(["list"]), desk(["list", "--format", "csv"]), desk(["list", "--format", "json"]),
            desk(["list", "--overdue", "--format", "json"]),
            desk(["stats", "--month", "2026-10"]), desk(["stats", "--month", "2026-10", "--format", "csv"]),
            desk(["stats", "--month", "2026-10", "--format", "json"]), desk(["show", "TS-202610-0001"]),
        ]
        for r in outputs {
            #expect(r.status == 0, "\(r.output)")
            #expect(!r.output.contains(name) && !r.output.contains(phone) && !r.output.contains("测试人"))
            #expect(!r.output.contains("13900000000"))
        }
        let json = try JSONSerialization.jsonObject(with: Data(outputs[2].stdout.utf8)) as? [[String: Any]]
        #expect(json?.count == 2)
        #expect(json?.first?["due"] as? String == "2026-12-07" && json?.first?["overdue"] as? Bool == false)
        // A reveal needs a reason, which the history keeps with who looked.
        let unexplained = try await desk(["show", "TS-202610-0001", "--reveal"])
        #expect(unexplained.status != 0 && unexplained.stderr.contains("--reason") && !unexplained.output.contains(name))
        let revealed = try await desk(["show", "TS-202610-0001", "--reveal", "--reason", "回访需联系来电人"])
        #expect(revealed.stdout.contains(name) && revealed.stdout.contains(phone))
        let history = try await desk(["show", "TS-202610-0001"]).stdout.split(separator: "\n").filter { $0.contains("马丽") }
        #expect(history.last?.split(separator: " ", omittingEmptySubsequences: true)[2] == "reveal")
        #expect(history.last?.contains("回访需联系来电人") == true)
    }

    /// The CLI applies the browser's role matrix to the account it acts as: a 承办人 cannot take the
    /// 督办's steps nor call back on its own reply, an unknown or missing account is refused, and each
    /// refusal is audited.
    @Test func theCommandLineActsAsAnAccountUnderItsRoles() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await desk(["add"], stdin: jsonLine(1)).status == 0)
        let id = "TS-202610-0001"
        let nobody = try await Binary.run(["complaint", "accept", id, "--db", db], environment: ["GONGKAI_NOW": "2026-10-09T09:30:00+08:00"])
        #expect(nobody.status == 1 && nobody.stderr.contains("请用 --as 登录名"), "\(nobody.output)")
        let stranger = try await desk(["accept", id], as: "wang.wu")
        #expect(stranger.status == 1 && stranger.stderr.contains("没有登录名为 wang.wu 的账号"))
        let handler = try await desk(["accept", id], as: DeskAccounts.handler)
        #expect(handler.status == 1 && handler.stderr.contains("李明 的角色不能对 \(id) 受理"), "\(handler.output)")
        #expect(try await desk(["accept", id, "--as", DeskAccounts.centre], as: DeskAccounts.handler).status == 0, "--as wins over $GONGKAI_USER")
        #expect(try await desk(["transfer", id, "--unit", "三营镇民政办"]).status == 0)
        #expect(try await desk(["assign", id], as: DeskAccounts.handler).stdout.contains("办理中"))
        #expect(try await desk(["reply", id], as: DeskAccounts.handler).status == 0)
        let selfRated = try await desk(["callback", id, "--rating", "满意"], as: DeskAccounts.handler)
        #expect(selfRated.status == 1 && selfRated.stderr.contains("李明 的角色不能对 \(id) 回访"))
        #expect(try await desk(["callback", id, "--rating", "满意"], as: DeskAccounts.callbacks).status == 0)
        let refused = try StoreDatabase(path: db, access: .readOnly).read { db in
            try String.fetchAll(db, sql: "SELECT detail FROM audit_log WHERE action = 'complaint.step' AND outcome = 'refused' ORDER BY id")
        }
        #expect(refused.count == 2 && refused.allSatisfy { $0.contains("以 li.ming") })
    }

    @Test func anonymousComplaintAndPINLookup() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let added = try await desk(["add", "--pin"], stdin: #"{"received_at":"2026-10-08 10:00","channel":"来信","type":"举报","category":"违纪违规","summary":"村干部优亲厚友","anonymous":"是"}"#)
        #expect(added.status == 0, "\(added.output)")
        let parts = added.stdout.split(separator: " ")
        #expect(parts.count == 3 && parts[0] == "TS-202610-0001" && parts[1] == "PIN")
        let pin = parts.count == 3 ? String(parts[2].dropLast()) : ""
        let right = try await desk(["lookup", "TS-202610-0001", "--pin", pin])
        #expect(right.status == 0)
        #expect(right.stdout == "状态：登记\n下一期限：受理告知，期限 2026-10-23（2026年10月23日）\n")
        let wrong = try await desk(["lookup", "TS-202610-0001", "--pin", pin == "0000" ? "0001" : "0000"])
        #expect(wrong.status != 0 && wrong.stderr.contains("没有与该编号和查询密码相符的投诉"))
        #expect(!wrong.stdout.contains("登记"))
    }

    @Test func calendarCommand() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Binary.run(["calendar", "add", "2026-02-13", "1", "workdays"]).stdout == "2026-02-14\n")
        #expect(try await Binary.run(["calendar", "add", "2026-08-02", "60", "days"]).stdout == "2026-10-08\n")
        let uncovered = try await Binary.run(["calendar", "add", "2027-03-01", "1", "workdays"])
        #expect(uncovered.status != 0)
        #expect(uncovered.stderr.contains("没有 2027 年的节假日安排：请添加 templates/calendar/2027.toml"))
    }

    /// Two desk processes each add 500 complaints (JSON Lines, one transaction each) at the same time.
    @Test func twoProcessesAdding500EachGet1000DistinctSequentialNumbers() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        // A new file that two openers create and migrate at once (as two imports may): both succeed.
        let fresh = dir.appendingPathComponent("fresh.sqlite").path
        nonisolated(unsafe) var opened = [false, false]
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let ok = (try? StoreDatabase(path: fresh)) != nil
            lock.withLock { opened[i] = ok }
        }
        #expect(opened == [true, true])
        #expect(try StoreDatabase(path: fresh, access: .readOnly).integrityCheck() == "ok")

        let input = (1...500).map { jsonLine($0) }.joined(separator: "\n")
        let started = Date()
        async let first = try? desk(["add"], stdin: input)
        async let second = try? desk(["add"], stdin: input)
        let results = await [first, second]
        let seconds = Date().timeIntervalSince(started)
        print("two processes × 500 complaints: \(String(format: "%.1f", seconds)) s")
        for r in results {
            #expect(r?.status == 0 && r?.stderr == "", "\(r?.output ?? "did not run")")
            #expect(r?.stdout.split(separator: "\n").count == 500)
        }
        let store = try StoreDatabase(path: db)
        let ids = try store.complaints().map(\.complaintId).sorted()
        #expect(ids == (1...1000).map { String(format: "TS-202610-%04d", $0) })
        #expect(try store.integrityCheck() == "ok")
    }

    /// A process killed in the middle of a loop of writes loses at most the write in flight.
    @Test func killedWriterLeavesASoundFile() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["complaint", "add", "--db", db]
        process.environment = Binary.environment(["GONGKAI_NOW": "2026-10-09T09:30:00+08:00", "GONGKAI_USER": DeskAccounts.centre])
        let input = Pipe(), output = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        input.fileHandleForWriting.write(Data((1...20_000).map { jsonLine($0) }.joined(separator: "\n").utf8))
        try input.fileHandleForWriting.close()
        // Wait until writes are under way, then kill without warning.
        var seen = 0
        while seen < 200 {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += chunk.filter { $0 == UInt8(ascii: "\n") }.count
        }
        kill(process.processIdentifier, SIGKILL)
        await ChildProcess.exit(of: process)
        #expect(process.terminationReason == .uncaughtSignal)

        let store = try StoreDatabase(path: db)
        #expect(try store.integrityCheck() == "ok")
        let complaints = try store.complaints()
        #expect(complaints.count >= 200 && complaints.count < 20_000)
        #expect(complaints.map(\.complaintId).sorted() == (1...complaints.count).map { String(format: "TS-202610-%04d", $0) })
        // Each complaint was written together with its intake event: no half-written complaint.
        for c in complaints.suffix(5) {
            #expect(try store.complaintEvents(id: c.complaintId).map(\.action) == ["add"])
        }
    }
}
