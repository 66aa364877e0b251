/// The closed value lists of the CSV contract. Import refuses anything else, so statistics never
/// split one category into spelling variants.
public enum Codelist {
    public static let area = ["城市", "农村"]
    public static let exitReason = ["收入增加", "就业", "死亡", "迁出", "核查不符", "其他"]
    public static let temporaryReason = ["因病", "因灾", "因学", "意外", "其他"]
    public static let serviceType = ["技能培训", "就业指导", "创业扶持", "心理疏导", "照料服务", "志愿服务", "其他"]
    public static let providerKind = ["政府", "企业", "社会组织", "志愿者"]
    public static let serviceOutcome = ["完成", "就业", "创业", "未完成", "进行中"]
    public static let staffRole = ["核查员", "社工", "管理"]
    public static let certificate = ["无", "助理社会工作师", "社会工作师", "高级社会工作师"]
    public static let department = ["农业农村", "人社", "教育", "卫健", "公安", "市场监管", "不动产", "车管"]
    public static let matchResult = ["待核查", "属实", "不属实"]
    public static let complaintChannel = ["监督电话", "12345转办", "来信", "来访", "网上"]
    public static let complaintType = ["咨询", "求助", "投诉", "举报", "建议", "表扬"]
    public static let complaintCategory = ["应保未保", "错保", "发放时限", "发放金额", "工作作风", "违纪违规", "政策咨询", "其他"]
    public static let satisfaction = ["满意", "基本满意", "不满意", "未评价"]
    public static let yesNo = ["是", "否"]
    /// 与户主关系 of a household member (家庭成员): the head's own row is 户主 (or 本人).
    public static let relation = ["户主", "本人", "配偶", "子女", "儿媳", "女婿", "孙子女", "父母", "公婆", "岳父母",
                                  "祖父母", "兄弟姐妹", "其他"]

    /// 原州区 divisions (code 640402; end-2020: 3 街道, 7 镇, 4 乡), docs/domain.md §1b.
    public static let yuanzhouTownships = [
        "南关街道", "古雁街道", "北塬街道",
        "三营镇", "官厅镇", "开城镇", "张易镇", "彭堡镇", "头营镇", "黄铎堡镇",
        "中河乡", "河川乡", "炭山乡", "寨科乡",
    ]
}
