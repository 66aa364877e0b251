import ArgumentParser
import Accounts
import Desk

extension ComplaintCommand {
    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "暂停计时: stop the conclusion clock while waiting on the caller (a reason is required).",
            discussion: """
            The deadline moves later, on resume, by the working days paused (the pause day not \
            counted, the resume day counted); all pauses together at most pause_max_days \
            (templates/desk.toml, default 30 working days). A paused complaint is never overdue.

            Example:
              gongkai complaint pause TS-202611-0001 --reason "等待来电人提供银行流水"
            """)
        @OptionGroup var step: StepOptions
        @Option(help: "What the office is waiting for.") var reason: String
        func run() throws { try step.perform(.pause, .init(reason: reason)) }
    }

    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "恢复计时: restart the clock; the conclusion deadline moves later by the working days paused.",
            discussion: "Example:\n  gongkai complaint resume TS-202611-0001 --note \"来电人已提供材料\"")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.resume) }
    }

    struct ExtendRequest: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend-request",
            abstract: "申请延期: the 承办人 asks for an extension; the 督办 approves or rejects it.",
            discussion: "Example:\n  gongkai complaint extend-request TS-202611-0001 --days 10 --reason \"需入户核查\"")
        @OptionGroup var step: StepOptions
        @Option(help: "Days asked for (1–30).") var days: Int
        @Option(help: "Why.") var reason: String
        func run() throws { try step.perform(.extendRequest, .init(days: days, reason: reason)) }
    }

    struct ExtendApprove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend-approve",
            abstract: "批准延期: approve the pending request (the extension rule: once, at most 30 days).",
            discussion: "Example:\n  gongkai complaint extend-approve TS-202611-0001")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.extendApprove) }
    }

    struct ExtendReject: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "extend-reject",
            abstract: "不批准延期: reject the pending request, with a reason.",
            discussion: "Example:\n  gongkai complaint extend-reject TS-202611-0001 --reason \"可在期限内办结\"")
        @OptionGroup var step: StepOptions
        @Option(help: "Why not.") var reason: String
        func run() throws { try step.perform(.extendReject, .init(reason: reason)) }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "合并: close a duplicate into another open complaint, which carries the matter on.",
            discussion: """
            The duplicate becomes 合并 (neither open nor concluded in the figures); both histories \
            record the merge. Refused: into itself, into a complaint no longer open, into a merged one.

            Example:
              gongkai complaint merge TS-202611-0007 --into TS-202611-0003
            """)
        @OptionGroup var step: StepOptions
        @Option(help: "The number of the complaint it duplicates.") var into: String
        func run() throws { try step.perform(.merge, .init(into: into)) }
    }

    struct Sweep: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "自动督办: supervise, as 系统, every complaint that turned red since it was last supervised.",
            discussion: """
            What `gongkai serve` does at start and every 10 minutes, for a desk without the server \
            (cron). First, every provisional deadline (暂定: its year had no holiday calendar) is counted \
            again on templates/calendar/ as it now stands, each change an event in the history. \
            Idempotent: a second run records nothing. Each complaint supervised is audited \
            (complaint.autoSupervise).

            Example (cron, every hour):
              0 * * * * gongkai complaint sweep --db /srv/gongkai/gongkai.sqlite
            """)
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let desk = try global.openDesk(.readWrite)
            let now = desk.clock.now()
            let settled = try desk.settleDeadlines(now: now)
            if !settled.isEmpty { print("重新计算办结期限 \(settled.count) 件：\(settled.joined(separator: " "))") }
            let supervised = try desk.superviseOverdue(now: now)
            try CommandLineAudit.record(.complaintAutoSupervise, objects: supervised, detail: "supervise: overdue", in: desk.store, clock: desk.clock)
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
                try CommandLineAudit.record(.callerPhoneSearch, object: "\(found.count)", detail: "as \(actor.login): \(reason)",
                                            in: desk.store, clock: desk.clock)
                print(found.isEmpty ? "没有该电话的投诉。" : TextTable.render(
                    header: ["编号", "收到时间", "状态", "类别", "乡镇（街道）", "诉求摘要"],
                    rows: found.map { [$0.id, $0.receivedAt, $0.status.rawValue, $0.category, $0.township ?? "", String($0.summary.prefix(30))] }))
            } catch let refusal as DeskError {
                try CommandLineAudit.record(.callerPhoneSearch, object: "", detail: "as \(actor.login): \(refusal)",
                                            outcome: .refused, in: desk.store, clock: desk.clock)
                throw refusal
            }
        }
    }
}
