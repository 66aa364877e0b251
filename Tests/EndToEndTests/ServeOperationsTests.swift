import Foundation
import OfficeTools
import Testing

/// `gongkai serve --metrics-listen … --log-format json` as a monitor and a log shipper see it:
/// `/metrics` on its own listener parses as Prometheus text with the request and office series,
/// every line of standard error is one JSON object, and the request id a response carries in
/// `X-Request-Id` is the one its log line carries — on the staff listener and on the public
/// channel (`--public-listen`) alike, whose requests are told apart by `listener`.
@Suite struct ServeOperationsTests {
    /// One sample of a Prometheus text page: `name{label="value",…} number`.
    struct Sample: Equatable {
        let name: String
        let labels: [String: String]
        let value: Double
    }

    /// Parses Prometheus' text exposition format (version 0.0.4): `# HELP` and `# TYPE` comments
    /// and sample lines; any other line is an error naming it.
    static func parsePrometheus(_ text: String) throws -> [Sample] {
        struct Malformed: Error, CustomStringConvertible { let description: String }
        let sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/
        let label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/
        var samples: [Sample] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: true) {
            if line.hasPrefix("# HELP ") || line.hasPrefix("# TYPE ") { continue }
            guard let match = try sample.wholeMatch(in: line) else { throw Malformed(description: "not a sample: \(line)") }
            let labels = Dictionary((match.2.map { $0.matches(of: label) } ?? []).map { (String($0.1), String($0.2)) },
                                    uniquingKeysWith: { a, _ in a })
            guard let value = Double(match.3) else { throw Malformed(description: "not a number: \(line)") }
            samples.append(Sample(name: String(match.1), labels: labels, value: value))
        }
        return samples
    }

    @Test func metricsAndJSONLogs() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Binary.run(["demo", "--households", "60", "--db", "s.sqlite", "--out", "data"], in: dir).status == 0)
        let add = try await Binary.run(["user", "add", "wang.fang", "--role", "审计管理员", "--db", "s.sqlite"], in: dir, stdin: "Chu-shi-mi-ma1\n")
        #expect(add.status == 0, "\(add.output)")
        let clerk = try await Binary.run(["user", "add", "li.lei", "--role", "登记员", "--db", "s.sqlite"], in: dir, stdin: "Chu-shi-mi-ma1\n")
        #expect(clerk.status == 0, "\(clerk.output)")

        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--public-listen", "127.0.0.1:0", "--metrics-listen", "127.0.0.1:0", "--log-format", "json",
                             "--db", "s.sqlite", "--output", "output"]
        var env = Binary.environment()
        env["GONGKAI_NOW"] = nil
        process.environment = env
        process.currentDirectoryURL = dir
        let err = Pipe()
        process.standardError = err
        process.standardOutput = FileHandle.nullDevice
        let lines = ServeCommandTests.Lines()
        err.fileHandleForReading.readabilityHandler = { handle in lines.append(handle.availableData) }
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        func address(_ pattern: String) async throws -> String? {
            for _ in 0..<600 {
                if let range = lines.all.range(of: pattern, options: .regularExpression) { return String(lines.all[range]) }
                try await Task.sleep(for: .milliseconds(100))
            }
            return nil
        }
        let app = try #require(try await address(#"正在监听 http://127\.0\.0\.1:[0-9]+/"#), "no listening line: \(lines.all)")
            .dropFirst("正在监听 ".count).dropLast()
        let publicChannel = try #require(try await address(#"群众网上反馈渠道 http://127\.0\.0\.1:[0-9]+/"#), "no public line: \(lines.all)")
            .dropFirst("群众网上反馈渠道 ".count).dropLast()
        let metrics = try #require(try await address(#"http://127\.0\.0\.1:[0-9]+/metrics"#), "no metrics line: \(lines.all)")

        // A request's id comes back in X-Request-Id, on either listener.
        func fetchRequestID(_ url: String) async throws -> String {
            let headers = try await ServeCommandTests.curl(["-s", "-o", "/dev/null", "-D", "-", url]).output
            return try #require(headers.split(separator: "\r\n").first { $0.lowercased().hasPrefix("x-request-id:") }
                .map { $0.split(separator: ":", maxSplits: 1)[1].trimmingCharacters(in: .whitespaces) }, "no X-Request-Id: \(headers)")
        }
        let requestID = try await fetchRequestID(String(app) + "/healthz")
        // The public channel: its home, the progress form asked with what a citizen might type into
        // a query (a number, a PIN, a phone), and a staff path it does not serve.
        let publicID = try await fetchRequestID(String(publicChannel) + "/progress?number=TS-209912-0777&pin=739182&phone=13912345678")
        _ = try await fetchRequestID(String(publicChannel) + "/")
        _ = try await fetchRequestID(String(publicChannel) + "/login")
        // A login, so a line carries the account.
        let jar = dir.appendingPathComponent("cookies.txt").path
        let form = try await ServeCommandTests.curl(["-c", jar, "-b", jar, String(app) + "/login"]).output
        let token = try #require(form.range(of: #"name="csrf_token" value="[^"]+""#, options: .regularExpression)
            .map { form[$0].split(separator: "\"").last.map(String.init) } ?? nil)
        let login = try await ServeCommandTests.curl(["-c", jar, "-b", jar, "-o", "/dev/null", "-w", "%{http_code}",
                                                      "--data-urlencode", "username=wang.fang", "--data-urlencode", "password=Chu-shi-mi-ma1",
                                                      "--data-urlencode", "csrf_token=\(token)", String(app) + "/login"]).output
        #expect(login == "303")

        func scrape() async throws -> [Sample] {
            let page = try await ServeCommandTests.curl(["-w", "\n%{content_type}", metrics])
            #expect(page.status == 0)
            let contentType = String(page.output.split(separator: "\n").last ?? "")
            #expect(contentType.hasPrefix("text/plain; version=0.0.4"), "\(contentType)")
            return try Self.parsePrometheus(String(page.output.dropLast(contentType.count + 1)))
        }
        func openComplaints(_ samples: [Sample]) -> Double {
            samples.filter { $0.name == "gongkai_complaints_open" }.map(\.value).reduce(0, +)
        }
        // The office's figures are read at each scrape: a complaint taken meanwhile is counted.
        let before = openComplaints(try await scrape())
        let intake = try await Binary.run(["complaint", "add", "--channel", "来信", "--type", "投诉", "--category", "其他",
                                           "--summary", "指标测试", "--anonymous", "--as", "li.lei", "--db", "s.sqlite"], in: dir)
        #expect(intake.status == 0, "\(intake.output)")
        let samples = try await scrape()
        #expect(openComplaints(samples) == before + 1)
        func value(_ name: String, _ labels: [String: String] = [:]) -> Double? {
            samples.first { sample in sample.name == name && labels.allSatisfy { key, value in sample.labels[key] == value } }?.value
        }
        for light in ["red", "yellow", "green", "none"] {
            #expect(value("gongkai_complaints_open", ["light": light]) != nil, "open complaints, \(light)")
        }
        #expect(value("gongkai_complaints_sign_overdue") != nil)
        #expect(value("gongkai_last_release_month") == 0, "nothing is published in this folder")
        #expect(value("gongkai_last_release_age_days") == 0)
        #expect((value("gongkai_last_import_timestamp_seconds") ?? 0) > 1_700_000_000)
        let status = try await Binary.run(["status", "--format", "json", "--db", "s.sqlite"], in: dir)
        let summary = try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any]
        let lastImport = (summary?["recentImports"] as? [[String: Any]])?.first
        let rows = ((lastImport?["files"] as? [[String: Any]]) ?? []).compactMap { $0["rowsRead"] as? Int }.reduce(0, +)
        #expect(rows > 0 && value("gongkai_last_import_rows") == Double(rows), "the last import's rows, as status counts them")
        #expect(value("hb_requests", ["http_route": "/healthz", "http_response_status_code": "200"]) == 1)
        // Staff and public requests in one registry, told apart by `listener`.
        #expect(value("hb_requests", ["http_route": "/healthz", "listener": "staff"]) == 1)
        #expect(value("hb_requests", ["http_route": "/progress", "http_request_method": "GET", "listener": "public"]) == 1)
        #expect(value("hb_requests", ["http_route": "/", "listener": "public", "http_response_status_code": "200"]) == 1)
        #expect(value("hb_requests", ["listener": "public", "http_response_status_code": "404"]) == 1, "the staff path on the public listener")
        #expect(value("http_server_request_duration_count", ["http_route": "/progress", "listener": "public"]) == 1)
        #expect(samples.filter { $0.name == "hb_requests" }.allSatisfy { ["staff", "public"].contains($0.labels["listener"] ?? "") },
                "every request series names its listener")
        #expect(value("http_server_request_duration_count", ["http_route": "/login", "http_request_method": "POST"]) == 1)

        kill(process.processIdentifier, SIGTERM)
        await ChildProcess.exit(of: process)
        err.fileHandleForReading.readabilityHandler = nil
        #expect(process.terminationStatus == 0, "\(lines.all)")

        // Every line of the log is one JSON object with a time, a level and a message.
        var objects: [[String: String]] = []
        for line in lines.all.split(separator: "\n") {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: String]
            let fields = try #require(object, "not a JSON object of strings: \(line)")
            #expect(fields["time"] != nil && fields["level"] != nil && fields["message"] != nil, "\(line)")
            objects.append(fields)
        }
        let healthLine = try #require(objects.first { $0["request_id"] == requestID && $0["message"] == "request" },
                                      "no log line carries the request id \(requestID): \(lines.all)")
        #expect(healthLine["route"] == "/healthz" && healthLine["status"] == "200" && healthLine["method"] == "GET")
        #expect(healthLine["listener"] == "staff")
        // The public channel logs like the staff listener: the route pattern, never the query.
        let publicLine = try #require(objects.first { $0["request_id"] == publicID && $0["message"] == "request" },
                                      "no log line carries the public request id \(publicID): \(lines.all)")
        #expect(publicLine["listener"] == "public" && publicLine["route"] == "/progress" && publicLine["status"] == "200", "\(publicLine)")
        #expect(publicLine["actor_id"] == nil && Double(publicLine["duration_ms"] ?? "") != nil, "\(publicLine)")
        #expect(objects.contains { $0["listener"] == "public" && $0["status"] == "404" }, "the refused staff path is logged too")
        for typed in ["739182", "13912345678", "TS-209912-0777"] {
            #expect(!lines.all.contains(typed), "the log never holds what a query carried: \(typed)")
        }
        #expect(Double(healthLine["duration_ms"] ?? "") != nil)
        let loginLine = try #require(objects.first { $0["route"] == "/login" && $0["method"] == "POST" })
        #expect(loginLine["status"] == "303" && loginLine["actor_id"] != nil, "the login's line names the account: \(loginLine)")
        #expect(!lines.all.contains("Chu-shi-mi-ma1"), "the log never holds a password")
        #expect(!lines.all.contains(token), "nor a CSRF token")
        #expect(objects.contains { $0["message"] == "gongkai serve：已停止" })
    }

    @Test func aMalformedMetricsAddressIsRefused() async throws {
        let result = try await Binary.run(["serve", "--metrics-listen", "nowhere", "--db", "none.sqlite"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--metrics-listen"), "\(result.stderr)")
    }
}
