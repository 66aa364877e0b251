import Foundation
import Store
import Testing

/// The later desk steps through the built binary: pause and resume, an extension asked for and
/// approved, a duplicate merged, and the automatic 督办 of `complaint sweep` (dates worked by hand
/// on the 2026 calendar: 10-10 is a 调休 working Saturday).
@Suite struct DeskStepsCommandTests {
    @Test func pauseExtensionMergeAndSweep() async throws {
        let t = try DeskCommandTests()
        defer { try? FileManager.default.removeItem(at: t.dir) }
        let id = "TS-202610-0001", duplicate = "TS-202610-0002"
        for n in 1...2 { #expect(try await t.desk(["add"], at: "2026-10-08T10:00:00+08:00", stdin: t.jsonLine(n)).status == 0) }
        for (args, now, expected) in [
            (["accept", id], "2026-10-09T09:00:00+08:00", "受理"),
            (["transfer", id, "--unit", "三营镇民政办"], "2026-10-09T09:10:00+08:00", "conclude by 2026-12-07"),
            (["pause", id, "--reason", "等待来电人提供银行流水"], "2026-10-09T10:00:00+08:00", "转办"),
            // (Fri 10-09, Mon 10-12]: 10-10 (调休) and 10-12 = 2 working days → 12-07 + 2 = 12-09.
            (["resume", id], "2026-10-12T09:00:00+08:00", "conclude by 2026-12-09"),
            (["extend-request", id, "--days", "10", "--reason", "需入户核查"], "2026-10-12T10:00:00+08:00", "conclude by 2026-12-09"),
            // 12-07 + 10 days = 12-17, then the 2 paused working days: 12-18, 12-21 (Monday).
            (["extend-approve", id], "2026-10-12T11:00:00+08:00", "conclude by 2026-12-21"),
            (["merge", duplicate, "--into", id], "2026-10-12T12:00:00+08:00", "合并"),
        ] {
            // The extension is asked for by the unit's 承办人 (李明 of 三营镇), the rest by the centre.
            let r = try await t.desk(args, at: now, as: args[0] == "extend-request" ? DeskAccounts.handler : DeskAccounts.centre)
            #expect(r.status == 0 && r.stdout.contains(expected), "\(args): \(r.output)")
        }
        let again = try await t.desk(["extend-request", id, "--days", "5", "--reason", "再延"], at: "2026-10-13T09:00:00+08:00",
                                    as: DeskAccounts.handler)
        #expect(again.status != 0 && again.stderr.contains("can be extended only once"), "\(again.output)")
        let itself = try await t.desk(["merge", id, "--into", id], at: "2026-10-13T09:00:00+08:00")
        #expect(itself.status != 0 && itself.stderr.contains("cannot be merged into itself"), "\(itself.output)")
        let shown = try await t.desk(["show", id], at: "2026-10-13T09:00:00+08:00")
        #expect(shown.stdout.contains("合并的重复件 duplicates") && shown.stdout.contains(duplicate))
        #expect(shown.stdout.contains("累计暂停 paused total") && shown.stdout.contains("2 个工作日"))
        // Red on 12-22: the sweep supervises it once, as 系统, and says so.
        let swept = try await t.desk(["sweep"], at: "2026-12-22T08:00:00+08:00")
        #expect(swept.status == 0 && swept.stdout == "\(id) 督办（自动，超过办结期限）\n自动督办 1 件\n", "\(swept.output)")
        #expect(try await t.desk(["sweep"], at: "2026-12-22T08:10:00+08:00").stdout == "自动督办 0 件\n")
        let history = try await t.desk(["show", id], at: "2026-12-22T09:00:00+08:00").stdout
        #expect(history.contains("系统") && history.contains("自动督办，已超过办结期限 2026-12-21"))
    }
}
