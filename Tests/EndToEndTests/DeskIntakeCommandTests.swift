import Foundation
import Store
import Testing

/// `complaint add --repeat-of` and `complaint list --search` through the built binary (issue 13,
/// items 2 and 3), and `serve --attachments` refusing a published folder (item 4).
@Suite struct DeskIntakeCommandTests {
    let dir: URL
    let db: String

    init() throws {
        dir = try Binary.temporaryDirectory()
        db = dir.appendingPathComponent("desk.sqlite").path
        _ = try StoreDatabase(path: db)
        try DeskAccounts.add(to: db)
    }

    @discardableResult
    func desk(_ args: [String], at now: String = "2026-10-09T09:30:00+08:00") async throws -> Binary.Result {
        try await Binary.run(["complaint"] + args + ["--db", db], environment: ["GONGKAI_NOW": now, "GONGKAI_USER": DeskAccounts.centre])
    }

    func add(_ summary: String, _ extra: [String] = []) async throws -> Binary.Result {
        try await desk(["add", "--received-at", "2026-10-08 10:00", "--channel", "监督电话", "--type", "投诉", "--category", "发放时限",
                  "--township", "三营镇", "--summary", summary, "--anonymous"] + extra)
    }

    @Test func aRepeatCallIsLinkedBothWaysAndAnUnknownOneIsRefused() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await add("9月低保金未到账").stdout == "TS-202610-0001\n")
        let repeated = try await add("还是没到账", ["--repeat-of", "TS-202610-0001"])
        #expect(repeated.status == 0 && repeated.stdout == "TS-202610-0002\n", "\(repeated.output)")
        let unknown = try await add("第三次", ["--repeat-of", "TS-202610-0999"])
        #expect(unknown.status != 0 && unknown.stderr.contains("repeat_of") && unknown.stderr.contains("TS-202610-0999"), "\(unknown.output)")
        #expect(try await desk(["show", "TS-202610-0002"]).stdout.contains("TS-202610-0001"))
        let earlier = try await desk(["show", "TS-202610-0001"]).stdout
        #expect(earlier.contains("重复来电 repeat calls") && earlier.contains("重复来电 TS-202610-0002"))
        let stats = try await desk(["stats", "--month", "2026-10", "--format", "json"]).stdout
        let figures = try JSONSerialization.jsonObject(with: Data(stats.utf8)) as? [String: Any]
        #expect(figures?["received"] as? Int == 2 && figures?["repeated"] as? Int == 1, "a repeat is a new complaint and a repeat: \(stats)")
    }

    @Test func theListSearchesSummariesAndReplies() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try await add("9月低保金未到账")
        _ = try await add("门前道路积水")
        try await desk(["accept", "TS-202610-0002"])
        try await desk(["reply", "TS-202610-0002", "--note", "已协调排水"])
        for (text, expected) in [("低保金", ["TS-202610-0001"]), ("排水", ["TS-202610-0002"]), ("到账", ["TS-202610-0001"]), ("无此事", [])] {
            let listed = try await desk(["list", "--search", text, "--format", "csv"])
            #expect(listed.status == 0)
            let ids = listed.stdout.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) }
            #expect(ids == expected, "\(text): \(listed.output)")
        }
    }

    @Test func serveRefusesAnAttachmentFolderInsideThePublishedOutput() async throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let refused = try await Binary.run(["serve", "--db", db, "--output", dir.appendingPathComponent("output").path,
                                      "--attachments", dir.appendingPathComponent("output/files").path, "--listen", "127.0.0.1:0"])
        #expect(refused.status != 0 && refused.stderr.contains("keep attachments in"), "\(refused.output)")
    }
}
