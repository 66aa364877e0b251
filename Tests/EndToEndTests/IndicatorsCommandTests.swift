import Foundation
import Testing

@Suite struct IndicatorsCommandTests {
    @Test func csvHasTheContractColumnsAndEveryLevel() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Binary.run(["demo", "--households", "400", "--db", "s.sqlite"], in: dir).status == 0)
        let result = try await Binary.run(["indicators", "--month", "2026-10", "--format", "csv", "--db", "s.sqlite"], in: dir)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "indicator,programme,township,month,value,numerator,denominator,unit,target,status")
        let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.allSatisfy { $0.count == 10 })
        let ids = Set(rows.map { $0[0] })
        for id in ["households_active", "persons_active", "households_new", "households_exited", "funds_paid",
                   "avg_benefit_per_person", "payments_on_time_rate", "payment_coverage_rate",
                   "approvals_within_limit_rate", "approval_working_days_median", "service_coverage_rate",
                   "training_employment_rate", "exits_by_income_rate", "complaints_received",
                   "complaints_per_1000_households", "complaints_closed_on_time_rate", "complaint_satisfaction_rate",
                   "matches_pushed", "matches_verified_30d_rate", "staff_verifiers", "staff_certified",
                   "certified_share", "training_hours_per_staff"] {
            #expect(ids.contains(id), "missing \(id)")
        }
        // Values are plain decimals: no thousands separators; empty when not applicable.
        #expect(rows.allSatisfy { $0[4].isEmpty || $0[4].allSatisfy { $0.isNumber || $0 == "." || $0 == "-" } })
        // District counts equal the sum of the townships' (households belong to one township).
        let active = rows.filter { $0[0] == "households_active" && $0[1] == "all" }
        let district = Int(active.first { $0[2] == "all" }![4])!
        #expect(district == active.filter { $0[2] != "all" }.map { Int($0[4])! }.reduce(0, +))

        let filtered = try await Binary.run(["indicators", "--month", "2026-10", "--programme", "低保", "--township", "三营镇",
                                       "--format", "json", "--db", "s.sqlite"], in: dir)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [[String: Any]])
        #expect(!json.isEmpty && json.allSatisfy { $0["programme"] as? String == "dibao" && $0["township"] as? String == "三营镇" })
        // JSON carries numbers as numbers, and null where there is no value.
        let activeRow = try #require(json.first { $0["indicator"] as? String == "households_active" })
        #expect(activeRow["value"] is NSNumber && activeRow["numerator"] is NSNumber && activeRow["denominator"] is NSNull)

        // The table for people: names, values, targets, status, and the change on last month and last year.
        let table = try await Binary.run(["indicators", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(table.status == 0)
        let tableLines = table.stdout.split(separator: "\n")
        #expect(tableLines.first == "2026年10月 · 全部项目 · 全区")
        #expect(tableLines.dropFirst().first?.split(separator: " ").map(String.init) == ["指标", "数值", "单位", "目标", "状态", "环比", "同比"])
        #expect(tableLines.contains { $0.hasPrefix("在保户数") })
    }

    @Test func unknownProgrammeIsExplained() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Binary.run(["demo", "--households", "50", "--db", "s.sqlite"], in: dir).status == 0)
        let result = try await Binary.run(["indicators", "--month", "2026-10", "--programme", "welfare", "--db", "s.sqlite"], in: dir)
        #expect(result.status != 0)
        #expect(result.stderr.contains("未知的救助项目 'welfare'"))
    }

    /// `--rebuild-aggregates` rebuilds the monthly aggregates from the rows and changes no figure; it
    /// takes no month, and a month or another flag beside it is refused, saying why.
    @Test func rebuildingTheAggregatesChangesNoFigure() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Binary.run(["demo", "--households", "200", "--db", "s.sqlite"], in: dir).status == 0)
        let month = ["indicators", "--month", "2026-10", "--format", "csv", "--db", "s.sqlite"]
        let before = try await Binary.run(month, in: dir)
        let rebuilt = try await Binary.run(["indicators", "--rebuild-aggregates", "--db", "s.sqlite"], in: dir)
        #expect(rebuilt.status == 0, "\(rebuilt.stderr)")
        #expect(rebuilt.stdout.contains("已重建：在保计数变化") && rebuilt.stdout.contains("行，发放分组"), "\(rebuilt.stdout)")
        let after = try await Binary.run(month, in: dir)
        #expect(before.status == 0 && after.stdout == before.stdout && before.stdout.contains("households_active"))

        let both = try await Binary.run(["indicators", "--rebuild-aggregates", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(both.status != 0 && both.stderr.contains("--rebuild-aggregates 只重建汇总表"), "\(both.stderr)")
        let neither = try await Binary.run(["indicators", "--db", "s.sqlite"], in: dir)
        #expect(neither.status != 0 && neither.stderr.contains("请用 --month YYYY-MM 指定要计算的月份"), "\(neither.stderr)")
    }
}
