import Foundation
import Store
import Testing

/// The command line speaks Chinese to the office's staff: every help page and every kind of error
/// the built binary prints is read for English sentences. Command and flag names, codes, paths,
/// file names, URLs, numbers, environment variables and a few format and standard names stay as
/// they are; what remains must not hold two Latin words in a row.
@Suite struct ChineseMessagesTests {
    /// Format, standard and product names that are written in Latin letters in Chinese text too.
    static let allowed = [
        "SHA-256", "PDF", "CSV", "JSON Lines", "JSON", "XLSX", "HTML", "Ed25519", "OpenSSL", "SQLite", "PostgreSQL",
        "GB/T", "PKCS#8", "PEM", "SubjectPublicKeyInfo", "UTF-8", "UTF-16/32", "GB18030/GBK", "CR LF", "LF", "CR",
        "BOM", "Excel", "WPS", "HTTPS", "TLS", "nginx", "Ctrl-C", "SIGTERM", "cron", "Cookie", "Secure", "README",
        "X-Forwarded-For", "PIN", "Unicode", "NUL", "YYYY-MM-DD HH:MM", "HH:MM",
    ]

    /// The names of gongkai's commands and subcommands (the help walk checks that none is missing).
    static let commandNames = [
        "import", "demo", "status", "indicators", "check", "publish", "verify", "keys", "init", "show", "complaint", "add",
        "list", "accept", "transfer", "assign", "send-back", "reply", "callback", "close", "extend", "extend-request",
        "extend-approve", "extend-reject", "pause", "resume", "return", "reopen", "supervise", "urge", "merge", "sweep",
        "find-caller", "lookup", "stats", "calendar", "render", "user", "reset-password", "lock", "unlock", "roles",
        "audit", "serve", "backup", "restore", "match", "run", "sheets", "results", "help",
    ]

    /// `text` without what may stay in Latin letters.
    static func stripped(_ text: String) -> String {
        var text = text
        let patterns = [
            #"https?://\S+"#,                                   // URLs
            #"gongkai(\s+(\#(commandNames.joined(separator: "|"))))*(?![\w-])"#, // the command and its subcommands
            #"(?<![\w-])--?[A-Za-z][A-Za-z0-9-]*(=\S+|\s+<[^>]*>|\s+[A-Za-z0-9_.:/@+\[\]-]+)?"#, // flags with their value
            #"<[^>]*>"#,                                         // value placeholders
            #"\$?\b[A-Z][A-Z0-9]*_[A-Z0-9_]+\b"#,              // environment variables
            #"\S*[/\\]\S*"#,                                     // paths
            #"\S+\.[A-Za-z]{2,5}\b"#,                            // file names, dotted codes (user.add)
            #"\b\w*_\w*\b"#,                                     // codes with underscores (over_standard)
            #"\bTS-\d{6}-\d{4}\b"#,                              // complaint numbers
            #"\b\S*\d\S*\b"#,                                    // numbers and codes holding digits
            #"'[^'\n]*'"#,                                       // quoted input, echoed back
        ]
        for word in allowed { text = text.replacingOccurrences(of: word, with: " ") }
        for pattern in patterns {
            text = text.replacingOccurrences(of: pattern, with: " ", options: .regularExpression)
        }
        return text
    }

