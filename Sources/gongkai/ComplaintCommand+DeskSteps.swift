import ArgumentParser
import Accounts
import Desk

extension ComplaintCommand {
    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "暂停计时：等待来电人期间停止办结计时（须写理由）。",
            discussion: """
            恢复计时时，办结期限按暂停的工作日数顺延（暂停当日不计，恢复当日计入）；各次暂停合计\
            不超过 pause_max_days（templates/desk.toml，默认 30 个工作日）。暂停中的投诉不算超期。

            示例：
              gongkai complaint pause TS-202611-0001 --reason "等待来电人提供银行流水"
            """)
        @OptionGroup var step: StepOptions
        @Option(help: "在等待什么。") var reason: String
        func run() throws { try step.perform(.pause, .init(reason: reason)) }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "恢复计时：重新开始计时；办结期限按暂停的工作日数顺延。",
            discussion: "示例：\n  gongkai complaint resume TS-202611-0001 --note \"来电人已提供材料\"")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.resume) }
    }

    struct ExtendRequest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend-request",
            abstract: "申请延期：承办人申请延期，由督办批准或不批准。",
            discussion: "示例：\n  gongkai complaint extend-request TS-202611-0001 --days 10 --reason \"需入户核查\"")
        @OptionGroup var step: StepOptions
        @Option(help: "申请延期的天数（1–30）。") var days: Int
        @Option(help: "理由。") var reason: String
        func run() throws { try step.perform(.extendRequest, .init(days: days, reason: reason)) }
    }

    struct ExtendApprove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend-approve",
            abstract: "批准延期：批准待审批的延期申请（只能延期一次，最多 30 日）。",
            discussion: "示例：\n  gongkai complaint extend-approve TS-202611-0001")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.extendApprove) }
    }

    struct ExtendReject: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend-reject",
            abstract: "不批准延期：驳回待审批的延期申请，须写理由。",
            discussion: "示例：\n  gongkai complaint extend-reject TS-202611-0001 --reason \"可在期限内办结\"")
        @OptionGroup var step: StepOptions
        @Option(help: "不批准的理由。") var reason: String
        func run() throws { try step.perform(.extendReject, .init(reason: reason)) }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "合并：把重复件并入另一件未办结的投诉，由后者继续办理。",
            discussion: """
            重复件的状态变为合并（统计中既不算未办结也不算办结）；两件投诉的历史都记录这次合并。\
            不能并入自身、已不在办理中的投诉或已合并的投诉。

            示例：
              gongkai complaint merge TS-202611-0007 --into TS-202611-0003
            """)
        @OptionGroup var step: StepOptions
        @Option(help: "与之重复的投诉编号。") var into: String
        func run() throws { try step.perform(.merge, .init(into: into)) }
    }

    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "自动督办：以“系统”身份督办自上次督办以来变为红灯的每一件投诉。",
            discussion: """
            即 `gongkai serve` 启动时和每 10 分钟做的事，供不运行服务器的受理台使用（cron）。先按 \
            templates/calendar/ 的现状重新计算每个暂定期限（暂定：其年份当时没有节假日安排），每次改动\
            记入历史。重复运行不会重复记录。每件被督办的投诉都记入审计日志（complaint.autoSupervise）。

            示例（cron，每小时一次）：
              0 * * * * gongkai complaint sweep --db /srv/gongkai/gongkai.sqlite
            """)
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let desk = try global.openDesk(.readWrite)
            let now = desk.clock.now()
            let settled = try desk.settleDeadlines(now: now)
            if !settled.isEmpty { print("重新计算办结期限 \(settled.count) 件：\(settled.joined(separator: " "))") }
            let supervised = try desk.superviseOverdue(now: now)
            try CommandLineAudit.record(.complaintAutoSupervise, objects: supervised, detail: "督办：超期", in: desk.store, clock: desk.clock)
            for id in supervised { print("\(id) 督办（自动，超过办结期限）") }
            print("自动督办 \(supervised.count) 件")
        }
    }
}

extension ComplaintCommand {
    struct FindCaller: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "find-caller",
            abstract: "按来电人电话查找其全部投诉（仅督办；须写理由，记入审计日志，不记录电话本身）。",
            discussion: """
            通过电话的加密摘要查找，不打开任何来电人身份，只列出编号、状态、类别和诉求摘要。

            示例：
              gongkai complaint find-caller --phone 13912345678 --reason "来电人询问其历次投诉" --as zhang.du
            """
        )
        @OptionGroup var desk: DeskOptions
        @Option(help: ArgumentHelp("来电人电话（手机号或带区号的固定电话）。", valueName: "电话")) var phone: String
        @Option(help: ArgumentHelp("为什么要查（记入审计日志）。", valueName: "理由")) var reason: String

        func run() throws {
            let desk = try self.desk.openDeskWithIdentity(creating: false)
            let actor = try self.desk.actor(in: desk.store, clock: desk.clock)
            do {
                let found = try desk.complaints(callerPhone: phone, reason: reason, by: actor)
                try CommandLineAudit.record(.callerPhoneSearch, object: "\(found.count)", detail: "以 \(actor.login)：\(reason)",
                                            in: desk.store, clock: desk.clock)
                print(found.isEmpty ? "没有该电话的投诉。" : TextTable.render(
                    header: ["编号", "收到时间", "状态", "类别", "乡镇（街道）", "诉求摘要"],
                    rows: found.map { [$0.id, $0.receivedAt, $0.status.rawValue, $0.category, $0.township ?? "", String($0.summary.prefix(30))] }))
            } catch let refusal as DeskError {
                try CommandLineAudit.record(.callerPhoneSearch, object: "", detail: "以 \(actor.login)：\(refusal)",
                                            outcome: .refused, in: desk.store, clock: desk.clock)
                throw refusal
            }
        }
    }
}
