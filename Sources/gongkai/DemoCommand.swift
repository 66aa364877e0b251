import ArgumentParser
import DemoData
import Foundation
import GongkaiCore
import Store

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "生成逼真的原州区演示数据（CSV 文件）并导入。",
        discussion: """
        文件严格符合 CSV 数据约定，并通过与真实导出文件相同的导入程序导入，演示走的就是真实流程。\
        同一个种子总是生成逐字节相同的文件。

        金额逐月按 templates/standards.toml 计算，只有最后一个月特意放入几笔高于标准（或当月标准\
        调整时仍按原标准）的发放：对该月运行 `gongkai check --month` 正好列出这几笔，本命令会说明有几笔。

        --shape odd 则生成一个与原州区形态不同的小区县（没有户或只有一户的乡镇、没有发放的月份、\
        没有保障对象的救助项目、没有结束日期的服务、在没有节假日安排的年份中未办结的投诉、1 个字和 \
        6 个字以上的姓名以及扩展 B 区汉字），每个种子都不同，并输出放入了什么。

        示例：
          gongkai demo --db demo.sqlite                      # 12000 户，2024-11 … 2026-10
          gongkai demo --households 100000 --out bench-data --db bench.sqlite
          gongkai demo --shape odd --seed 7 --db odd.sqlite  # 截至 2026-10 的 3–14 个月
        """
    )

    @OptionGroup var global: GlobalOptions

    @OptionGroup var identity: IdentityKeyOptions

    @Option(help: "yuanzhou（原州区演示）或 odd（充满边界情形的小区县，每个种子都不同）。")
    var shape: DemoShape = .yuanzhou

    @Option(help: "户数（yuanzhou 形态）。")
    var households = 12_000

    @Option(help: ArgumentHelp("演示数据的最后一个月（yuanzhou 形态的 24 个月到此为止）。", valueName: "YYYY-MM"))
    var month = "2026-10"

    @Option(help: "随机种子：同一个种子生成相同的文件。")
    var seed: UInt64 = 640_402

    @Option(help: ArgumentHelp("存放 CSV 文件的文件夹。", valueName: "文件夹"))
    var out = "demo-data"

    @Flag(help: "只写 CSV 文件，不导入。")
    var noImport = false

    @Option(help: "csv；或 xlsx：把每张表写成工作簿（households.xlsx……）并导入这些工作簿。")
    var format: DemoFormat = .csv

    func validate() throws {
        _ = try parseMonth(month)
        guard households > 0 else { throw ValidationError("--households 至少为 1") }
    }

    func run() async throws {
        let endMonth = try parseMonth(month)
        let standards = try PaymentStandards.load(templates: global.templatesPath)
        let files: [URL]
        switch shape {
        case .yuanzhou:
            let demo = try YuanzhouDemo(.init(households: households, endMonth: endMonth, seed: seed, standards: standards))
            progress("正在生成 \(households) 户、截至 \(month) 的 \(demo.options.months) 个月的数据……")
            let (written, planted) = try FileSystemError.performing("写入演示文件到", out) {
                try demo.write(to: URL(fileURLWithPath: out))
            }
            files = written
            print("为 gongkai check --month \(endMonth) 放入：" + PaymentStandards.FindingKind.allCases.map { kind in
                "\(kind.chineseName) \(kind.rawValue) \(planted.filter { $0.kind == kind }.count) 笔"
            }.joined(separator: "，"))
        case .odd:
            let district = try OddDistrict(.init(endMonth: endMonth, seed: seed, standards: standards))
            let written = try FileSystemError.performing("写入演示文件到", out) {
                try district.write(to: URL(fileURLWithPath: out))
            }
            print(written.shape.summary)
            files = written.files
        }
        let written = format == .xlsx
            ? try DemoWorkbooks.convert(files, created: "\(endMonth.adding(months: 1))-01T00:00:00Z") : files
        print("已写入 \(written.count) 个文件到 \(out)/")
        guard !noImport else { return }
        let store = try global.openStore(.create)
        let importer = Importer(store: store, clock: global.clock,
                                schedule: try ComplaintSchedule.load(templates: global.templatesPath),
                                identity: try identity.cipher(for: store, global: global, creating: true),
                                workbooks: WorkbookTables(),
                                settings: try ImportSettings.load(templates: global.templatesPath))
        progress("正在导入到 \(global.databaseName)……")
        do {
            ImportReport.print(try importer.run(paths: [out], source: "demo"))
        } catch let errors as InputErrors {
            printError(errors.description)
            throw CommandFailure("演示数据未能导入：这是演示数据生成程序的缺陷，请报告。")
        }
    }
}

/// Which generator `gongkai demo` runs.
enum DemoShape: String, ExpressibleByArgument, CaseIterable {
    case yuanzhou, odd
}

/// The files `gongkai demo` writes.
enum DemoFormat: String, ExpressibleByArgument, CaseIterable {
    case csv, xlsx
}
