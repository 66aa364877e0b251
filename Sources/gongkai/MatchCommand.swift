import ArgumentParser
import Foundation
import GongkaiCore
import Publish
import Store

/// `gongkai match …`: the month's data matching, done by gongkai itself (docs/matching.md).
struct MatchCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "数据比对：导入各部门推送的名单，按规则比对救助对象，生成核查表，读回核查结果。",
        discussion: """
        每月的比对（规则在 templates/matching.toml，名单格式见 docs/matching.md）：
          # 导入各部门名单（全部成功或全部不导入）
          gongkai match import 推送/2026-10/ --batch 2026-10-1
          # 按规则比对，写入待核查的比对结果，并删除名单
          gongkai match run --batch 2026-10-1
          # 每个乡镇一份核查表，每条结果一份核查单
          gongkai match sheets --batch 2026-10-1 --out 核查/2026-10
          # 读回核查人员填写的核查结果
          gongkai match results 核查/2026-10/*.xlsx

        部门名单只用于当批比对：gongkai match run 比对后立即删除（templates/office.toml 中的 keep_lists_days \
        可设保留天数），只保留比对结果。gongkai status 显示库中还有哪些名单。
        """,
        subcommands: [Import.self, Run.self, Sheets.self, Results.self]
    )

    /// `--batch YYYY-MM-N`, refused with its reason.
    struct BatchOption: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("比对批次：月份加当月第几批，如 2026-10-1。", valueName: "YYYY-MM-N"))
        var batch: String

        func parsed() throws -> MatchBatch {
            do { return try MatchBatch(parsing: batch) } catch { throw ValidationError(error.description) }
        }

        func validate() throws { _ = try parsed() }
    }

    struct Import: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",
            abstract: "导入各部门推送的名单（CSV 或 .xlsx；全部成功或全部不导入）。",
            discussion: """
            文件（或工作表）按名单种类命名，中文或英文均可：死亡/deaths、社保/pensions、就业/employment、\
            在校生/students、防返贫监测/monitoring、车辆/vehicles、不动产/property、市场主体/businesses\
            （如 死亡.csv、vehicles.xlsx，或一个工作簿中名为“车辆”的工作表）。各名单的列见 docs/matching.md；\
            列名可用中文或英文，顺序不限。

            身份证号统一写法（全角数字、小写 x、不可见字符均可）并按 GB 11643 校验；以数字保存被 Excel 截断的\
            身份证号会被拒绝。只要有一行有误，就什么都不导入，并按“文件:行: 列: 原因”列出问题。同一批次再次导入\
            同一种名单，替换上次导入的该名单。

            示例：
              gongkai match import 推送/2026-10/ --batch 2026-10-1
              gongkai match import 死亡.csv 车辆.xlsx --batch 2026-10-2
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var batch: BatchOption

        @Argument(help: ArgumentHelp("名单文件（CSV 或 .xlsx），或存放它们的文件夹。", valueName: "路径"))
        var paths: [String]

        func run() async throws {
            let store = try global.openStore(.readWrite)
            let importer = DepartmentListImporter(store: store, clock: global.clock, workbooks: WorkbookTables())
            let summary: DepartmentListSummary
            do {
                summary = try importer.run(paths: paths, batch: try batch.parsed())
            } catch let errors as InputErrors {
                printError(errors.description)
                throw CommandFailure("未导入任何名单（共 \(errors.totalCount) 个问题）。请改正以上各行后重新导入。")
            }
            for warning in summary.warnings { printError("警告：\(warning)") }
            for f in summary.files {
                let replaced = f.replaced > 0 ? "（替换本批次原有的 \(f.replaced) 行）" : ""
                print("\(f.list.chineseName)名单 \(f.fileName)：\(f.rows) 行\(replaced)")
            }
            print("批次 \(summary.batch)：名单已导入，运行 gongkai match run --batch \(summary.batch) 进行比对；比对后名单即被删除（或按 office.toml 的保留天数封存）。")
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "run",
            abstract: "按 templates/matching.toml 的规则比对一个批次，写入待核查的比对结果，并删除该批次的名单。",
            discussion: """
            比对按规范化的身份证号，把名单与当月享受救助的每一户的每一名家庭成员（及户主）对应起来；\
            每条规则说明看哪份名单、哪些救助对象、什么条件、比对事项怎么写。比对结果（待核查）写入与 \
            matches.csv 相同的比对结果表，并记下规则编号。再次比对同一批次只补写没有的结果，不改动已填写\
            的核查结果。比对之后，该批次的部门名单从数据库中删除（保留天数见 templates/office.toml 中的 keep_lists_days）。

            示例：
              gongkai match run --batch 2026-10-1
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var batch: BatchOption

        func run() async throws {
            let store = try global.openStore(.readWrite)
            let rules = try MatchingRules.load(templates: global.templatesPath)
            let settings = try MatchingSettings.load(templates: global.templatesPath)
            let summary = try MatchingRun(store: store, clock: global.clock, rules: rules, settings: settings)
                .run(batch: try batch.parsed())
            if summary.rowsRead.isEmpty {
                print("批次 \(summary.batch) 没有待比对的名单（尚未导入，或已在上次比对后删除）；已有的比对结果不变。")
                return
            }
            for list in DepartmentList.allCases {
                guard let rows = summary.rowsRead[list] else { continue }
                print("读取\(list.chineseName)名单 \(rows) 行\(summary.unusedLists.contains(list) ? "（没有规则使用这份名单）" : "")")
            }
            for r in summary.rules {
                let again = r.alreadyThere > 0 ? "，已有 \(r.alreadyThere) 条未改动" : ""
                print("规则 \(r.rule)（\(r.department)）：新增比对结果 \(r.written) 条\(again)")
            }
            if summary.unknownMonitoredHeads > 0 {
                print("防返贫监测名单中有 \(summary.unknownMonitoredHeads) 名户主不在数据库的任何家庭中：须由乡镇另行核实是否应纳入救助。")
            }
            if let until = summary.keptUntil {
                print("名单按 office.toml 封存至 \(until)，期满后删除。")
            } else {
                print("已删除本批次的部门名单（\(summary.rowsDeleted) 行），只保留比对结果。")
            }
        }
    }

    struct Sheets: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sheets",
            abstract: "为一个批次生成核查材料：每个乡镇一份核查表（.xlsx），每条比对结果一份核查单（PDF）。",
            discussion: """
            核查表列出户编号、乡镇、村、户主姓名、涉及人员、比对事项和规则说明，并留出“核查结果”“处理日期”\
            “说明”三栏由核查人员填写；填好后用 gongkai match results 读回，无需重新录入。核查单每条一份，\
            供入户核查和归档。

            这些是内部核查材料（含个人信息）：不能写入公开发布的 output 文件夹，发布检查也会拒绝它们。

            示例：
              gongkai match sheets --batch 2026-10-1 --out 核查/2026-10-1
            """
        )

        @OptionGroup var global: GlobalOptions
        @OptionGroup var batch: BatchOption

        @Option(name: .long, help: ArgumentHelp("写入的文件夹（不能在公开发布的 output 文件夹内）。", valueName: "文件夹"))
        var out: String

        func validate() throws {
            if let problem = StaffFolder.problem(out) { throw ValidationError(problem) }
        }

        func run() async throws {
            let store = try global.openStore(.readOnly)
            let parsed = try batch.parsed()
            let rows = try MatchWorksheet.rows(batch: parsed, in: store)
            guard !rows.isEmpty else {
                throw CommandFailure("批次 \(parsed) 没有比对结果：请先运行 gongkai match run --batch \(parsed)")
            }
            let office = try OfficeSettings.load(templates: global.templatesPath)
            let writer = MatchWorksheets(office: office.name, today: global.clock.today,
                                         rules: try MatchingRules.load(templates: global.templatesPath),
                                         townships: try Townships.load(templates: global.templatesPath))
            let written = try writer.write(rows, batch: parsed, to: URL(fileURLWithPath: out))
            for name in written.workbooks { print("核查表 \((out as NSString).appendingPathComponent(name))") }
            print("核查单 \(written.sheets.count) 份（每条比对结果一份），在 \(out) 的 核查单-<乡镇代码> 文件夹中。")
            print("这些是内部核查材料，含个人信息：只交核查人员使用，不得公开。")
        }
    }

    struct Results: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "results",
            abstract: "读回核查人员填好的核查表，记录核查结果（全部成功或全部不记录）。",
            discussion: """
            读取 gongkai match sheets 写出的核查表（.xlsx，或另存的 CSV）：按“比对批次 + 户编号 + 比对事项”\
            找到比对结果，记录“核查结果”（属实、不属实或待核查；空着表示尚未核查，不改动）、“处理日期”\
            （核查结果不是待核查时必填）和“说明”。有一行有误就什么都不记录，并按“文件!工作表:行: 列: 原因”\
            列出问题。同一份核查表再读一次不会有任何改动。

            示例：
              gongkai match results 核查/2026-10-1/核查表-2026-10-1-640402101.xlsx
              gongkai match results 核查/2026-10-1/*.xlsx
            """
        )

        @OptionGroup var global: GlobalOptions

        @Argument(help: ArgumentHelp("填好的核查表（.xlsx 或 CSV）。", valueName: "文件"))
        var files: [String]

        func run() async throws {
            let store = try global.openStore(.readWrite)
            let summary: MatchResultsSummary
            do {
                summary = try MatchResultsReader(store: store, workbooks: WorkbookTables()).run(paths: files)
            } catch let errors as InputErrors {
                printError(errors.description)
                throw CommandFailure("未记录任何核查结果（共 \(errors.totalCount) 个问题）。请改正以上各行后重新读入。")
            }
            print("已记录核查结果 \(summary.updated) 条；未改动 \(summary.unchanged) 条（读取 \(summary.files.joined(separator: "、"))）。")
        }
    }
}

/// Where staff documents may be written: never inside the folder the office publishes (a release
/// folder holds manifest.json; the publish command writes to ./output by default), where a web server
/// or a copy to the portal would make them public.
enum StaffFolder {
    static func problem(_ path: String) -> String? {
        let target = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath()
        let publicRoot = URL(fileURLWithPath: "output").standardizedFileURL.resolvingSymlinksInPath()
        let refusal = "--out \(path) 在公开发布的文件夹内：核查表和核查单是内部核查材料，含个人信息，不能放在 output 文件夹（或任何发布版本文件夹）中；请另选一个文件夹，如 核查/2026-10-1"
        if target.path == publicRoot.path || target.path.hasPrefix(publicRoot.path + "/") { return refusal }
        var folder = target
        while folder.path != "/" {
            if folder.lastPathComponent == "output"
                || FileManager.default.fileExists(atPath: folder.appendingPathComponent("manifest.json").path) {
                return refusal
            }
            folder = folder.deletingLastPathComponent()
        }
        return nil
    }
}
