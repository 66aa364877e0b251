import Foundation
import OfficeTools
import Testing

/// deploy/ as an office runs it: Debian's nginx with deploy/nginx/gongkai.conf (only its addresses,
/// certificate and folders replaced, as the office replaces them) and a throwaway certificate, in
/// front of `gongkai serve --secure-cookies --trusted-proxy 127.0.0.1`, all on loopback, nginx run as
/// this user with its pid, logs and temporary files in a temporary folder. A person logs in over
/// HTTPS; plain HTTP is sent to HTTPS; the audit log records the client's address that nginx passed
/// in X-Forwarded-For, never one the client wrote; the public name reaches the public channel
/// (`--public-listen`) and no staff page; the published months come from nginx itself.
/// The systemd units pass `systemd-analyze verify` and the logrotate file `logrotate --debug`.
///
/// nginx comes from the Makefile's APT_PKGS (`make deps`).
@Suite struct DeployTests {
    static let staffName = "gongkai.mzj.example"
    static let publicName = "gongkai-public.mzj.example"

    /// The shipped site file with the office's values replaced by the test's; each value must be
    /// in the file, so a change of its shape fails here rather than testing something else.
    static func site(_ replacements: [(String, String)]) throws -> String {
        var text = try String(contentsOf: Binary.packageRoot.appendingPathComponent("deploy/nginx/gongkai.conf"), encoding: .utf8)
        for (shipped, test) in replacements {
            #expect(text.contains(shipped), "deploy/nginx/gongkai.conf no longer holds '\(shipped)'")
            text = text.replacingOccurrences(of: shipped, with: test)
        }
        return text
    }

    static func curl(_ args: [String]) async throws -> (status: Int32, output: String) {
        let result = try await ExternalTool.run("/usr/bin/curl", ["-s", "--max-time", "20"] + args)
        return (result.status, result.output)
    }

    @Test func loginOverHTTPSThroughNginx() async throws {
        let nginx = "/usr/sbin/nginx"
        #expect(FileManager.default.isExecutableFile(atPath: nginx), "Debian's nginx is missing: run make deps (APT_PKGS)")
        guard FileManager.default.isExecutableFile(atPath: nginx) else { return }
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for folder in ["logs", "tmp"] {
            try FileManager.default.createDirectory(at: dir.appendingPathComponent(folder), withIntermediateDirectories: true)
        }

        // A demo store with one account and a published month.
        #expect(try await Binary.run(["demo", "--households", "60", "--db", "s.sqlite", "--out", "data"], in: dir).status == 0)
        let publish = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(publish.status == 0, "\(publish.output)")
        let add = try await Binary.run(["user", "add", "wang.fang", "--role", "审计管理员", "--db", "s.sqlite"], in: dir, stdin: "Chu-shi-mi-ma1\n")
        #expect(add.status == 0, "\(add.output)")

        // A throwaway certificate for both names.
        let cert = dir.appendingPathComponent("fullchain.pem").path, key = dir.appendingPathComponent("privkey.pem").path
        let openssl = try await ExternalTool.run("/usr/bin/openssl", [
            "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
            "-keyout", key, "-out", cert, "-subj", "/CN=\(Self.staffName)",
            "-addext", "subjectAltName=DNS:\(Self.staffName),DNS:\(Self.publicName)",
        ], standardError: .merged)
        #expect(openssl.status == 0, "\(openssl.output)")

        let (http, https, staff, publicPort) = (try LoopbackPort.free(), try LoopbackPort.free(), try LoopbackPort.free(), try LoopbackPort.free())
        let site = try Self.site([
            ("listen [::]:80;", ""), ("listen [::]:443 ssl http2;", ""),
            ("listen 80;", "listen 127.0.0.1:\(http);"), ("listen 443 ssl http2;", "listen 127.0.0.1:\(https) ssl http2;"),
            ("/etc/ssl/gongkai/fullchain.pem", cert), ("/etc/ssl/gongkai/privkey.pem", key),
            ("/var/log/nginx/", dir.appendingPathComponent("logs").path + "/"),
            ("/srv/gongkai/output/", dir.appendingPathComponent("output").path + "/"),
            ("server 127.0.0.1:8080;", "server 127.0.0.1:\(staff);"), ("server 127.0.0.1:8090;", "server 127.0.0.1:\(publicPort);"),
        ])
        try site.write(to: dir.appendingPathComponent("site.conf"), atomically: true, encoding: .utf8)
        let tmp = dir.appendingPathComponent("tmp").path
        let main = """
        \(getuid() == 0 ? "user root;" : "")
        worker_processes 1;
        pid \(dir.path)/nginx.pid;
        error_log \(dir.path)/logs/error.log;
        events { worker_connections 64; }
        http {
            include /etc/nginx/mime.types;
            default_type application/octet-stream;
            access_log \(dir.path)/logs/access.log;
            client_body_temp_path \(tmp)/body; proxy_temp_path \(tmp)/proxy; fastcgi_temp_path \(tmp)/fastcgi;
            uwsgi_temp_path \(tmp)/uwsgi; scgi_temp_path \(tmp)/scgi;
            include \(dir.path)/site.conf;
        }
        """
        try main.write(to: dir.appendingPathComponent("nginx.conf"), atomically: true, encoding: .utf8)
        let check = try await ExternalTool.run(nginx, ["-t", "-p", dir.path, "-c", dir.appendingPathComponent("nginx.conf").path,
                                                      "-e", dir.appendingPathComponent("logs/error.log").path], standardError: .merged)
        #expect(check.status == 0, "nginx -t: \(check.output)")

        let server = Process()
        server.executableURL = URL(fileURLWithPath: Binary.path)
        server.arguments = ["serve", "--listen", "127.0.0.1:\(staff)", "--public-listen", "127.0.0.1:\(publicPort)",
                            "--db", "s.sqlite", "--output", "output", "--secure-cookies", "--trusted-proxy", "127.0.0.1"]
        var env = Binary.environment()
        env["GONGKAI_NOW"] = nil
        server.environment = env
        server.currentDirectoryURL = dir
        server.standardOutput = FileHandle.nullDevice
        server.standardError = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }

        let proxy = Process()
        proxy.executableURL = URL(fileURLWithPath: nginx)
        proxy.arguments = ["-p", dir.path, "-c", dir.appendingPathComponent("nginx.conf").path,
                           "-e", dir.appendingPathComponent("logs/error.log").path, "-g", "daemon off;"]
        proxy.standardOutput = FileHandle.nullDevice
        proxy.standardError = FileHandle.nullDevice
        try proxy.run()
        defer { if proxy.isRunning { kill(proxy.processIdentifier, SIGQUIT) } }

        let tls = ["--cacert", cert, "--resolve", "\(Self.staffName):\(https):127.0.0.1", "--resolve", "\(Self.publicName):\(https):127.0.0.1"]
        let staffURL = "https://\(Self.staffName):\(https)"
        var health = ""
        for _ in 0..<300 where health != "ok\n" {
            health = try await Self.curl(tls + [staffURL + "/healthz"]).output
            if health != "ok\n" { try await Task.sleep(for: .milliseconds(100)) }
        }
        #expect(health == "ok\n", "gongkai serve behind nginx did not answer over HTTPS")

        // Plain HTTP goes to HTTPS.
        let redirect = try await Self.curl(["--resolve", "\(Self.staffName):\(http):127.0.0.1", "-o", "/dev/null",
                                            "-w", "%{http_code} %{redirect_url}", "http://\(Self.staffName):\(http)/login"]).output
        #expect(redirect == "301 https://\(Self.staffName)/login", "\(redirect)")

