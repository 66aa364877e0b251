import ArgumentParser
import Foundation
import GongkaiCore
import Store

struct CheckCommand: AsyncParsableCommand {
    /// The exit status when the check finds something (0: clean; 1: an error; 64: a usage error).
    static let findingsExitCode: Int32 = 3

    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a month's payments against the standards in templates/standards.toml (staff only).",
        discussion: """
        Lists, with full identifiers (household number, head's name and ID number) for the office's own \
        follow-up — never publish this output:
          超标准发放 over_standard        a payment above its standard: 低保 补差 > standard × persons; 特困 > \
        (基本生活标准 + 照料护理标准 of the care level) × persons; 临时救助 > its limit (a multiple of the \
        area's 低保 standard). A payment equal to its standard is within it.
          无适用标准 no_standard          an enrolment of 低保, 特困 or 临时救助 active in the month whose area and \
        category have no standard in force.
          标准调整未执行 change_not_applied  a standard that changed this month while the payment is still \
        exactly the previous standard's amount.
        The standard of a month is the one in force on the month's first day: a standard effective \
        mid-month applies from the next month (docs/standards.md). Nothing is written to output/ or the \
        store.

        Exit status: 0 when nothing is found, 3 when there are findings (so scripts can stop a \
        publication), 1 on an error.

        Examples:
          gongkai check --month 2026-10
          gongkai check --month 2026-10 --format csv > check-2026-10.csv
          gongkai check --month 2026-10 --format json || echo "findings to follow up"
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("The month whose payments to check.", valueName: "YYYY-MM"))
    var month: String

    @Option(help: "table, csv or json.")
    var format: OutputFormat = .table

    func validate() throws { _ = try parseMonth(month) }

    func run() async throws {
        let month = try parseMonth(self.month)
        let store = try global.openStore(.readOnly)
        let standards = try PaymentStandards.load(templates: global.templatesPath)
        let findings = try PaymentCheck(store: store, standards: standards).findings(month)
        switch format {
        case .csv: print(TextTable.csv(header: PaymentFinding.csvHeader, rows: findings.map(\.csvFields)))
        case .json: print(try StableJSON.text(findings))
        case .table:
            print("\(month.chinese) 发放标准核对（内部使用，含身份信息，不得公开）")
            if findings.isEmpty {
                print("未发现问题：所有低保、特困、临时救助发放均不超过适用标准。")
            } else {
                print(TextTable.render(
                    header: ["问题", "项目", "乡镇", "村", "户编号", "户主", "身份证号", "城乡", "类别", "人数", "发放金额", "标准金额", "超出", "原标准"],
                    rows: findings.map { f in
                        [f.kind.chineseName, f.programme.shortName, f.township, f.village, f.householdID, f.headName,
                         f.headIDNumber, f.area, f.category.isEmpty ? "—" : f.category, String(f.persons), f.amount.yuan,
                         f.allowed?.yuan ?? "—", f.excess.fen > 0 ? f.excess.yuan : "", f.previous?.yuan ?? ""]
                    }))
                print(PaymentStandards.FindingKind.allCases.map { kind in
                    "\(kind.chineseName) \(findings.filter { $0.kind == kind }.count) 条"
                }.joined(separator: "；"))
            }
        }
        if !findings.isEmpty { throw ExitCode(Self.findingsExitCode) }
    }
}
