import Accounts
import Desk
import GongkaiCore
import Store

/// The view model of a complaint's page (templates/web/complaint.mustache): flat, pre-formatted
/// strings, since a template silently renders a missing key as nothing. It is built from
/// `ComplaintDesk.Detail` without a reveal, so it has no caller identity to show.
struct ComplaintPage {
    let detail: ComplaintDesk.Detail
    let schedule: ComplaintSchedule
    let today: CivilDate
    let access: ComplaintAccess
    /// `?template=K`: the K-th reply template that fits the complaint (templates/desk.toml: its
    /// category, and its programme where the template names one) fills the reply's note, which stays
    /// editable — no script needed.
    var replyTemplate: Int?
    /// The 承办人 accounts of the complaint's township, offered by the 交办 form.
    var assignees: [Account] = []

    init(detail: ComplaintDesk.Detail, schedule: ComplaintSchedule, today: CivilDate, access: ComplaintAccess) {
        self.detail = detail; self.schedule = schedule; self.today = today; self.access = access
    }

    /// The light of a complaint as pages and queues show it: 已暂停 since … while the clock stands
    /// still (never red or yellow then), else the deadline's light; nil when it has none.
    static func light(_ v: some ComplaintListed, today: CivilDate, schedule: ComplaintSchedule) -> (text: String, cssClass: String)? {
        if let paused = v.pausedOn { return ("已暂停（自 \(paused) 起）", "paused") }
        return v.light(on: today, schedule: schedule).map { ($0.chinese, $0.rawValue) }
    }

    var values: [String: Any] {
        let v = detail.view
        var values: [String: Any] = [
            "number": v.id,
            "fields": fields.map { ["label": $0.0, "value": $0.1] },
            "events": detail.events.map(event),
            // The account that replied is offered no callback on it: 回访 is someone else's.
            "steps": access.steps(on: v).filter { $0 != .callback || detail.repliedByAccount != access.account.id }.map(step),
            "units": schedule.units.map { ["name": $0.name, "selected": $0.township != nil && $0.township == v.township] },
            "assignees": assignees.map { ["login": $0.login, "name": $0.displayName] },
            "hasAssignees": !assignees.isEmpty,
            "maxDays": String(schedule.settings.extensionMaxDays),
            "canReveal": !v.anonymous && access.mayReveal(assignedHandler: detail.assignedHandler),
            "repeatCalls": detail.repeatCalls.map { ["number": $0] },
            "hasRepeatCalls": !detail.repeatCalls.isEmpty,
            "attachments": detail.attachments.map(attachment),
            "hasAttachments": !detail.attachments.isEmpty,
            "canAttach": access.mayAttach,
        ]
        if let earlier = v.repeatOf { values["repeatOf"] = earlier }
        values["noSteps"] = (values["steps"] as? [[String: Any]])?.isEmpty ?? true
        if let light = Self.light(v, today: today, schedule: schedule) {
            values["light"] = light.text
            values["lightClass"] = light.cssClass
        }
        if let into = v.mergedInto { values["mergedInto"] = into }
        values["mergedFrom"] = detail.mergedFrom.map { ["number": $0] }
        values["hasMergedFrom"] = !detail.mergedFrom.isEmpty
        return values
    }

