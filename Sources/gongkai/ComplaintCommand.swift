import ArgumentParser
import Accounts
import Desk
import Foundation
import GongkaiCore
import Sheets
import Store

/// The supervision-hotline desk (监督电话 / 12345 / 来信 / 来访 / 网上).
struct ComplaintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "complaint",
        abstract: "投诉受理台：登记来电，并跟踪每一件投诉闭环办理直到办结。",
        discussion: """
        流程（docs/domain.md §2b）：登记 → accept 受理（告知）→ transfer 转办 → assign 办理中 → reply 答复 \
        → callback 回访 → close 办结。其他步骤：extend 延期（一次，不超过 30 日，须写理由）、return 退回\
        （不属本单位职责，收到后 5 个工作日内）、callback 不满意 → 重办、reopen 复查（答复后 30 日内）、\
        supervise 督办。每一步连同办理人记入只可追加的办理历史。

        来电人的姓名和电话只有 `show 编号 --reveal` 才显示，每次查看都有记录。

        示例：
          gongkai complaint add --channel 监督电话 --type 投诉 --category 发放时限 --summary "低保金未到账" --pin
          gongkai complaint accept TS-202611-0001
          gongkai complaint list --overdue
        """,
        subcommands: [
            Add.self, List.self, Show.self,
            Accept.self, Transfer.self, Assign.self, SendBack.self, Reply.self, Callback.self, Close.self,
            Extend.self, ExtendRequest.self, ExtendApprove.self, ExtendReject.self, Pause.self, Resume.self,
            Return.self, Reopen.self, Supervise.self, Urge.self, Merge.self, Sweep.self, FindCaller.self,
            Lookup.self, Stats.self,
        ]
    )

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "登记一件新投诉（状态为登记）并输出其编号。",
            discussion: """
            用选项给出各字段；在终端上运行时，缺少的必填字段会逐项询问。也可以从标准输入传入 JSON：\
            一个对象，或每行一个对象（JSON Lines，每行单独一个事务），键为 complaints.csv 的英文列名\
            （不要 complaint_id：编号自动分配）。

            示例：
              echo '{"channel":"来信","type":"举报","category":"错保","summary":"…"}' | gongkai complaint add
            """
        )
        @OptionGroup var desk: DeskOptions
        @Option(help: ArgumentHelp("收到时间，\"YYYY-MM-DD HH:MM\"（默认：现在）。", valueName: "时间")) var receivedAt: String?
        @Option(help: "渠道：监督电话、12345转办、来信、来访或网上。") var channel: String?
        @Option(help: "类型：咨询、求助、投诉、举报、建议或表扬。") var type: String?
        @Option(help: "类别：应保未保、错保、发放时限、发放金额、工作作风、违纪违规、政策咨询或其他。") var category: String?
        @Option(help: "涉及的救助项目（dibao、低保……）。") var programme: String?
        @Option(help: "涉及的户（已知时）。") var household: String?
        @Option(help: "乡镇（街道）。") var township: String?
        @Option(help: "来电人反映的内容。") var summary: String?
        @Option(help: "来电人姓名（保密）。") var callerName: String?
        @Option(help: "来电人电话（保密）。") var callerPhone: String?
        @Flag(help: "来电人不留姓名和电话（匿名）。") var anonymous = false
        @Flag(help: "发放 4 位查询密码（只显示一次），供来电人电话查询办理进度。") var pin = false
        @Option(help: ArgumentHelp("本次来电重复的早先投诉（双向关联；仍登记为新投诉）。", valueName: "TS-…"))
        var repeatOf: String?

        var flagsGiven: Bool { channel != nil || type != nil || category != nil || summary != nil }

        mutating func run() throws {
            let desk = try self.desk.openDeskWithIdentity(creating: true)
            let actor = try self.desk.actor(in: desk.store, clock: desk.clock)
            var random = SystemRandomNumberGenerator()
            let intakes: [(ComplaintIntake, String, Int?)]
            if !flagsGiven && isatty(STDIN_FILENO) == 0 {
                intakes = try Self.readJSON(FileHandle.standardInput.readDataToEndOfFile())
            } else {
                intakes = [(try intakeFromFlags(), "命令行", nil)]
            }
            for (intake, source, line) in intakes {
                do {
                    let added = try desk.add(intake, by: actor, issuePIN: pin,
                                             source: source, random: &random)
                    print(added.pin.map { "\(added.id) PIN \($0)" } ?? added.id)
                    if added.due.isProvisional {
                        printError("注意：\(added.id) 的办结期限 \(added.due.text) 所在年份没有节假日安排，暂按只扣除周末计算；在 templates/calendar/ 添加该年文件后，gongkai complaint sweep 会重新计算")
                    }
                } catch let error as InputError where line != nil {
                    throw InputError(file: error.file, line: line, field: error.field, reason: error.reason)
                }
            }
        }

        /// One object, or one object per non-empty line.
        static func readJSON(_ data: Data) throws -> [(ComplaintIntake, String, Int?)] {
            let text = String(decoding: data, as: UTF8.self)
            let source = "标准输入"
            if let whole = try? ComplaintIntake(json: text, source: source) { return [(whole, source, nil)] }
            var result: [(ComplaintIntake, String, Int?)] = []
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                result.append((try ComplaintIntake(json: line, source: source, line: n + 1), source, n + 1))
            }
            guard !result.isEmpty else {
                throw InputError(file: source, reason: "没有给出投诉：请用选项给出，或从标准输入传入 JSON 对象")
            }
            return result
        }

        func intakeFromFlags() throws -> ComplaintIntake {
            /// The flag's value, else (on a terminal) the answer typed, else nil.
            func ask(_ value: String?, _ prompt: String, required: Bool) throws -> String? {
                if let value { return value }
                guard isatty(STDIN_FILENO) != 0 else { return nil }
                FileHandle.standardError.write(Data("\(prompt): ".utf8))
                let answer = readLine()?.trimmingCharacters(in: .whitespaces) ?? ""
                if answer.isEmpty && required { throw ValidationError("\(prompt)为必填项") }
                return answer.isEmpty ? nil : answer
            }
            func require(_ value: String?, _ flag: String, _ prompt: String) throws -> String {
                guard let answer = try ask(value, prompt, required: true) else { throw ValidationError("缺少 --\(flag)") }
                return answer
            }
            let channel = try require(channel, "channel", "渠道（\(Codelist.complaintChannel.joined(separator: "/"))）")
            let type = try require(type, "type", "类型（\(Codelist.complaintType.joined(separator: "/"))）")
            let category = try require(category, "category", "类别（\(Codelist.complaintCategory.joined(separator: "/"))）")
            let summary = try require(summary, "summary", "诉求摘要")
            let interactive = isatty(STDIN_FILENO) != 0 && !flagsGiven
            let anonymousAnswer = interactive && !anonymous ? try ask(nil, "是否匿名（是/否）", required: false) : nil
            let isAnonymous = anonymous || anonymousAnswer == "是"
            return ComplaintIntake(
                receivedAt: receivedAt, channel: channel, type: type, category: category,
                programme: interactive ? try ask(programme, "救助项目（可不填）", required: false) : programme,
                householdId: interactive ? try ask(household, "户编号（可不填）", required: false) : household,
                township: interactive ? try ask(township, "乡镇（可不填）", required: false) : township,
                summary: summary,
                callerName: interactive && !isAnonymous ? try ask(callerName, "来电人姓名（可不填）", required: false) : callerName,
                callerPhone: interactive && !isAnonymous ? try ask(callerPhone, "来电人电话（可不填）", required: false) : callerPhone,
                anonymous: isAnonymous, repeatOf: repeatOf)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "列出投诉（不含来电人姓名和电话）。",
            discussion: """
            `due` 是办结期限（含延期）；`overdue` 表示已过期限仍未办结。

            示例：
              gongkai complaint list --overdue
              gongkai complaint list --due-within 7 --format csv > due.csv
              gongkai complaint list --overdue --format xlsx --out overdue.xlsx
              gongkai complaint list --search 低保金 --status 答复
            """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "只看该状态（登记、受理、转办、办理中、答复、回访、办结、退回、重办、复查）。") var status: String?
        @Flag(help: "只看已超过办结期限的投诉。") var overdue = false
        @Option(help: ArgumentHelp("只看自今天起 N 日内到期的未办结投诉。", valueName: "N")) var dueWithin: Int?
        @Option(help: "只看该类别。") var category: String?
        @Option(help: "只看该救助项目。") var programme: String?
        @Option(help: ArgumentHelp("只看诉求摘要或答复说明中含有这段文字的投诉（不搜索来电人）。", valueName: "文字"))
        var search: String?
        @Option(help: "输出格式：table、csv、json 或 xlsx。") var format: ListingFormat = .table
        @Option(help: ArgumentHelp("与 --format xlsx 一起用：要写入的工作簿。", valueName: "文件")) var out: String?

        struct Item: Encodable {
            let id, status, type, category, channel, received_at: String
            let programme, township, due: String?
            let overdue, supervised: Bool
        }

        func validate() throws {
            if let dueWithin, !(0...36_500).contains(dueWithin) {
                throw ValidationError("--due-within 的天数须在 0 至 36500 之间，而不是 \(dueWithin)")
            }
            try validateSpreadsheetOutput(format, out)
        }

        mutating func run() throws {
            var filter = ComplaintDesk.Filter(overdue: overdue, dueWithinDays: dueWithin, category: category, search: search)
            if let status {
                guard let s = ComplaintStatus(rawValue: status) else {
                    throw ValidationError("'\(status)' 不是状态；可用的状态：\(ComplaintStatus.allCases.map(\.rawValue).joined(separator: "、"))")
                }
                filter.status = s
            }
            if let programme {
                guard let p = Programme(parsing: programme) else { throw ValidationError("'\(programme)' 不是救助项目；可用：\(Programme.allCases.map(\.code).joined(separator: "、"))") }
                filter.programme = p
            }
            let desk = try global.openDesk(.readOnly)
            let today = global.clock.today
            let items = try desk.list(filter).map { v in
                Item(id: v.id, status: v.status.rawValue, type: v.type, category: v.category, channel: v.channel,
                     received_at: v.receivedAt, programme: v.programme?.code, township: v.township,
                     due: v.dueText, overdue: v.isOverdue(on: today), supervised: v.supervised)
            }
            let header = ["id", "received_at", "status", "type", "category", "channel", "programme", "township", "due", "overdue", "supervised"]
            let rows = items.map { i in
                [i.id, i.received_at, i.status, i.type, i.category, i.channel, i.programme ?? "", i.township ?? "",
                 i.due ?? "", i.overdue ? "true" : "false", i.supervised ? "true" : "false"]
            }
            switch format {
            case .json: print(try StableJSON.text(items))
            case .csv: print(TextTable.csv(header: header, rows: rows))
            case .table:
                // The table is for people: Chinese headings, 是/否 for the flags (CSV and JSON keep the codes).
                let chineseRows = rows.map { row in row.map { $0 == "true" ? "是" : $0 == "false" ? "否" : $0 } }
                print(items.isEmpty ? "没有投诉" : TextTable.render(
                    header: ["编号", "收到时间", "状态", "类型", "类别", "渠道", "救助项目", "乡镇（街道）", "办结期限", "超期", "督办"],
                    rows: chineseRows))
            case .xlsx:
                let path = out ?? "complaints.xlsx"
                try XLSXWriter.write([ComplaintListSheet.sheet(header: header, rows: rows)], to: path,
                                     title: "投诉举报件列表", created: "\(today)T00:00:00Z")
                progress("已将 \(rows.count) 件投诉写入 \(path)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "显示一件投诉及其办理历史。",
            discussion: """
            --reveal 用来电人身份密钥解密并显示来电人的姓名和电话，并在投诉历史中记录查看人和 \
            --reason 给出的理由（必填）。

            示例：
              gongkai complaint show TS-202611-0001 --reveal --reason "回访需联系来电人" --as ma.li
            """
        )
        @OptionGroup var desk: DeskOptions
        @Argument(help: "投诉编号，TS-YYYYMM-NNNN。") var id: String
        @Flag(help: "同时显示来电人姓名和电话（须写 --reason，并记录）。") var reveal = false
        @Option(help: ArgumentHelp("为什么需要来电人身份（与 --reveal 一起必填；记入历史）。", valueName: "理由"))
        var reason: String?

        func validate() throws {
            if reveal && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--reveal 须同时给出 --reason \"…\"，说明为什么需要来电人身份（将记录在案）")
            }
            if reason != nil && !reveal { throw ValidationError("--reason 须与 --reveal 一起使用") }
        }

        mutating func run() throws {
            // A reveal is recorded, so only then is the store opened for writing.
            let desk = reveal ? try self.desk.openDeskWithIdentity(creating: false) : try self.desk.openDesk(.readOnly)
            let actor = try self.desk.actor(in: desk.store, clock: desk.clock)
            let d = try desk.show(id: id, revealReason: reveal ? reason : nil, by: actor)
            if reveal {
                try CommandLineAudit.record(.revealCallerIdentity, object: id, detail: "以 \(actor.login)：\(reason ?? "")",
                                            in: desk.store, clock: desk.clock)
            }
            let v = d.view
            var lines: [(String, String)] = [
                ("编号", v.id), ("状态", v.status.rawValue + (v.supervised ? "（督办）" : "")),
                ("收到时间", v.receivedAt), ("渠道", v.channel), ("类型", v.type),
                ("类别", v.category), ("救助项目", v.programme?.shortName ?? ""),
                ("户编号", v.householdId ?? ""), ("乡镇（街道）", v.township ?? ""),
                ("诉求摘要", d.summary), ("匿名", v.anonymous ? "是" : "否"),
                ("办结期限", v.dueText ?? "未定"),
            ]
            if v.extensionDays > 0 { lines.append(("延期", "\(v.extensionDays)日：\(d.extensionReason ?? "")")) }
            if let r = d.extensionRequest { lines.append(("延期申请", "\(r.by) \(r.days)日：\(r.reason)（待督办审批）")) }
            if let paused = v.pausedOn { lines.append(("暂停", "自 \(paused) 起已暂停：\(d.pauseReason ?? "")")) }
            if v.pausedWorkdays > 0 { lines.append(("累计暂停", "\(v.pausedWorkdays) 个工作日")) }
            if let into = v.mergedInto { lines.append(("合并至", into)) }
            if !d.mergedFrom.isEmpty { lines.append(("合并的重复件", d.mergedFrom.joined(separator: " "))) }
            if let unit = v.assignedUnit { lines.append(("承办单位", unit)) }
            if let person = d.assignedHandler { lines.append(("承办人", person)) }
            lines.append(("下一期限", nextDeadlineText(v, desk.schedule)))
            if let s = v.satisfaction { lines.append(("评价", s)) }
            lines.append(("查询密码", d.hasPIN ? "已发放" : "无"))
            if let earlier = v.repeatOf { lines.append(("重复来电（早先投诉）", earlier)) }
            if !d.repeatCalls.isEmpty { lines.append(("重复来电", d.repeatCalls.joined(separator: ", "))) }
            if let caller = d.caller {
                lines.append(("来电人", caller.name ?? "（无）"))
                lines.append(("电话", caller.phone ?? "（无）"))
            }
            print(TextTable.render(header: nil, rows: lines.map { [$0.0, $0.1] }))
            print("\n办理历史")
            print(TextTable.render(header: ["时间", "办理人", "操作", "原状态", "新状态", "说明"], rows: d.events.map {
                [$0.at, $0.handler, $0.action, $0.fromState ?? "", $0.toState, $0.note ?? ""]
            }))
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "凭编号和查询密码，告诉来电人办理状态和下一期限。",
            discussion: """
            示例：
              gongkai complaint lookup TS-202611-0001 --pin 0427
            """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "投诉编号。") var id: String
        @Option(help: "来电人的 4 位查询密码。") var pin: String

        mutating func run() throws {
            let desk = try global.openDesk(.readOnly)
            let view = try desk.lookup(id: id, pin: pin)
            print("状态：\(view.status.rawValue)")
            print("下一期限：" + nextDeadlineText(view, desk.schedule))
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "当月投诉统计：件数和比率，不含个人信息。",
            discussion: """
            当月收到的投诉按类型、类别、救助项目和乡镇分列的件数；当月办结投诉的按期办结率和满意率；\
            及时受理率；月末未办结和超期的件数；重复投诉（同一户同一类别 90 日内再次投诉，或用 --repeat-of \
            关联的；重复来电也计入收到件数）。

            示例：
              gongkai complaint stats --month 2026-10 --format csv
            """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "月份，YYYY-MM。") var month: String
        @Option(help: "输出格式：table、csv 或 json。") var format: OutputFormat = .table

        func validate() throws { _ = try parseMonth(month) }

        mutating func run() throws {
            let month = try parseMonth(self.month)
            let desk = try global.openDesk(.readOnly)
            let stats = try desk.statistics(month: month)
            switch format {
            case .json: print(try StableJSON.text(StatsJSON(stats)))
            case .csv: print(TextTable.csv(header: ComplaintStatistics.header, rows: stats.rows.map { [$0.section, $0.item, $0.value] }))
            case .table:
                print("\(month.chinese) 投诉举报统计")
                print(TextTable.render(header: ComplaintStatistics.header, rows: stats.rows.map { [$0.section, $0.item, $0.value] }))
            }
        }
    }
}

