import Foundation
import Testing

/// `gongkai user` and `gongkai audit` driven through the built binary, passwords on standard input.
@Suite struct UserCommandTests {
    let dir: URL
    let db: String

    init() throws {
        dir = try Binary.temporaryDirectory()
        db = dir.appendingPathComponent("accounts.sqlite").path
    }

    @discardableResult
    func gongkai(_ args: [String], stdin: String? = nil, templates: String? = nil) async throws -> Binary.Result {
        var env = ["USER": "zhao.admin"]
        if let templates { env["GONGKAI_TEMPLATES"] = templates }
        return try await Binary.run(args + ["--db", db], stdin: stdin, environment: env)
    }

    @Test func addListRolesLockUnlockReset() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let first = try await gongkai(["user", "add", "wang.fang", "--role", "系统管理员", "--display-name", "王芳"], stdin: "Chu-shi-mi-ma1\n")
        #expect(first.status == 0, "\(first.output)")
        #expect(first.stdout.contains("已添加 wang.fang（系统管理员）"))
        let handler = try await gongkai(["user", "add", "Ma.Li", "--role", "承办人", "--unit", "三营镇"], stdin: "Chu-shi-mi-ma2\n")
        #expect(handler.status == 0, "\(handler.output)")
        #expect(try await gongkai(["user", "roles", "ma.li", "--role", "承办人", "--role", "登记员"]).stdout == "ma.li: 登记员, 承办人, 三营镇\n")
        #expect(try await gongkai(["user", "lock", "ma.li"]).status == 0)
        let list = try await gongkai(["user", "list", "--format", "csv"])
        #expect(list.stdout == """
            login,display_name,roles,unit,state,must_change_password,password_changed,created
            ma.li,ma.li,登记员 承办人,三营镇,locked,yes,2026-11-05 09:30,2026-11-05 09:30
            wang.fang,王芳,系统管理员,,active,yes,2026-11-05 09:30,2026-11-05 09:30

            """)
        #expect(!list.output.contains("$2b$"))
        #expect(try await gongkai(["user", "unlock", "ma.li"]).status == 0)
        #expect(try await gongkai(["user", "reset-password", "ma.li"], stdin: "Xin-mi-ma-2026\n").status == 0)
        let table = try await gongkai(["user", "list"])
        #expect(table.stdout.contains("ma.li") && table.stdout.contains("正常") && !table.stdout.contains("锁定"))

        let audit = try await gongkai(["audit", "list", "--format", "csv"])
        let rows = audit.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
        #expect(rows.map { String($0[4]) } == ["user.add", "user.add", "user.roles", "user.lock", "user.unlock", "password.reset"])
        #expect(rows.allSatisfy { $0[2] == "cli:zhao.admin" && $0[3] == "cli" && $0[6] == "success" })
        #expect(!audit.output.contains("Chu-shi-mi-ma") && !audit.output.contains("Xin-mi-ma"))
        let logins = try await gongkai(["audit", "list", "--action", "user.lock", "--since", "2026-11-05"])
        #expect(logins.stdout.split(separator: "\n").count == 2, "\(logins.output)")
    }

    @Test func weakOrMissingPasswordIsRefusedAndNothingIsCreated() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let weak = try await gongkai(["user", "add", "ma.li", "--role", "登记员"], stdin: "abcdefgh\n")
        #expect(weak.status != 0 && !weak.signalled)
        #expect(weak.stderr.contains("密码须包含大写字母、小写字母、数字、其他符号中的至少 3 类"), "\(weak.output)")
        #expect(!weak.output.contains("abcdefgh"))
        #expect(!FileManager.default.fileExists(atPath: db))
        let none = try await gongkai(["user", "add", "ma.li", "--role", "登记员"], stdin: "")
        #expect(none.status != 0 && none.stderr.contains("标准输入中没有密码"))
        let mixed = try await gongkai(["user", "add", "boss", "--role", "审计管理员", "--role", "督办"], stdin: "Chu-shi-mi-ma1\n")
        #expect(mixed.status != 0 && mixed.stderr.contains("管理员角色须单独担任"))
        #expect(!FileManager.default.fileExists(atPath: db))
        // On an existing store a refusal changes nothing but is audited.
        #expect(try await gongkai(["user", "add", "ok", "--role", "领导"], stdin: "Chu-shi-mi-ma1\n").status == 0)
        #expect(try await gongkai(["user", "add", "=HYPERLINK(1)", "--role", "领导"], stdin: "Chu-shi-mi-ma1\n").status != 0)
        #expect(try await gongkai(["user", "lock", "nobody"]).stderr.contains("没有用户 'nobody'"))
        let csv = try await gongkai(["audit", "list", "--format", "csv", "--outcome", "failure"])
        #expect(csv.stdout.hasPrefix("\u{FEFF}序号,时间(UTC)"))
        #expect(csv.stdout.contains(",'=hyperlink(1),failure,"), "\(csv.stdout)")
        #expect(try await gongkai(["user", "list", "--format", "csv"]).stdout.split(separator: "\n").count == 2)
    }

    /// A bad security.toml stops every user command with the file, line and key, before anything is written.
    @Test func securityPolicyErrorsAreLocated() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let templates = dir.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Binary.templates, toPath: templates.path)
        let file = templates.appendingPathComponent("security.toml")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "bcrypt_cost = 12", with: "bcrypt_cost = 10").write(to: file, atomically: true, encoding: .utf8)
        let line = (text.components(separatedBy: "\n").firstIndex { $0.hasPrefix("bcrypt_cost") } ?? 0) + 1
        let r = try await gongkai(["user", "add", "ma.li", "--role", "登记员"], stdin: "Chu-shi-mi-ma1\n", templates: templates.path)
        #expect(r.status != 0 && !r.signalled)
        #expect(r.stderr.contains("security.toml:\(line): [password] bcrypt_cost 须在 12 至 31 之间，实际为 10"), "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: db))
    }
}
