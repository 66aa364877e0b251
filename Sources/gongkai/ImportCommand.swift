import ArgumentParser
import Foundation
import GongkaiCore
import Store

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "把本单位导出的 CSV 或 .xlsx 文件导入数据库（全部成功或全部不导入）。",
        discussion: """
        给出文件或文件夹。文件须按内容命名：households.csv、members.csv（家庭成员）、enrolments.csv、payments.csv、\
        services.csv、staff.csv、matches.csv、complaints.csv（见 docs/csv-contract.md）。列名可用中文\
        或英文，顺序不限；自动识别 UTF-8（有无 BOM 均可）和 GB18030/GBK（UTF-16/32 会被拒绝，并说明\
        如何另存），LF、CR LF 和 CR 换行都能读取。

        Excel 工作簿（.xlsx）可直接读取，可与 CSV 文件混用：工作簿按对应的 CSV 文件命名\
        （households.xlsx：取名为 households 的工作表，否则取第一张工作表），或者给出一个工作簿，\
        其工作表按表名命名（households 或 家庭、members 或 家庭成员、enrolments 或 保障、payments 或 发放、services 或 服务、\
        staff 或 工作人员、matches 或 比对、complaints 或 投诉）。错误信息按 Excel 显示的方式指明工作表\
        和行：households.xlsx!Sheet1:12: 户主身份证号: ……。工作表中以数字保存的身份证号、电话或户编号\
        （或显示为 4.10182E+17，或末尾被截成 …000）会被拒绝：Excel 只保留 15 位有效数字，因此须在源表\
        中把该列设为文本（设置单元格格式 → 文本）。

        写入之前先检查每一行。只要有一行有误，就什么都不导入，并按“文件:行: 列: 原因”列出每个问题\
        （最多前 100 个）。再次导入相同的文件不会有任何改动：各行按键匹配，只写入真正的变化。

        示例：
          gongkai import exports/2026-10/
          gongkai import households.csv enrolments.csv
          gongkai import 2026-10.xlsx
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @Argument(help: ArgumentHelp("CSV 或 .xlsx 文件，或存放它们的文件夹。", valueName: "路径"))
    var paths: [String]

    func run() async throws {
        let store = try global.openStore()
        let importer = Importer(store: store, clock: global.clock,
                                schedule: try ComplaintSchedule.load(templates: global.templatesPath),
                                identity: try identity.cipher(for: store, global: global, creating: true),
                                workbooks: WorkbookTables(),
                                settings: try ImportSettings.load(templates: global.templatesPath))
        progress("正在导入 \(paths.joined(separator: " "))……")
        let summary: ImportSummary
        do {
            summary = try importer.run(paths: paths)
        } catch let errors as InputErrors {
            printError(errors.description)
            throw CommandFailure("未导入任何数据（共 \(errors.totalCount) 个问题）。请改正以上各行后重新导入。")
        }
        ImportReport.print(summary)
    }
}

/// The one-screen account of an import, shared by `import` and `demo`.
enum ImportReport {
    static func print(_ summary: ImportSummary) {
        for warning in summary.warnings { printError("警告：\(warning)") }
        for f in summary.files {
            Swift.print("\(f.fileName.count >= 16 ? f.fileName : f.fileName.padding(toLength: 16, withPad: " ", startingAt: 0)) \(String(f.rowsRead).leftPad(9)) 行  新增 \(String(f.inserted).leftPad(9))  变更 \(String(f.updated).leftPad(9))  （\(f.encoding.rawValue)）")
        }
    }
}

extension String {
    func leftPad(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