    /// The English sentences left in `text`: its lines, once stripped, holding two or more Latin
    /// words in a row. The whole text is stripped first, so a command or a flag's value that the
    /// help wraps onto the next line is still recognised.
    static func english(in text: String) -> [String] {
        stripped(text).split(separator: "\n").map(String.init).filter { line in
            line.range(of: #"\b[A-Za-z]{2,}\b\s+[A-Za-z]{2,}"#, options: .regularExpression) != nil
        }
    }

    @Test func theFilterFindsEnglishAndLetsCodesThrough() {
        #expect(Self.english(in: "错误：no database at x.sqlite: import data first").count == 1)
        #expect(Self.english(in: "示例：\n  echo x | gongkai\ncomplaint add\n  --received-at <时间>      收到时间，\"YYYY-MM-DD HH:MM\"").isEmpty)
        #expect(Self.english(in: "Missing expected argument '--month'") != [])
        #expect(Self.english(in: "没有数据库 missing/none.sqlite：请先导入数据（gongkai import 或 gongkai demo），或用 --db 指定").isEmpty)
        #expect(Self.english(in: "households.csv:3: 户主身份证号: 校验码错误 TS-202610-0001 GONGKAI_DB SHA-256 PDF").isEmpty)
        #expect(Self.english(in: "  gongkai publish --month 2026-10 --channel print --split township --out boards").isEmpty)
    }

    /// Every command's and subcommand's help, found by walking the 子命令 of `gongkai --help`.
    @Test func everyHelpPageIsChinese() async throws {
        var pending: [[String]] = [[]]
        var visited = 0
        var problems: [String] = []
        while let path = pending.popLast() {
            let help = try await Binary.run(path + ["--help"])
            visited += 1
            #expect(help.status == 0, "\(path): \(help.output)")
            for line in Self.english(in: help.output) { problems.append("gongkai \(path.joined(separator: " ")) --help: \(line)") }
            let subcommands = Self.subcommands(in: help.stdout)
            #expect(subcommands.allSatisfy(Self.commandNames.contains), "\(path): a subcommand missing from commandNames: \(subcommands)")
            pending += subcommands.map { path + [$0] }
        }
        #expect(visited > 40, "only \(visited) help pages found")
        #expect(problems.isEmpty, "English in help:\n\(problems.joined(separator: "\n"))")
    }

    /// The names listed under 子命令： in a help page.
    static func subcommands(in help: String) -> [String] {
        guard let start = help.range(of: "子命令：\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .prefix { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
            .compactMap { line -> String? in
                // A name starts two spaces in; a wrapped description is indented further.
                guard line.hasPrefix("  "), !line.hasPrefix("   ") else { return nil }
                return line.split(separator: " ").first.map(String.init)
            }
            .filter { $0 != "help" }
    }

    /// One failing invocation of each kind of error, on a store with accounts and one complaint.
    @Test func everyKindOfErrorIsChinese() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let db = dir.appendingPathComponent("s.sqlite").path
        _ = try StoreDatabase(path: db)
        try DeskAccounts.add(to: db)
        let added = try await Binary.run(["complaint", "add", "--db", db, "--received-at", "2026-10-08 10:00", "--channel", "监督电话",
                                          "--type", "投诉", "--category", "发放时限", "--summary", "低保金未到账", "--pin"],
                                         environment: ["GONGKAI_USER": DeskAccounts.centre])
        #expect(added.status == 0, "\(added.output)")
        try "户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡\nH1,三营镇,三营村,马一,640402198001010018,,3,农村\nH2,三营镇,,马二,6404021980,,x,别处\n"
            .write(to: dir.appendingPathComponent("households.csv"), atomically: true, encoding: .utf8)
        try Data([0xFF, 0xFE, 0x41, 0x00]).write(to: dir.appendingPathComponent("payments.csv"))
        try "{\"blocks\": 3}".write(to: dir.appendingPathComponent("doc.json"), atomically: true, encoding: .utf8)
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Binary.templates, toPath: templates.path)
        let security = templates.appendingPathComponent("security.toml")
        try (try String(contentsOf: security, encoding: .utf8) + "\n[password\nbroken = \n").write(to: security, atomically: true, encoding: .utf8)

        let invocations: [([String], [String: String], String?)] = [
            (["status", "--db", "missing/none.sqlite"], [:], nil),
            (["indicators", "--month", "2026-13", "--db", db], [:], nil),
            (["publish", "--month", "0001-01", "--db", db], [:], nil),
            (["status", "--format", "xml", "--db", db], [:], nil),
            (["status", "--dbb", db], [:], nil),
            (["publsh", "--month", "2026-10"], [:], nil),
            (["complaint", "clos", "TS-202610-0001"], [:], nil),
            (["publish", "--db", db], [:], nil),
            (["publish", "--month", "2026-10", "--db", db, "--out", dir.appendingPathComponent("out").path], [:], nil),
            (["publish", "--month", "2026-10", "--supersede", "--db", db], [:], nil),
            (["verify", dir.path, "--db", db], [:], nil),
            (["import", "households.csv", "--db", db], [:], nil),
            (["import", "payments.csv", "--db", db], [:], nil),
            (["import", "nothing-here.csv", "--db", db], [:], nil),
            (["complaint", "close", "TS-202610-0001", "--db", db], ["GONGKAI_USER": DeskAccounts.centre], nil),
            (["complaint", "accept", "TS-202610-0001", "--db", db], ["GONGKAI_USER": DeskAccounts.handler], nil),
            (["complaint", "accept", "TS-202610-0001", "--db", db], [:], nil),
            (["complaint", "accept", "TS-202610-0001", "--db", db], ["GONGKAI_USER": "nobody"], nil),
            (["complaint", "show", "TS-202610-0999", "--db", db], ["GONGKAI_USER": DeskAccounts.centre], nil),
            (["complaint", "show", "TS-202610-0001", "--reveal", "--db", db], ["GONGKAI_USER": DeskAccounts.centre], nil),
            (["complaint", "lookup", "TS-202610-0001", "--pin", "0000", "--db", db], [:], nil),
            (["complaint", "list", "--status", "完了", "--db", db], [:], nil),
            (["complaint", "extend", "TS-202610-0001", "--days", "45", "--reason", "核查", "--db", db], ["GONGKAI_USER": DeskAccounts.centre], nil),
            (["complaint", "callback", "TS-202610-0001", "--rating", "很好", "--db", db], ["GONGKAI_USER": DeskAccounts.centre], nil),
            (["complaint", "add", "--channel", "电报", "--type", "投诉", "--category", "其他", "--summary", "x", "--db", db], ["GONGKAI_USER": DeskAccounts.centre], nil),
            (["complaint", "add", "--db", db], ["GONGKAI_USER": DeskAccounts.centre], "{\"channel\": 3}\n"),
            (["calendar", "add", "2026-02-30", "1", "workdays"], [:], nil),
            (["calendar", "add", "2026-02-13", "1", "weeks"], [:], nil),
            (["calendar", "add", "2031-02-13", "1", "workdays"], [:], nil),
            (["keys", "show", "--key", dir.appendingPathComponent("none.pem").path], [:], nil),
            (["keys", "init", "--key", dir.appendingPathComponent("output/k.pem").path, "--out", dir.appendingPathComponent("output").path], [:], nil),
            (["user", "add", "ma.wu", "--role", "登记员", "--db", db], [:], "abcdefgh\n"),
            (["user", "add", "ma.wu", "--role", "登记员", "--db", db], [:], ""),
            (["user", "add", "boss", "--role", "审计管理员", "--role", "督办", "--db", db], [:], "Chu-shi-mi-ma1\n"),
            (["user", "add", "ma.li", "--role", "登记员", "--db", db], [:], "Chu-shi-mi-ma1\n"),
            (["user", "add", "Ma Wu", "--role", "登记员", "--db", db], [:], "Chu-shi-mi-ma1\n"),
            (["user", "add", "he.wu", "--role", "承办人", "--db", db], [:], "Chu-shi-mi-ma1\n"),
            (["user", "lock", "nobody", "--db", db], [:], nil),
            (["user", "list", "--db", db, "--templates", templates.path], [:], nil),
            (["audit", "list", "--since", "yesterday", "--db", db], [:], nil),
            (["render", "nothing.json", "--pdf", "x.pdf"], [:], nil),
            (["render", dir.appendingPathComponent("doc.json").path, "--html", dir.appendingPathComponent("x.html").path], [:], nil),
            (["render", "doc.json"], [:], nil),
            (["serve", "--listen", "localhost", "--db", db], [:], nil),
            (["check", "--month", "2026-10", "--db", db, "--templates", dir.appendingPathComponent("none").path], [:], nil),
            (["status", "--db", db], ["GONGKAI_NOW": "yesterday"], nil),
            (["demo", "--households", "0"], [:], nil),
            (["backup", "--db", "postgresql://ops:pw@db.example:5433/gongkai", "--out", "b.dump"], [:], nil),
            (["restore", "b.dump", "--db", "postgres://db.example/gongkai_new"], [:], nil),
            (["publish", "--mont", "2026-10", "--db", db], [:], nil),
        ]
        var problems: [String] = []
        for (args, environment, stdin) in invocations {
            let result = try await Binary.run(args, in: dir, stdin: stdin, environment: environment)
            #expect(result.status != 0 && !result.signalled, "gongkai \(args.joined(separator: " ")) should fail: \(result.output)")
            #expect(!result.output.isEmpty, "gongkai \(args.joined(separator: " ")) said nothing")
            for line in Self.english(in: result.output) { problems.append("gongkai \(args.joined(separator: " ")): \(line)") }
        }
        #expect(problems.isEmpty, "English in messages:\n\(problems.joined(separator: "\n"))")
    }
}