/// The next step's deadline for people to read; a missing calendar year is said, not guessed.
func nextDeadlineText(_ view: ComplaintView, _ schedule: ComplaintSchedule) -> String {
    do {
        guard let next = try view.nextDeadline(schedule: schedule) else { return "无（\(view.status.rawValue)）" }
        return "\(next.step)，期限 \(next.date)（\(next.date.chinese)）"
    } catch {
        return "尚不能确定：\(error)"
    }
}

/// The JSON form of the statistics: plain counts and numerator/denominator pairs.
private struct StatsJSON: Encodable {
    struct Ratio: Encodable { let numerator, denominator: Int; let percent: String }
    let month: String
    let received: Int
    let by_type, by_category, by_programme, by_township: [String: Int]
    let concluded_on_time, acknowledged_in_time, rated, satisfied: Ratio
    let open_at_month_end, overdue_at_month_end, repeated: Int

    init(_ s: ComplaintStatistics) {
        func dict(_ c: [ComplaintStatistics.Count]) -> [String: Int] { Dictionary(uniqueKeysWithValues: c.map { ($0.name, $0.count) }) }
        func ratio(_ r: ComplaintStatistics.Ratio) -> Ratio { Ratio(numerator: r.numerator, denominator: r.denominator, percent: r.percent) }
        month = s.month.description; received = s.received
        by_type = dict(s.byType); by_category = dict(s.byCategory); by_programme = dict(s.byProgramme); by_township = dict(s.byTownship)
        concluded_on_time = ratio(s.concludedOnTime); acknowledged_in_time = ratio(s.acknowledgedInTime)
        rated = ratio(s.rated); satisfied = ratio(s.satisfied)
        open_at_month_end = s.openAtMonthEnd; overdue_at_month_end = s.overdueAtMonthEnd; repeated = s.repeated
    }
}
