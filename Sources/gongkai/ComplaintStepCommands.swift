import ArgumentParser
import Accounts
import Desk

/// What each workflow-step command shares: the complaint number, the handler and an optional note.
struct StepOptions: ParsableArguments {
    @OptionGroup var desk: DeskOptions
    @Argument(help: "投诉编号，TS-YYYYMM-NNNN。") var id: String
    @Option(help: "记入历史的说明。") var note: String?

    /// Runs the step in one transaction and prints the new state and the next deadline.
    func perform(_ action: ComplaintAction, _ details: ComplaintDesk.StepDetails = ComplaintDesk.StepDetails()) throws {
        let desk = try self.desk.openDesk()
        var details = details
        details.note = note
        let actor = try self.desk.actor(in: desk.store, clock: desk.clock)
        do {
            let view = try desk.perform(action, on: id, by: actor, details: details)
            try CommandLineAudit.record(.complaintStep, object: id, detail: "\(action.rawValue)，以 \(actor.login)",
                                        in: desk.store, clock: desk.clock)
            print("\(view.id) \(view.status.rawValue) — 下一步：\(nextDeadlineText(view, desk.schedule))")
        } catch let refusal as DeskError {
            if case .notPermitted = refusal {
                try CommandLineAudit.record(.complaintStep, object: id, detail: "\(action.rawValue)，以 \(actor.login)：\(refusal)",
                                            outcome: .refused, in: desk.store, clock: desk.clock)
            } else if case .ownReplyCallback = refusal {
                try CommandLineAudit.record(.complaintStep, object: id, detail: "\(action.rawValue)，以 \(actor.login)：\(refusal)",
                                            outcome: .refused, in: desk.store, clock: desk.clock)
            }
            throw refusal
        }
    }
}

extension ComplaintCommand {
    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "受理：受理投诉并记录书面告知（时限 15 日）。",
            discussion: "示例：\n  gongkai complaint accept TS-202611-0001 --note \"电话告知已受理\"")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.accept) }
    }

    struct Transfer: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "转办：把投诉转给 templates/desk.toml 中列出的承办单位（时限 1 个工作日）。",
            discussion: "示例：\n  gongkai complaint transfer TS-202611-0001 --unit 三营镇民政办")
        @OptionGroup var step: StepOptions
        @Option(help: "承办单位。") var unit: String
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
            abstract: "答复：记录已答复来电人；3 个工作日内须回访。",
            discussion: "示例：\n  gongkai complaint reply TS-202611-0001 --note \"已补发10月低保金\"")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.reply) }
    }

    struct Callback: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "回访：记录来电人的评价；不满意的投诉转为重办。",
            discussion: "示例：\n  gongkai complaint callback TS-202611-0001 --rating 满意")
        @OptionGroup var step: StepOptions
        @Option(help: "评价：满意、基本满意或不满意。") var rating: String
        func run() throws { try step.perform(.callback, .init(rating: rating)) }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "办结：回访后办结（匿名投诉：答复后办结）。",
            discussion: "示例：\n  gongkai complaint close TS-202611-0001")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.close) }
    }

    struct Extend: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "延期：延长办结期限，只能一次，最多 30 日，须写理由。",
            discussion: "示例：\n  gongkai complaint extend TS-202611-0001 --days 30 --reason \"需跨部门核查\"")
        @OptionGroup var step: StepOptions
        @Option(help: "延长的天数（1–30）。") var days: Int
        @Option(help: "理由（告知来电人）。") var reason: String
        func run() throws { try step.perform(.extend, .init(days: days, reason: reason)) }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "退回：不属本单位职责的事项，收到后 5 个工作日内退回。",
            discussion: "示例：\n  gongkai complaint return TS-202611-0001 --reason \"属人社部门职责\"")
        @OptionGroup var step: StepOptions
        @Option(help: "为什么不属本单位职责。") var reason: String
        func run() throws { try step.perform(.return, .init(reason: reason)) }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "复查：答复后 30 日内重新打开已办结的投诉进行复查（只能一次）。",
            discussion: "示例：\n  gongkai complaint reopen TS-202611-0001 --note \"来电人申请复查\"")
        @OptionGroup var step: StepOptions
        func run() throws { try step.perform(.reopen) }
    }

    struct Supervise: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "督办：把一件未办结的投诉标为领导督办。",
            discussion: "示例：\n  gongkai complaint supervise TS-202611-0001 --reason \"超期未办结\"")
        @OptionGroup var step: StepOptions
        @Option(help: "督办事由。") var reason: String?
        func run() throws { try step.perform(.supervise, .init(reason: reason)) }
    }
}
