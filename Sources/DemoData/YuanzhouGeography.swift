/// 原州区's townships with a selection of their villages and communities, for the demo.
/// Township names follow docs/domain.md §1b (end-2020 divisions); village lists are illustrative.
enum YuanzhouGeography {
    struct Township {
        let name: String
        let isStreet: Bool
        let villages: [String]
        /// Relative share of assistance households (rural townships carry most of the caseload).
        let weight: Int
    }

    static let townships: [Township] = [
        Township(name: "南关街道", isStreet: true, villages: ["南关社区", "西城社区", "文化社区", "中山社区"], weight: 5),
        Township(name: "古雁街道", isStreet: true, villages: ["古雁社区", "东湖社区", "长城社区", "政府社区"], weight: 5),
        Township(name: "北塬街道", isStreet: true, villages: ["北塬社区", "九龙社区", "东海社区"], weight: 4),
        Township(name: "三营镇", isStreet: false, villages: ["三营村", "金轮村", "鸦儿沟村", "孙家河村", "红庄村", "黄湾村"], weight: 12),
        Township(name: "官厅镇", isStreet: false, villages: ["官厅村", "后川村", "刘店村", "沙窝村", "王庄村"], weight: 8),
        Township(name: "开城镇", isStreet: false, villages: ["开城村", "和泉村", "青石村", "深沟村", "冯庄村"], weight: 8),
        Township(name: "张易镇", isStreet: false, villages: ["张易村", "黄堡村", "毛庄村", "宋洼村", "陈沟村", "驼巷村"], weight: 9),
        Township(name: "彭堡镇", isStreet: false, villages: ["彭堡村", "申庄村", "别庄村", "姚磨村", "撒门村"], weight: 8),
        Township(name: "头营镇", isStreet: false, villages: ["头营村", "马园村", "杨郎村", "徐河村", "蒋河村"], weight: 9),
        Township(name: "黄铎堡镇", isStreet: false, villages: ["黄铎堡村", "铁沟村", "老三营村", "羊坊村"], weight: 7),
        Township(name: "中河乡", isStreet: false, villages: ["中河村", "油坊村", "硝沟村", "丰堡村"], weight: 6),
        Township(name: "河川乡", isStreet: false, villages: ["河川村", "寨洼村", "上黄村", "明川村"], weight: 6),
        Township(name: "炭山乡", isStreet: false, villages: ["炭山村", "古湾村", "南坪村", "石岔村"], weight: 5),
        Township(name: "寨科乡", isStreet: false, villages: ["寨科村", "蔡川村", "刘套村", "东淌村"], weight: 5),
    ]
}

/// Names as they occur in the district: common Hui and Han surnames, a few Uyghur-style names
/// with a middle dot, and a few rare characters that test the font chain.
enum DemoNames {
    static let surnames: [(String, Int)] = [
        ("马", 18), ("杨", 9), ("李", 8), ("王", 8), ("何", 5), ("海", 4), ("张", 6), ("刘", 5), ("田", 3),
        ("苏", 3), ("金", 2), ("虎", 2), ("丁", 2), ("冯", 2), ("赵", 3), ("陈", 3), ("周", 2), ("吴", 2),
        ("黑", 1), ("穆", 1), ("拓", 1), ("禹", 1), ("摆", 1), ("兰", 1), ("米", 1),
    ]
    static let givenCharacters = Array("建国军文华明玉兰英秀梅学成志强海燕红霞丽娟福贵忠平安宁春花德有生金银山保林小伟静芳桂芝存义万兴凤霞晓东佳慧子涵梓")
    static let rareCharacters = Array("𠮷堃喆玥珺昇琇燊彧婠")
    static let dotNames = ["阿依古丽·买买提", "古丽娜尔·艾力", "热依汗·吐尔逊", "买买提·依明", "努尔·阿不都"]

    static func name(_ rng: inout SplitMix64) -> String {
        if rng.chance(0.004) { return rng.pick(dotNames) }
        let surname = rng.pick(surnames)
        if rng.chance(0.006) {
            // 张𠮷祥-style: a rare character in the given name.
            return surname + String(rng.pick(rareCharacters)) + String(rng.pick(givenCharacters))
        }
        let length = rng.chance(0.75) ? 2 : 1
        return surname + String((0..<length).map { _ in rng.pick(givenCharacters) })
    }
}
