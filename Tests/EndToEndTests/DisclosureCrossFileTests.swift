import Foundation
import Testing

/// Issue 10: a count hidden in one public file and shown in another is not hidden. This publishes a
/// demo month and reads every public file the way a reader would, checking each complaint count in
/// every file that prints it.
@Suite struct DisclosureCrossFileTests {
    /// Rows of the HTML table `id`: the text of each row's cells (group rows included, as one cell).
    static func rows(_ html: String, table id: String) -> [[String]] {
        guard let start = html.range(of: "id=\"table-\(id)\""),
              let end = html.range(of: "</table>", range: start.upperBound..<html.endIndex) else { return [] }
        let body = String(html[start.upperBound..<end.lowerBound])
        let cell = try? NSRegularExpression(pattern: "<t[dh][^>]*>(.*?)</t[dh]>")
        return body.components(separatedBy: "<tr").dropFirst().map { row in
            let ns = row as NSString
            return (cell?.matches(in: row, range: NSRange(location: 0, length: ns.length)) ?? []).map { ns.substring(with: $0.range(at: 1)) }
        }
    }

    @Test func everyComplaintCountIsHiddenEverywhereOrNowhere() async throws {
        let dir = try Binary.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try await Binary.run(["demo", "--households", "600", "--db", "s.sqlite"], in: dir).status == 0)
        let published = try await Binary.run(["publish", "--month", "2026-10", "--db", "s.sqlite"], in: dir)
        #expect(published.status == 0, "\(published.stderr)")
        let month = dir.appendingPathComponent("output/2026-10")
        let notice = try String(contentsOf: month.appendingPathComponent("notice-complaints.html"), encoding: .utf8)
        let report = try String(contentsOf: month.appendingPathComponent("evaluation.html"), encoding: .utf8)
        let csv = try String(contentsOf: month.appendingPathComponent("indicators.csv"), encoding: .utf8)

        // The notice: types × categories with totals, and programmes.
        let types = Self.rows(notice, table: "types")
        let header = types.first ?? []
        let totalRow = try #require(types.last { $0.first == "合计" })
        var noticeCounts: [String: String] = [:]
        for (k, name) in header.enumerated() where k > 0 && name != "合计" { noticeCounts[name] = totalRow[k] }
        for row in types.dropFirst() where row.first != "合计" { noticeCounts[row[0]] = row.last }
        for row in Self.rows(notice, table: "programmes").dropFirst() where row.count == 2 && row[0] != "合计" {
            noticeCounts[row[0]] = row[1]
        }
        #expect(noticeCounts.values.contains("*"), "the demo month should have something to hide")

        // Every published count is the true count, worked out here from the desk's own list.
        let list = try await Binary.run(["complaint", "list", "--format", "csv", "--db", "s.sqlite"], in: dir)
        var truth: [String: Int] = [:]
        let programmeNames = ["dibao": "低保", "tekun": "特困", "disaster": "受灾救助", "medical": "医疗救助",
                              "education": "教育救助", "housing": "住房救助", "employment": "就业救助", "temporary": "临时救助"]
        for line in list.stdout.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 8, f[1].hasPrefix("2026-10") else { continue }
            for key in [f[3], f[4], f[6].isEmpty ? "未注明项目" : programmeNames[f[6]] ?? f[6]] { truth[key, default: 0] += 1 }
        }
        for (name, shown) in noticeCounts where shown != "*" {
            #expect(Int(shown) == truth[name, default: 0], "\(name): notice \(shown), desk \(truth[name, default: 0])")
        }

        // The report lists the non-zero ones with the same figure, or * where the notice has *.
        var compared = 0
        for row in Self.rows(report, table: "complaint-counts").dropFirst() where row.count == 3 && row[0] != "受理合计" {
            let inNotice = try #require(noticeCounts[row[0]], "\(row[0]) is in the report but not the notice")
            #expect(row[1] == inNotice, "\(row[0]): report \(row[1]), notice \(inNotice)")
            if row[1] == "*" { #expect(row[2] == "*", "\(row[0]): a hidden count's share is hidden too") }
            compared += 1
        }
        #expect(compared > 5)
        // No sentence of the report states a hidden type's count.
        for (name, count) in noticeCounts where count == "*" {
            for n in 1...2 { #expect(!report.contains("\(name)\(n)件"), "the report says \(name)\(n)件") }
        }

        // indicators.csv: a protected count of 1 or 2 is never published; the programme totals of
        // complaints_received are the notice's programme table.
        let protected = ["complaints_received": 5, "complaints_per_1000_households": 5,
                         "complaints_closed_on_time_rate": 6, "complaint_satisfaction_rate": 6]
        var withheld = 0
        for line in csv.split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f.count == 10, let column = protected[f[0]] else { continue }
            if f[9] == "不公布" {
                withheld += 1
                #expect(f[4].isEmpty && f[5].isEmpty && f[6].isEmpty, "\(line)")
            } else {
                #expect(!["1", "2"].contains(f[column]), "published small count: \(line)")
            }
        }
        #expect(withheld > 0)
        for line in csv.split(separator: "\n") where line.hasPrefix("complaints_received,") {
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard f[2] == "all", let name = programmeNames[f[1]], let inNotice = noticeCounts[name] else { continue }
            #expect(f[9] == "不公布" ? inNotice == "*" : f[5] == inNotice, "\(name): csv \(f[5]) \(f[9]), notice \(inNotice)")
        }
    }
}
