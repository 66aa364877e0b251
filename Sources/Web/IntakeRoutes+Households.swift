import Accounts
import Desk
import GongkaiCore
import Store

extension AuditAction {
    /// A household lookup at intake (object: the query's kind, `number` or `name`; never what was
    /// typed, which may be a person's name).
    static let householdLookup = AuditAction("household.lookup")
}

extension IntakeRoutes {
    /// Longest lookup text: a 户编号 or a name, never a paragraph.
    static let maximumLookup = 64

    /// The intake form's household lookup (the `lookup` button, without JavaScript): the text of
    /// `household_query` is a 户编号 (its beginning) when it is all ASCII — the import's numbers are —
    /// and otherwise a head's name, which needs the form's `township`. The answer is the matches as
    /// choices of `household_id` (at most `HouseholdLookup.limit`), or the sentence saying why none
    /// were looked for. Audited with the kind of query only.
    static func lookUp(_ environment: WebEnvironment, fields: FormFields, context: WebContext) throws -> [String: Any] {
        func refuse(_ message: String) -> [String: Any] {
            environment.record(.householdLookup, outcome: .failure, detail: message, context: context)
            return ["lookupMessage": message]
        }
        guard let text = fields.trimmed("household_query") else { return refuse("请输入户编号或户主姓名。") }
        guard text.count <= maximumLookup else { return refuse("查找内容过长。") }
        let query: HouseholdLookup
        if text.allSatisfy(\.isASCII) {
            query = .number(text)
        } else {
            guard let township = fields.trimmed("township"), environment.schedule.townships.names.contains(township) else {
                return refuse("按户主姓名查找时，请先选择乡镇（街道）。")
            }
            query = .headName(text, township: township)
        }
        let (matches, more) = try ComplaintRoutes.desk(environment).households(query)
        environment.record(.householdLookup, object: query.kind, outcome: .success, detail: "\(matches.count)\(more ? "+" : "")", context: context)
        let chosen = fields["household_id"]
        var view: [String: Any] = [
            "matches": matches.map { m -> [String: Any] in
                let programmes = m.programmes.map { Programme(parsing: $0)?.shortName ?? $0 }
                let label = [m.householdId, "户主 \(m.headName)", m.township + m.village]
                    + (programmes.isEmpty ? [] : [programmes.joined(separator: "、")])
                return ["id": m.householdId, "label": label.joined(separator: " · "), "checked": m.householdId == chosen]
            },
            "hasMatches": !matches.isEmpty,
            "lookupMessage": matches.isEmpty ? "没有找到符合的户。"
                : more ? "只显示前 \(HouseholdLookup.limit) 户，请输入更完整的户编号或姓名。" : "找到 \(matches.count) 户，请选择。",
        ]
        if let chosen, !chosen.isEmpty, !matches.contains(where: { $0.householdId == chosen }) { view["typedHousehold"] = chosen }
        return view
    }
}
