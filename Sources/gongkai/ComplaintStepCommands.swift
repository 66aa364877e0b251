import ArgumentParser
import Accounts
import Desk

/// What each workflow-step command shares: the complaint number, the handler and an optional note.
struct StepOptions: ParsableArguments {
    @OptionGroup var desk: DeskOptions
    @Argument(help: "The complaint number, TS-YYYYMM-NNNN.") var id: String
    @Option(help: "A note for the history.") var note: String?

    /// Runs the step in one transaction and prints the new state and the next deadline.
    func perform(_ action: ComplaintAction, _ details: ComplaintDesk.StepDetails = ComplaintDesk.StepDetails()) throws {
        let desk = try self.desk.openDesk()
        var details = details
        details.note = note
        let actor = try self.desk.actor(in: desk.store, clock: desk.clock)
        do {
            let view = try desk.perform(action, on: id, by: actor, details: details)
            try CommandLineAudit.record(.complaintStep, object: id, detail: "\(action.rawValue) as \(actor.login)",
                                        in: desk.store, clock: desk.clock)
            print("\(view.id) \(view.status.rawValue) — next: \(nextDeadlineText(view, desk.schedule))")
        } catch let refusal as DeskError {
            if case .notPermitted = refusal {
                try CommandLineAudit.record(.complaintStep, object: id, detail: "\(action.rawValue) as \(actor.login): \(refusal)",
                                            outcome: .refused, in: desk.store, clock: desk.clock)
            } else if case .ownReplyCallback = refusal {
                try CommandLineAudit.record(.complaintStep, object: id, detail: "\(action.rawValue) as \(actor.login): \(refusal)",
                                            outcome: .refused, in: desk.store, clock: desk.clock)
            }
            throw refusal
        }
    }
}

extension ComplaintCommand {
    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "受理: accept the complaint and record the written 告知 (limit 15 days).",
            discussion: "Example:\n  gongkai complaint accept TS-202611-0001 --note \"电话告知已受理\"")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.accept) }
    }

    struct Transfer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "转办: dispatch the complaint to a unit listed in templates/desk.toml (limit 1 working day).",
            discussion: "Example:\n  gongkai complaint transfer TS-202611-0001 --unit 三营镇民政办")
        @OptionGroup var step: StepOptions
        @Option(help: "The unit that handles it.") var unit: String
        func run() throws { try step.perform(.transfer, .init(unit: unit)) }
    }

    struct Assign: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "交办 / 签收：督办把投诉交给该乡镇（街道）的一名承办人（--to 登录名或姓名）；承办人本人签收时不必写 --to。",
            discussion: "示例：\n  gongkai complaint assign TS-202611-0001 --to li.ming --as zhang.du\n  gongkai complaint assign TS-202611-0001 --as li.ming   # 承办人签收")
        @OptionGroup var step: StepOptions
        @Option(help: ArgumentHelp("承办人账号（登录名或显示名），须是该投诉所在乡镇（街道）的承办人。", valueName: "账号")) var to: String?
        func run() throws { try step.perform(.assign, .init(assignee: to)) }
    }

    struct SendBack: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "send-back",
            abstract: "退单：承办单位在签收时限内把派错的投诉退回中心，须写理由；中心重新转办。",
            discussion: "示例：\n  gongkai complaint send-back TS-202611-0001 --reason \"户籍在官厅镇，非本镇事项\" --as li.ming")
        @OptionGroup var step: StepOptions
        @Option(help: ArgumentHelp("为什么不是本单位的事项（记入历史）。", valueName: "理由")) var reason: String
        func run() throws { try step.perform(.sendBack, .init(reason: reason)) }
    }

    struct Urge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "催办：督办催促承办单位；承办人的待办中排在最前，直到单位下一次办理。",
            discussion: "示例：\n  gongkai complaint urge TS-202611-0001 --reason \"签收已超时\" --as zhang.du")
        @OptionGroup var step: StepOptions
        @Option(help: ArgumentHelp("催办事由（可选，记入历史）。", valueName: "事由")) var reason: String?
        func run() throws { try step.perform(.urge, .init(reason: reason)) }
    }

    struct Reply: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "答复: record that the caller was given the answer; the callback is due 3 working days later.",
            discussion: "Example:\n  gongkai complaint reply TS-202611-0001 --note \"已补发10月低保金\"")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.reply) }
    }

    struct Callback: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "回访: record the caller's rating; 不满意 sends the complaint back to 重办.",
            discussion: "Example:\n  gongkai complaint callback TS-202611-0001 --rating 满意")
        @OptionGroup var step: StepOptions
        @Option(help: "满意, 基本满意 or 不满意.") var rating: String
        func run() throws { try step.perform(.callback, .init(rating: rating)) }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "办结: conclude after the callback (anonymous complaints: after the reply).",
            discussion: "Example:\n  gongkai complaint close TS-202611-0001")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.close) }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "延期: extend the conclusion deadline once, by at most 30 days, with a reason.",
            discussion: "Example:\n  gongkai complaint extend TS-202611-0001 --days 30 --reason \"需跨部门核查\"")
        @OptionGroup var step: StepOptions
        @Option(help: "Days to add (1–30).") var days: Int
        @Option(help: "Why (told to the caller).") var reason: String
        func run() throws { try step.perform(.extend, .init(days: days, reason: reason)) }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "退回: return an item outside our remit, within 5 working days of receipt.",
            discussion: "Example:\n  gongkai complaint return TS-202611-0001 --reason \"属人社部门职责\"")
        @OptionGroup var step: StepOptions
        @Option(help: "Why it is not ours.") var reason: String
        func run() throws { try step.perform(.return, .init(reason: reason)) }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "复查: reopen a concluded complaint for review, within 30 days of the reply (once).",
            discussion: "Example:\n  gongkai complaint reopen TS-202611-0001 --note \"来电人申请复查\"")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.reopen) }
    }

    struct Supervise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "督办: flag an open complaint as supervised by the leadership.",
            discussion: "Example:\n  gongkai complaint supervise TS-202611-0001 --reason \"超期未办结\"")
        @OptionGroup var step: StepOptions
        @Option(help: "Why it is supervised.") var reason: String?
        func run() throws { try step.perform(.supervise, .init(reason: reason)) }
    }
}
