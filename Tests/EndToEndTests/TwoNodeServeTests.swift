import Foundation
import GongkaiCore
import OfficeTools
import Testing

/// Two `gongkai serve` processes on one PostgreSQL database, as a city runs them behind nginx
/// (docs/deploy.md, section 8): a session made on one node is valid on the other (the password is
/// changed on the second node after logging in on the first); 2 × 500 intakes sent to both at once
/// get the month's numbers 0001…1000, each once; a file attached through one node downloads from the
/// other (attachments are in the database: the nodes share no folder); the automatic sweep, which
/// both nodes run at start, supervises each overdue complaint once.
@Suite struct TwoNodeServeTests {
    static let password = "Chu-shi-mi-ma1", newPassword = "Xin-mi-ma-2026q"

    /// One serve process and the address it announced.
    final class Node: @unchecked Sendable {
        let process = Process()
        let lines = ServeCommandTests.Lines()
        private let err = Pipe()
        var base = ""

        init(db: String, in dir: URL) async throws {
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = ["serve", "--listen", "127.0.0.1:0", "--db", db, "--output", "output"]
            var env = Binary.environment()
            env["GONGKAI_NOW"] = nil  // sessions expire on the real clock
            process.environment = env
            process.currentDirectoryURL = dir
            process.standardError = err
            process.standardOutput = FileHandle.nullDevice
            let lines = lines
            err.fileHandleForReading.readabilityHandler = { handle in lines.append(handle.availableData) }
            try process.run()
            for _ in 0..<600 where base.isEmpty {
                if let range = lines.all.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                    base = String(lines.all[range].dropLast())
                } else {
                    try await Task.sleep(for: .milliseconds(100))
                }
            }
            #expect(!base.isEmpty, "the node did not say where it listens: \(lines.all)")
        }