        // A login through the form over HTTPS, with Secure cookies and HSTS.
        let jar = dir.appendingPathComponent("cookies.txt").path
        let form = try await Self.curl(tls + ["-c", jar, "-b", jar, "-D", dir.appendingPathComponent("form-headers").path, staffURL + "/login"]).output
        let formHeaders = try String(contentsOf: dir.appendingPathComponent("form-headers"), encoding: .utf8).lowercased()
        #expect(formHeaders.contains("strict-transport-security: max-age=31536000"), "\(formHeaders)")
        #expect(formHeaders.contains("set-cookie:") && formHeaders.contains("secure"), "cookies are Secure behind TLS: \(formHeaders)")
        let token = try #require(form.range(of: #"name="csrf_token" value="[^"]+""#, options: .regularExpression)
            .map { form[$0].split(separator: "\"").last.map(String.init) } ?? nil, "no csrf_token in the login form: \(form.prefix(300))")
        let login = try await Self.curl(tls + ["-c", jar, "-b", jar, "-o", "/dev/null", "-w", "%{http_code}",
                                               "--data-urlencode", "username=wang.fang", "--data-urlencode", "password=Chu-shi-mi-ma1",
                                               "--data-urlencode", "csrf_token=\(token)", staffURL + "/login"]).output
        #expect(login == "303", "the first login goes on to the password change: \(login)")

        // From 127.0.0.2, with an X-Forwarded-For of the client's own: the audit log has 127.0.0.2.
        let wrong = try await Self.curl(tls + ["--interface", "127.0.0.2", "-c", jar, "-b", jar, "-o", "/dev/null", "-w", "%{http_code}",
                                               "-H", "X-Forwarded-For: 203.0.113.9",
                                               "--data-urlencode", "username=wang.fang", "--data-urlencode", "password=wrong",
                                               "--data-urlencode", "csrf_token=\(token)", staffURL + "/login"]).output
        #expect(wrong == "401" || wrong == "403", "\(wrong)")
        let audit = try await Binary.run(["audit", "list", "--format", "csv", "--db", "s.sqlite"], in: dir)
        #expect(audit.stdout.contains("127.0.0.2"), "the audit log records the client nginx saw: \(audit.output.suffix(800))")
        #expect(!audit.stdout.contains("203.0.113.9"), "never the address the client wrote")

        // The public server block: the public channel behind it, no staff route there.
        let publicURL = "https://\(Self.publicName):\(https)"
        let home = try await Self.curl(tls + ["-o", "/dev/null", "-w", "%{http_code}", publicURL + "/"]).output
        #expect(home == "200", "the public channel answers through nginx: \(home)")
        let staffThere = try await Self.curl(tls + ["-o", "/dev/null", "-w", "%{http_code}", publicURL + "/login"]).output
        #expect(staffThere == "404", "no staff page on the public name: \(staffThere)")

        // The published months come from nginx itself (a file with its ETag and nginx's headers).
        let manifest = dir.appendingPathComponent("output/2026-10/manifest.json")
        let served = try await Self.curl(tls + ["-o", dir.appendingPathComponent("served.json").path, "-D", dir.appendingPathComponent("served-headers").path,
                                                "-w", "%{http_code}", publicURL + "/publications/2026-10/manifest.json"]).output
        #expect(served == "200")
        #expect(try Data(contentsOf: dir.appendingPathComponent("served.json")) == Data(contentsOf: manifest))
        let servedHeaders = try String(contentsOf: dir.appendingPathComponent("served-headers"), encoding: .utf8).lowercased()
        #expect(servedHeaders.contains("etag:") && servedHeaders.contains("x-content-type-options: nosniff"), "\(servedHeaders)")
        let posted = try await Self.curl(tls + ["-o", "/dev/null", "-w", "%{http_code}", "-X", "POST",
                                                "https://\(Self.publicName):\(https)/publications/2026-10/manifest.json"]).output
        #expect(posted == "403", "the published folder is read-only: \(posted)")

        kill(proxy.processIdentifier, SIGQUIT)
        await ChildProcess.exit(of: proxy)
        kill(server.processIdentifier, SIGTERM)
        await ChildProcess.exit(of: server)
        #expect(server.terminationStatus == 0)
    }

    @Test func theUnitsAndTheLogrotateFileAreValid() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // The units name the installed binary: verify them against this build's, as installed.
        for unit in ["gongkai.service", "gongkai-monthly.service", "gongkai-monthly.timer"] {
            let text = try String(contentsOf: Binary.packageRoot.appendingPathComponent("deploy/systemd/\(unit)"), encoding: .utf8)
            try text.replacingOccurrences(of: "/usr/local/bin/gongkai", with: Binary.path)
                .write(to: dir.appendingPathComponent(unit), atomically: true, encoding: .utf8)
        }
        let units = ["gongkai.service", "gongkai-monthly.service", "gongkai-monthly.timer"].map { dir.appendingPathComponent($0).path }
        let verify = try await ExternalTool.run("/usr/bin/systemd-analyze", ["verify", "--man=no"] + units, standardError: .merged)
        #expect(verify.status == 0 && verify.output.isEmpty, "systemd-analyze verify: \(verify.output)")
        let timer = try String(contentsOf: Binary.packageRoot.appendingPathComponent("deploy/systemd/gongkai-monthly.timer"), encoding: .utf8)
        #expect(timer.contains("OnCalendar=*-*-01 06:00:00 Asia/Shanghai"))
        let monthly = try String(contentsOf: Binary.packageRoot.appendingPathComponent("deploy/systemd/gongkai-monthly.service"), encoding: .utf8)
        let commands = monthly.split(separator: "\n").filter { $0.hasPrefix("ExecStart=") }
        #expect(commands.count == 2 && commands.contains { $0.contains("complaint sweep") } && commands.contains { $0.contains("gongkai check --month") })
        #expect(!commands.contains { $0.contains("publish") }, "the timer never publishes")

        let logrotate = "/usr/sbin/logrotate"
        #expect(FileManager.default.isExecutableFile(atPath: logrotate), "logrotate is missing: run make deps (APT_PKGS)")
        // The office's account and log folder replaced by this user's and a temporary one.
        let account = String(cString: getpwuid(getuid()).pointee.pw_name), group = String(cString: getgrgid(getgid()).pointee.gr_name)
        let logs = dir.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try Data("一行日志\n".utf8).write(to: logs.appendingPathComponent("serve.log"))
        var rules = try String(contentsOf: Binary.packageRoot.appendingPathComponent("deploy/logrotate/gongkai"), encoding: .utf8)
        for (shipped, test) in [("/var/log/gongkai/", logs.path + "/"), ("su gongkai gongkai", "su \(account) \(group)"),
                                ("create 0640 gongkai adm", "create 0640 \(account) \(group)")] {
            #expect(rules.contains(shipped), "deploy/logrotate/gongkai no longer holds '\(shipped)'")
            rules = rules.replacingOccurrences(of: shipped, with: test)
        }
        let config = dir.appendingPathComponent("logrotate.conf")
        try rules.write(to: config, atomically: true, encoding: .utf8)
        let state = dir.appendingPathComponent("logrotate.state").path
        let rotate = try await ExternalTool.run(logrotate, ["--debug", "--state", state, config.path], standardError: .merged)
        #expect(rotate.output.contains("rotating pattern: \(logs.path)/*.log") && rotate.output.contains("180"), "\(rotate.output)")
        #expect(rotate.status == 0 && !rotate.output.lowercased().contains("error"), "logrotate --debug: \(rotate.output)")
    }
}
