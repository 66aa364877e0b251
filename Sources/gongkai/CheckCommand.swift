import ArgumentParser
import Foundation
import GongkaiCore
import Store

struct CheckCommand: AsyncParsableCommand {
    /// The exit status when the check finds something (0: clean; 1: an error; 64: a usage error).
    static let findingsExitCode: Int32 = 3

    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "按 templates/standards.toml 的保障标准核对某月发放（仅供内部使用）。",
        discussion: """
        列出问题并附完整身份信息（户编号、户主姓名和身份证号），供本单位核查——不得公开这些输出：
          超标准发放 over_standard        发放金额高于标准：低保补差 > 标准 × 人数；特困 > \
        （基本生活标准 + 相应照料护理等级的照料护理标准）× 人数；临时救助 > 其上限（当地低保标准的倍数）。\
        发放金额等于标准的不算超标。
          无适用标准 no_standard          当月有效的低保、特困或临时救助保障，其城乡和类别没有生效的标准。
          标准调整未执行 change_not_applied  标准本月已调整，发放金额却仍恰好是原标准的金额。
        某月适用的标准是该月第一天有效的标准：月中生效的标准从下月起适用（docs/standards.md）。\
        不写入 output/，也不改动数据库。

        退出码：没有发现问题为 0，有问题为 3（脚本可据此停止发布），出错为 1。

        示例：
          gongkai check --month 2026-10
          gongkai check --month 2026-10 --format csv > check-2026-10.csv
          gongkai check --month 2026-10 --format json || echo "有待核查的问题"
        """
    )

    @OptionGroup var global: GlobalOptions

    @Option(help: ArgumentHelp("要核对发放的月份。", valueName: "YYYY-MM"))
    var month: String

    @Option(help: "输出格式：table、csv 或 json。")
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
