import Foundation
import OfficeTools
import Testing

/// `gongkai serve` as an office runs it: the built binary on a free port, /healthz, a login through
/// the form with curl (as a script would), and a graceful stop on SIGTERM with exit status 0.
@Suite struct ServeCommandTests {
    /// The server's standard error, read as it comes.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var text = ""
        func append(_ data: Data) { lock.withLock { text += String(decoding: data, as: UTF8.self) } }
        var all: String { lock.withLock { text } }
    }

    static func curl(_ args: [String]) async throws -> (status: Int32, output: String) {
        let result = try await ExternalTool.run("/usr/bin/curl", ["-s", "--max-time", "20"] + args)
        return (result.status, result.output)
    }

    @Test func serveLogInAndStopOnSIGTERM() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Binary.run(["demo", "--households", "50", "--db", "s.sqlite", "--out", "data"], in: dir).status == 0)
        let add = try await Binary.run(["user", "add", "wang.fang", "--role", "审计管理员", "--db", "s.sqlite"], in: dir, stdin: "Chu-shi-mi-ma1\n")
        #expect(add.status == 0, "\(add.output)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--db", "s.sqlite", "--output", "output"]
        var env = Binary.environment()
        env["GONGKAI_NOW"] = nil  // sessions expire on the real clock
        process.environment = env
        process.currentDirectoryURL = dir
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        let lines = Lines()
        err.fileHandleForReading.readabilityHandler = { handle in lines.append(handle.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        // Wait (at most 60 s) for "listening on http://127.0.0.1:PORT/".
        var base: String?
        for _ in 0..<600 where base == nil {
            if let range = lines.all.range(of: #"http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                base = String(lines.all[range].dropLast())
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let url = try #require(base, "the server did not say where it listens: \(lines.all)")
        #expect(try await Self.curl([url + "/healthz"]).output == "ok\n")

        let jar = dir.appendingPathComponent("cookies.txt").path
        let form = try await Self.curl(["-c", jar, "-b", jar, url + "/login"]).output
        let token = try #require(form.range(of: #"name="csrf_token" value="[^"]+""#, options: .regularExpression)
            .map { form[$0].split(separator: "\"").last.map(String.init) } ?? nil, "no csrf_token in the login form")
        let login = try await Self.curl(["-c", jar, "-b", jar, "-o", "/dev/null", "-w", "%{http_code} %{redirect_url}",
                                   "--data-urlencode", "username=wang.fang", "--data-urlencode", "password=Chu-shi-mi-ma1",
                                   "--data-urlencode", "csrf_token=\(token)", url + "/login"]).output
        #expect(login == "303 \(url)/password", "first login goes to the password change: \(login)")
        let wrong = try await Self.curl(["-c", jar, "-b", jar, "-o", "/dev/null", "-w", "%{http_code}",
                                   "--data-urlencode", "username=wang.fang", "--data-urlencode", "password=nope",
                                   "--data-urlencode", "csrf_token=\(token)", url + "/login"]).output
        #expect(wrong == "401")

        kill(process.processIdentifier, SIGTERM)
        await ChildProcess.exit(of: process)
        err.fileHandleForReading.readabilityHandler = nil
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0, "\(lines.all)")
        let log = lines.all
        #expect(!log.contains("Chu-shi-mi-ma1"), "the log never holds a password")
        #expect(!log.contains(token), "nor a CSRF token")
    }

    /// Issue 24: `--public-only --public-listen` serves the public channel alone (for a host in the
    /// DMZ): its pages, and 404 for every staff path; without --public-listen it is refused.
    @Test func publicOnlyServesThePublicChannelAlone() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Binary.run(["demo", "--households", "50", "--db", "s.sqlite", "--out", "data"], in: dir).status == 0)
        let refused = try await Binary.run(["serve", "--public-only", "--db", "s.sqlite"], in: dir)
        #expect(refused.status != 0 && refused.stderr.contains("--public-only 须同时给出 --public-listen"), "\(refused.output)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["serve", "--public-only", "--public-listen", "127.0.0.1:0", "--db", "s.sqlite", "--output", "output"]
        process.environment = Binary.environment()
        process.currentDirectoryURL = dir
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        let lines = Lines()
        err.fileHandleForReading.readabilityHandler = { handle in lines.append(handle.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        var base: String?
        for _ in 0..<600 where base == nil {
            if let range = lines.all.range(of: #"public channel on http://127\.0\.0\.1:[0-9]+/"#, options: .regularExpression) {
                base = String(lines.all[range].dropFirst("public channel on ".count).dropLast())
            } else {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let url = try #require(base, "the server did not say where the public channel listens: \(lines.all)")
        #expect(!lines.all.contains("listening on http://"), "a staff listener was started: \(lines.all)")
        for (path, status) in [("/", "200"), ("/submit", "200"), ("/progress", "200"), ("/static/public.css", "200"),
                               ("/login", "404"), ("/healthz", "404"), ("/static/gongkai.css", "404"), ("/complaints", "404")] {
            let answer = try await Self.curl(["-o", "/dev/null", "-w", "%{http_code}", url + path]).output
            #expect(answer == status, "\(path): \(answer)")
        }
        kill(process.processIdentifier, SIGTERM)
        await ChildProcess.exit(of: process)
        err.fileHandleForReading.readabilityHandler = nil
        #expect(process.terminationReason == .exit && process.terminationStatus == 0, "\(lines.all)")
    }
}
