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
        abstract: "The complaint desk: record calls and follow each one through the closed loop to 办结.",
        discussion: """
        Workflow (docs/domain.md §2b): 登记 → accept 受理(告知) → transfer 转办 → assign 办理中 → reply 答复 \
        → callback 回访 → close 办结. Side steps: extend 延期 (once, ≤30 days, with a reason), return 退回 \
        (outside our remit, within 5 working days), callback 不满意 → 重办, reopen 复查 (within 30 days \
        of the reply), supervise 督办. Every step is recorded with the handler in an append-only history.

        The caller's name and phone are shown only by `show ID --reveal`, and each reveal is recorded.

        Example:
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
            abstract: "Record a new complaint (status 登记) and print its number.",
            discussion: """
            Give the fields as flags; on a terminal, missing required fields are asked for. Or pipe JSON \
            on standard input: one object, or one object per line (JSON Lines, each its own transaction), \
            with the English column names of complaints.csv as keys (no complaint_id: the number is assigned).

            Example:
              echo '{"channel":"来信","type":"举报","category":"错保","summary":"…"}' | gongkai complaint add
            """
        )
        @OptionGroup var desk: DeskOptions
        @Option(help: ArgumentHelp("When it came in, \"YYYY-MM-DD HH:MM\" (default: now).", valueName: "time")) var receivedAt: String?
        @Option(help: "监督电话, 12345转办, 来信, 来访 or 网上.") var channel: String?
        @Option(help: "咨询, 求助, 投诉, 举报, 建议 or 表扬.") var type: String?
        @Option(help: "应保未保, 错保, 发放时限, 发放金额, 工作作风, 违纪违规, 政策咨询 or 其他.") var category: String?
        @Option(help: "The programme concerned (dibao, 低保, …).") var programme: String?
        @Option(help: "The household concerned, when known.") var household: String?
        @Option(help: "The township (乡镇/街道).") var township: String?
        @Option(help: "What the caller says.") var summary: String?
        @Option(help: "The caller's name (kept confidential).") var callerName: String?
        @Option(help: "The caller's phone (kept confidential).") var callerPhone: String?
        @Flag(help: "The caller gives no name or phone.") var anonymous = false
        @Flag(help: "Issue a 4-digit enquiry PIN, printed once, for asking about progress by phone.") var pin = false
        @Option(help: ArgumentHelp("The earlier complaint this call repeats (linked both ways; still a new complaint).", valueName: "TS-…"))
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
                intakes = [(try intakeFromFlags(), "command line", nil)]
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
            let source = "standard input"
            if let whole = try? ComplaintIntake(json: text, source: source) { return [(whole, source, nil)] }
            var result: [(ComplaintIntake, String, Int?)] = []
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where !line.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                result.append((try ComplaintIntake(json: line, source: source, line: n + 1), source, n + 1))
            }
            guard !result.isEmpty else {
                throw InputError(file: source, reason: "no complaint given: pass flags or pipe a JSON object")
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
                if answer.isEmpty && required { throw ValidationError("\(prompt) is required") }
                return answer.isEmpty ? nil : answer
            }
            func require(_ value: String?, _ flag: String, _ prompt: String) throws -> String {
                guard let answer = try ask(value, prompt, required: true) else { throw ValidationError("missing --\(flag)") }
                return answer
            }
            let channel = try require(channel, "channel", "channel (\(Codelist.complaintChannel.joined(separator: "/")))")
            let type = try require(type, "type", "type (\(Codelist.complaintType.joined(separator: "/")))")
            let category = try require(category, "category", "category (\(Codelist.complaintCategory.joined(separator: "/")))")
            let summary = try require(summary, "summary", "summary")
            let interactive = isatty(STDIN_FILENO) != 0 && !flagsGiven
            let anonymousAnswer = interactive && !anonymous ? try ask(nil, "anonymous (是/否)", required: false) : nil
            let isAnonymous = anonymous || anonymousAnswer == "是"
            return ComplaintIntake(
                receivedAt: receivedAt, channel: channel, type: type, category: category,
                programme: interactive ? try ask(programme, "programme (optional)", required: false) : programme,
                householdId: interactive ? try ask(household, "household (optional)", required: false) : household,
                township: interactive ? try ask(township, "township (optional)", required: false) : township,
                summary: summary,
                callerName: interactive && !isAnonymous ? try ask(callerName, "caller name (optional)", required: false) : callerName,
                callerPhone: interactive && !isAnonymous ? try ask(callerPhone, "caller phone (optional)", required: false) : callerPhone,
                anonymous: isAnonymous, repeatOf: repeatOf)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List complaints (never with the caller's name or phone).",
            discussion: """
            `due` is the conclusion deadline (extensions included); `overdue` means past it and not concluded.

            Example:
              gongkai complaint list --overdue
              gongkai complaint list --due-within 7 --format csv > due.csv
              gongkai complaint list --overdue --format xlsx --out overdue.xlsx
              gongkai complaint list --search 低保金 --status 答复
            """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this status (登记, 受理, 转办, 办理中, 答复, 回访, 办结, 退回, 重办, 复查).") var status: String?
        @Flag(help: "Only complaints past their conclusion deadline.") var overdue = false
        @Option(help: ArgumentHelp("Only open complaints due within N days from today.", valueName: "N")) var dueWithin: Int?
        @Option(help: "Only this category.") var category: String?
        @Option(help: "Only this programme.") var programme: String?
        @Option(help: ArgumentHelp("Only complaints whose summary or a reply's note contains this text (never the caller).", valueName: "text"))
        var search: String?
        @Option(help: "table, csv, json or xlsx.") var format: ListingFormat = .table
        @Option(help: ArgumentHelp("With --format xlsx: the workbook to write.", valueName: "file")) var out: String?

        struct Item: Encodable {
            let id, status, type, category, channel, received_at: String
            let programme, township, due: String?
            let overdue, supervised: Bool
        }

        func validate() throws {
            if let dueWithin, !(0...36_500).contains(dueWithin) {
                throw ValidationError("--due-within takes a number of days from 0 to 36500, not \(dueWithin)")
            }
            try validateSpreadsheetOutput(format, out)
        }

        mutating func run() throws {
            var filter = ComplaintDesk.Filter(overdue: overdue, dueWithinDays: dueWithin, category: category, search: search)
            if let status {
                guard let s = ComplaintStatus(rawValue: status) else {
                    throw ValidationError("'\(status)' is not a status: \(ComplaintStatus.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                filter.status = s
            }
            if let programme {
                guard let p = Programme(parsing: programme) else { throw ValidationError("'\(programme)' is not a programme") }
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
            case .table: print(items.isEmpty ? "no complaints" : TextTable.render(header: header, rows: rows))
            case .xlsx:
                let path = out ?? "complaints.xlsx"
                try XLSXWriter.write([ComplaintListSheet.sheet(header: header, rows: rows)], to: path,
                                     title: "投诉举报件列表", created: "\(today)T00:00:00Z")
                progress("Wrote \(rows.count) complaints to \(path)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one complaint with its history.",
            discussion: """
            --reveal adds the caller's name and phone, opened with the caller-identity key, and records \
            in the complaint's history who looked and the reason given with --reason (required).

            Example:
              gongkai complaint show TS-202611-0001 --reveal --reason "回访需联系来电人" --as ma.li
            """
        )
        @OptionGroup var desk: DeskOptions
        @Argument(help: "The complaint number, TS-YYYYMM-NNNN.") var id: String
        @Flag(help: "Also show the caller's name and phone (recorded, with --reason).") var reveal = false
        @Option(help: ArgumentHelp("Why the caller's identity is needed (required with --reveal; recorded).", valueName: "text"))
        var reason: String?

        func validate() throws {
            if reveal && (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                throw ValidationError("--reveal needs --reason \"…\" saying why the caller's identity is needed (it is recorded)")
            }
            if reason != nil && !reveal { throw ValidationError("--reason goes with --reveal") }
        }

        mutating func run() throws {
            // A reveal is recorded, so only then is the store opened for writing.
            let desk = reveal ? try self.desk.openDeskWithIdentity(creating: false) : try self.desk.openDesk(.readOnly)
            let actor = try self.desk.actor(in: desk.store, clock: desk.clock)
            let d = try desk.show(id: id, revealReason: reveal ? reason : nil, by: actor)
            if reveal {
                try CommandLineAudit.record(.revealCallerIdentity, object: id, detail: "as \(actor.login): \(reason ?? "")",
                                            in: desk.store, clock: desk.clock)
            }
            let v = d.view
            var lines: [(String, String)] = [
                ("编号 number", v.id), ("状态 status", v.status.rawValue + (v.supervised ? " (督办)" : "")),
                ("收到 received", v.receivedAt), ("渠道 channel", v.channel), ("类型 type", v.type),
                ("类别 category", v.category), ("项目 programme", v.programme?.shortName ?? ""),
                ("户 household", v.householdId ?? ""), ("乡镇 township", v.township ?? ""),
                ("摘要 summary", d.summary), ("匿名 anonymous", v.anonymous ? "是" : "否"),
                ("办结期限 due", v.dueText ?? "未定"),
            ]
            if v.extensionDays > 0 { lines.append(("延期 extension", "\(v.extensionDays)日: \(d.extensionReason ?? "")")) }
            if let r = d.extensionRequest { lines.append(("延期申请 extension request", "\(r.by) \(r.days)日: \(r.reason)（待督办审批 pending）")) }
            if let paused = v.pausedOn { lines.append(("暂停 paused", "已暂停 since \(paused): \(d.pauseReason ?? "")")) }
            if v.pausedWorkdays > 0 { lines.append(("累计暂停 paused total", "\(v.pausedWorkdays) 个工作日 workdays")) }
            if let into = v.mergedInto { lines.append(("合并至 merged into", into)) }
            if !d.mergedFrom.isEmpty { lines.append(("合并的重复件 duplicates", d.mergedFrom.joined(separator: " "))) }
            if let unit = v.assignedUnit { lines.append(("承办单位 unit", unit)) }
            if let person = d.assignedHandler { lines.append(("承办人 assignee", person)) }
            lines.append(("下一期限 next", nextDeadlineText(v, desk.schedule)))
            if let s = v.satisfaction { lines.append(("评价 rating", s)) }
            lines.append(("查询密码 PIN", d.hasPIN ? "issued" : "none"))
            if let earlier = v.repeatOf { lines.append(("重复来电 repeat of", earlier)) }
            if !d.repeatCalls.isEmpty { lines.append(("重复来电 repeat calls", d.repeatCalls.joined(separator: ", "))) }
            if let caller = d.caller {
                lines.append(("来电人 caller", caller.name ?? "(none)"))
                lines.append(("电话 phone", caller.phone ?? "(none)"))
            }
            print(TextTable.render(header: nil, rows: lines.map { [$0.0, $0.1] }))
            print("\n历史 history")
            print(TextTable.render(header: ["at", "handler", "action", "from", "to", "note"], rows: d.events.map {
                [$0.at, $0.handler, $0.action, $0.fromState ?? "", $0.toState, $0.note ?? ""]
            }))
        }
    }

    struct Lookup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Tell a caller the status and next deadline, given the number and their PIN.",
            discussion: """
            Example:
              gongkai complaint lookup TS-202611-0001 --pin 0427
            """
        )
        @OptionGroup var global: GlobalOptions
        @Argument(help: "The complaint number.") var id: String
        @Option(help: "The caller's 4-digit PIN.") var pin: String

        mutating func run() throws {
            let desk = try global.openDesk(.readOnly)
            let view = try desk.lookup(id: id, pin: pin)
            print("状态 status: \(view.status.rawValue)")
            print("下一期限 next deadline: " + nextDeadlineText(view, desk.schedule))
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The month's complaint figures: counts and rates, no personal data.",
            discussion: """
            Counts by type, category, programme and township of complaints received in the month; \
            按期办结率 and 满意率 over those concluded in the month; 及时受理率; open and overdue at \
            month end; repeated complaints (same household and category within 90 days, or linked with --repeat-of; \
            a repeat call is also counted as received).

            Example:
              gongkai complaint stats --month 2026-10 --format csv
            """
        )
        @OptionGroup var global: GlobalOptions
        @Option(help: "The month, YYYY-MM.") var month: String
        @Option(help: "table, csv or json.") var format: OutputFormat = .table

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
        guard let next = try view.nextDeadline(schedule: schedule) else { return "none (\(view.status.rawValue))" }
        return "\(next.step) by \(next.date) (\(next.date.chinese))"
    } catch {
        return "not yet known: \(error)"
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