    /// Every field of the complaint but the caller's identity, in the order of complaints.csv.
    var fields: [(String, String)] {
        let v = detail.view
        var next = "—"
        // The desk names the step in Chinese, then in English for the CLI ("转办 dispatch"): the page
        // prints the Chinese name.
        if let step = try? v.nextDeadline(schedule: schedule) { next = "\(step.step.split(separator: " ").first ?? "") \(step.date)" }
        var sign = "—"
        if v.status == .transferred { sign = (try? v.signDeadline(schedule: schedule)).map { $0.description } ?? "未定（缺少该年节假日安排）" }
        var pause = v.pausedWorkdays > 0 ? "累计暂停 \(v.pausedWorkdays) 个工作日" : "无"
        if let paused = v.pausedOn { pause = "已暂停（自 \(paused) 起）：\(detail.pauseReason ?? "")；" + pause }
        let request = detail.extensionRequest.map { "\($0.by) 申请延期 \($0.days)日：\($0.reason)（待督办审批）" } ?? "无"
        return [
            ("编号", v.id), ("收到时间", v.receivedAt), ("渠道", v.channel), ("类型", v.type), ("类别", v.category),
            ("项目", v.programme?.chineseName ?? "—"), ("户编号", v.householdId ?? "—"), ("乡镇（街道）", v.township ?? "—"),
            ("诉求摘要", detail.summary), ("匿名", v.anonymous ? "是" : "否"), ("状态", v.status.rawValue),
            ("办结期限", v.dueText ?? "未定"), ("下一期限", next),
            ("延期", v.extensionDays > 0 ? "\(v.extensionDays)日：\(detail.extensionReason ?? "")" : "无"),
            ("延期申请", request), ("暂停计时", pause), ("签收期限", sign),
            ("督办", v.supervised ? "是" : "否"), ("受理日期", v.acknowledgedOn?.description ?? "—"),
            ("办理单位", v.assignedUnit ?? "—"), ("承办人", detail.assignedHandler ?? "—"),
            ("答复日期", v.repliedOn?.description ?? "—"), ("办结日期", v.closedOn?.description ?? "—"),
            ("评价", v.satisfaction ?? "—"), ("来电人评价", v.callerRating.map { "\($0)（网上自评）" } ?? "—"), ("查询密码", detail.hasPIN ? "已发放（仅存哈希）" : "未发放"),
        ]
    }

    /// One attached file: its sanitised name (the link downloads it), type, size, who and when.
    func attachment(_ a: ComplaintAttachmentRecord) -> [String: Any] {
        let kilobytes = (a.size + 1023) / 1024
        return [
            "sha256": a.sha256, "name": a.name, "type": AttachmentType(rawValue: a.mediaType)?.fileExtension.uppercased() ?? a.mediaType,
            "size": kilobytes >= 1024 ? "\((kilobytes * 10 + 512) / 1024 / 10).\((kilobytes * 10 + 512) / 1024 % 10) MB" : "\(kilobytes) KB",
            "by": a.uploadedBy,
            "time": ChinaTime.parseTimestamp(a.uploadedAt).map { ChinaTime.minuteText(of: $0) } ?? a.uploadedAt,
        ]
    }

    func event(_ e: ComplaintEventRecord) -> [String: Any] {
        [
            "time": ChinaTime.parseTimestamp(e.at).map { ChinaTime.minuteText(of: $0) } ?? e.at,
            "handler": e.handler, "action": ComplaintStepLabel.event(e.action),
            "change": e.fromState.map { $0 == e.toState ? $0 : "\($0) → \(e.toState)" } ?? e.toState,
            "note": e.note ?? "",
        ]
    }

    /// One step's form: which fields it asks for.
    func step(_ action: ComplaintAction) -> [String: Any] {
        var step: [String: Any] = ["action": action.rawValue, "label": ComplaintStepLabel.name(action)]
        switch action {
        case .transfer: step["askUnit"] = true
        case .assign:
            if access.supervises(.assign) { step["askAssignee"] = true } else {
                step["label"] = "签收（由我承办）"
            }
        case .callback: step["askRating"] = true
        case .sendBack: step["askReason"] = true; step["label"] = "退单（非本单位事项，退回中心）"
        case .urge: step["askReason"] = true
        case .extend, .extendRequest: step["askDays"] = true; step["askReason"] = true
        case .return, .supervise, .pause, .extendReject: step["askReason"] = true
        case .merge: step["askInto"] = true
        case .extendApprove:
            if let request = detail.extensionRequest { step["label"] = "批准延期 \(request.days)日" }
        case .reply:
            let templates = schedule.settings.replyTemplates(category: detail.view.category, programme: detail.view.programme)
            step["templates"] = templates.enumerated().map { ["title": $1.title, "href": "?template=\($0 + 1)#reply"] }
            step["hasTemplates"] = !templates.isEmpty
            if let k = replyTemplate, templates.indices.contains(k - 1) { step["noteText"] = templates[k - 1].text }
        case .accept, .close, .reopen, .resume: break
        }
        if step["askReason"] == nil { step["askNote"] = true }
        return step
    }
}
