import Foundation
import OfficeTools
import Testing

/// `--db` and `$GONGKAI_DB` with a PostgreSQL URL: a wrong URL, a server that cannot be reached, a
/// login the server refuses and a database that does not exist are each one sentence naming the host
/// (or socket) and the database, never the password, with exit status 1 and nothing changed.
@Suite struct DatabaseURLCommandTests {
    static func expectOneSentence(_ result: Binary.Result, naming parts: [String], _ what: String) {
        #expect(result.status == 1, "\(what): exit status \(result.status)")
        let lines = result.stderr.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].hasPrefix("错误："), "\(what): one 错误： line: \(result.stderr)")
        for part in parts { #expect(result.stderr.contains(part), "\(what) names \(part): \(result.stderr)") }
        #expect(!result.output.contains("Top-Secret-9"), "\(what): never the password")
    }

    @Test func badURLsAndUnusableDatabasesAreOneSentence() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let working = try await ThrowawayPostgres.shared.newDatabaseURL()
        let socket = try #require(URLComponents(string: working)?.queryItems?.first { $0.name == "host" }?.value)

        let malformed = try await Binary.run(["status", "--db", "postgresql://gk:Top-Secret-9@db.example/"], in: dir)
        Self.expectOneSentence(malformed, naming: ["postgresql://gk:***@db.example/", "没有数据库名"], "a URL without a database")

        let nobody = dir.appendingPathComponent("no-server").path
        let unreachable = try await Binary.run(["status", "--db", "postgresql://gk:Top-Secret-9@/yuanzhou?host=\(nobody)"], in: dir)
        Self.expectOneSentence(unreachable, naming: ["无法连接", "yuanzhou", nobody], "no server behind the socket")

        let refused = try await Binary.run(["user", "list"], in: dir,
                                           environment: ["GONGKAI_DB": "postgresql://nobody.here@/postgres?host=\(socket)", "PGPASSWORD": "Top-Secret-9"])
        Self.expectOneSentence(refused, naming: ["拒绝登录", "nobody.here", socket], "a role the server does not know")

        let missing = try await Binary.run(["import", "data", "--db", "postgresql://postgres:Top-Secret-9@/not_made_yet?host=\(socket)"], in: dir)
        Self.expectOneSentence(missing, naming: ["not_made_yet", "不存在", "createdb"], "a database nobody created")

        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "nothing was written here")
    }

    /// A password written in the URL works and is never shown.
    @Test func aPasswordInTheURLWorksAndIsNeverShown() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = try await ThrowawayPostgres.shared.newDatabaseURL()
        let withPassword = url.replacingOccurrences(of: "postgresql://postgres@", with: "postgresql://postgres:Top-Secret-9@")
        #expect(withPassword != url)
        let users = try await Binary.run(["user", "add", "wang.fang", "--role", "审计管理员", "--db", withPassword], in: dir,
                                         stdin: "Chu-shi-mi-ma1\n")
        #expect(users.status == 0, "\(users.stderr)")
        let listed = try await Binary.run(["user", "list", "--db", withPassword], in: dir)
        #expect(listed.status == 0 && listed.stdout.contains("wang.fang"), "\(listed.output)")
        #expect(!listed.output.contains("Top-Secret-9"))
    }
}