        func stop() async {
            guard process.isRunning else { return }
            kill(process.processIdentifier, SIGTERM)
            await ChildProcess.exit(of: process)
            err.fileHandleForReading.readabilityHandler = nil
        }
    }

    static func csrfToken(_ page: String) -> String? {
        page.range(of: #"name="csrf_token" value="[^"]+""#, options: .regularExpression)
            .flatMap { page[$0].split(separator: "\"").last.map(String.init) }
    }

    @Test func twoNodesShareSessionsNumbersAttachmentsAndTheSweep() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = try await ThrowawayPostgres.shared.newDatabaseURL()
        let demo = try await Binary.run(["demo", "--households", "60", "--db", db, "--out", "data"], in: dir)
        try #require(demo.status == 0, "\(demo.stderr)")
        let add = try await Binary.run(["user", "add", "li.dengji", "--role", "登记员", "--db", db], in: dir, stdin: Self.password + "\n")
        try #require(add.status == 0, "\(add.output)")
        // Five complaints received in August and still open: overdue by the time the nodes start
        // (the demo's own complaints are all concluded), so the sweep each node runs at start has work.
        let overdue = String(repeating: #"{"received_at":"2026-08-03 09:00","channel":"来信","type":"投诉","category":"其他","township":"三营镇","summary":"八月来信未办"}"# + "\n",
                             count: 5)
        let old = try await Binary.run(["complaint", "add", "--as", "li.dengji", "--db", db], in: dir, stdin: overdue)
        try #require(old.status == 0, "\(old.output)")

        let (one, two) = (try await Node(db: db, in: dir), try await Node(db: db, in: dir))
        defer { Task { await one.stop(); await two.stop() } }
        let jar = dir.appendingPathComponent("cookies.txt").path
        func curl(_ args: [String]) async throws -> String { try await ServeCommandTests.curl(["-c", jar, "-b", jar] + args).output }

        // Log in on node one; change the password on node two; the desk answers on node one.
        let loginToken = try #require(Self.csrfToken(try await curl([one.base + "/login"])))
        let login = try await curl(["-o", "/dev/null", "-w", "%{http_code} %{redirect_url}", "--data-urlencode", "username=li.dengji",
                                    "--data-urlencode", "password=\(Self.password)", "--data-urlencode", "csrf_token=\(loginToken)",
                                    one.base + "/login"])
        #expect(login == "303 \(one.base)/password", "\(login)")
        let passwordToken = try #require(Self.csrfToken(try await curl([two.base + "/password"])), "node two knows the session")
        let changed = try await curl(["-o", "/dev/null", "-w", "%{http_code}", "--data-urlencode", "current_password=\(Self.password)",
                                      "--data-urlencode", "new_password=\(Self.newPassword)", "--data-urlencode", "csrf_token=\(passwordToken)",
                                      two.base + "/password"])
        #expect(["200", "303"].contains(changed), "password changed on node two: \(changed)")
        let form = try await curl([one.base + "/complaints/new"])
        let token = try #require(Self.csrfToken(form), "node one shows the intake form to the session: \(form.prefix(300))")

        // 500 anonymous intakes to each node at once, eight at a time per node.
        let replies = dir.appendingPathComponent("replies")
        try FileManager.default.createDirectory(at: replies, withIntermediateDirectories: true)
        let fields = "csrf_token=\(token)&channel=%E7%9B%91%E7%9D%A3%E7%94%B5%E8%AF%9D&type=%E6%8A%95%E8%AF%89"
            + "&category=%E5%85%B6%E4%BB%96&township=%E4%B8%89%E8%90%A5%E9%95%87&anonymous=%E6%98%AF&summary=%E4%B8%A4%E8%8A%82%E7%82%B9"
        func batch(_ node: Node, _ name: String) throws -> String {
            let config = dir.appendingPathComponent("\(name).curl")
            try (1...500).map { n in
                "url = \"\(node.base)/complaints/new\"\ncookie = \"\(jar)\"\ndata = \"\(fields)\"\noutput = \"\(replies.path)/\(name)-\(n).html\"\n"
            }.joined(separator: "next\n").write(to: config, atomically: true, encoding: .utf8)
            return config.path
        }
        let (configOne, configTwo) = (try batch(one, "one"), try batch(two, "two"))
        async let sentOne = ExternalTool.run("/usr/bin/curl", ["-s", "--parallel", "--parallel-max", "8", "-K", configOne])
        async let sentTwo = ExternalTool.run("/usr/bin/curl", ["-s", "--parallel", "--parallel-max", "8", "-K", configTwo])
        let (doneOne, doneTwo) = try await (sentOne, sentTwo)
        #expect(doneOne.status == 0 && doneTwo.status == 0, "\(doneOne.output)\(doneTwo.output)")
        var numbers: [String] = []
        for file in try FileManager.default.contentsOfDirectory(atPath: replies.path) {
            let page = try String(contentsOf: replies.appendingPathComponent(file), encoding: .utf8)
            if let range = page.range(of: #"已登记，编号 TS-[0-9]{6}-[0-9]{4}"#, options: .regularExpression) {
                numbers.append(String(page[range].suffix(14)))
            }
        }
        #expect(numbers.count == 1000, "every intake was saved")
        #expect(Set(numbers).count == numbers.count, "no number twice")
        let month = try #require(numbers.first.map { String($0.prefix(10)) })
        let expected: Set<String> = Set((1...1000).map { (n: Int) -> String in month + String(String(n + 10000).dropFirst()) })
        #expect(Set(numbers) == expected, "the month's numbers without a gap")

        // A file attached through node one downloads from node two.
        let picture = dir.appendingPathComponent("photo.png")
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + Array("IHDR-two-nodes".utf8)
        try Data(png).write(to: picture)
        let number = try #require(numbers.min())
        let uploaded = try await curl(["-o", "/dev/null", "-w", "%{http_code}", "-F", "csrf_token=\(token)", "-F", "file=@\(picture.path);type=image/png",
                                       one.base + "/complaints/\(number)/attachments"])
        #expect(["200", "303"].contains(uploaded), "uploaded on node one: \(uploaded)")
        let sha = Digest.sha256Hex(png)
        let downloaded = dir.appendingPathComponent("downloaded.png")
        let fetched = try await curl(["-o", downloaded.path, "-w", "%{http_code}", two.base + "/complaints/\(number)/attachments/\(sha)"])
        let bytes = FileManager.default.contents(atPath: downloaded.path)
        #expect(fetched == "200", "downloaded from node two: \(fetched)")
        #expect(bytes == Data(png))

        // Both nodes swept at start: each overdue complaint was supervised once.
        await one.stop(); await two.stop()
        #expect(one.process.terminationStatus == 0 && two.process.terminationStatus == 0, "\(one.lines.all)\(two.lines.all)")
        let audit = try await Binary.run(["audit", "list", "--action", "complaint.autoSupervise", "--format", "csv", "--db", db], in: dir)
        #expect(audit.status == 0, "\(audit.stderr)")
        let supervised = audit.stdout.split(separator: "\n").dropFirst().compactMap { line in
            line.split(separator: ",").first { $0.hasPrefix("TS-") }.map(String.init)
        }
        #expect(Set(supervised).count == 5, "the five August complaints were supervised: \(audit.stdout)")
        #expect(supervised.count == 5, "no complaint supervised twice: \(supervised)")
    }
}
