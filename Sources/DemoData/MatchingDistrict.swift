import GongkaiCore

/// A district of seven households and a month of department lists written by hand, with where each
/// rule of the shipped templates/matching.toml must fire worked out in the comments: the expectations
/// of the matching tests (unit and end to end) come from here, not from the code under test.
///
/// The batch is 2026-10-1 (matched against October 2026). ID numbers are computed (check digit by
/// GB 11643), and some are written in the other spelling on purpose: full-width digits, a lower-case x.
public enum MatchingDistrict {
    public static let batch = "2026-10-1"

    /// A valid ID number of someone born on `birth` (YYYYMMDD), sequence `n`.
    public static func id(_ birth: String, _ n: Int) -> String {
        let body = "640402" + birth + String(format: "%03d", n)
        return body + String(IDNumber.checkCharacter(for: Array(body.utf8)))
    }

    /// A valid ID number of someone born on `birth` whose check character is X (the first sequence that gives one).
    public static func idEndingInX(_ birth: String) -> String {
        (1...999).lazy.map { id(birth, $0) }.first { $0.hasSuffix("X") } ?? id(birth, 1)
    }

    /// ID numbers by person.
    public static let maJianguo = id("19800101", 1), liMei = id("19820202", 2), maXiaojun = idEndingInX("20120305")
    public static let liXiulan = id("19600303", 3), wangQiang = id("19580404", 4), wangXiaohong = id("20100505", 5)
    public static let wangFang = idEndingInX("19700606"), tianXiaoming = id("19650707", 7)
    public static let zhangWei = id("19630808", 8), zhangLi = id("19640909", 9), zhangXiao = id("20060110", 10)
    public static let yangFan = id("19751010", 11), yangLao = id("19401111", 12), hePing = id("19781212", 13)
    /// People no household of the district knows.
    public static let stranger = id("19900101", 14), strangerHead = id("19850101", 15)

    /// The same number with full-width digits (what a Chinese input method types).
    public static func fullWidth(_ id: String) -> String {
        String(id.unicodeScalars.map { s -> Character in
            (0x30...0x39).contains(s.value) ? Character(Unicode.Scalar(s.value + 0xFEE0) ?? s) : Character(s)
        })
    }

    /// The office's own files: households, members, enrolments, payments.
    public static var officeFiles: [String: String] {
        [
            // H1–H5 and H7 are paid for October; H6's 低保 stopped at 2026-07 and it receives nothing in October.
            "households.csv": """
            户编号,乡镇,村,户主姓名,户主身份证号,联系电话,家庭人口,城乡
            H1,三营镇,三营村,马建国,\(maJianguo),,3,农村
            H2,三营镇,金轮村,李秀兰,\(liXiulan),,3,农村
            H3,南关街道,西城社区,王芳,\(wangFang),,1,城市
            H4,开城镇,和泉村,田小明,\(tianXiaoming),,1,农村
            H5,开城镇,和泉村,张伟,\(zhangWei),,3,农村
            H6,官厅镇,官厅村,杨帆,\(yangFan),,2,农村
            H7,官厅镇,官厅村,何平,\(hePing),,1,农村
            """,
            // 马小军's number is written here with a lower-case x (the students' list writes it upper-case).
            // H7's 何平 has no member row: the head is matched from households.csv.
            "members.csv": """
            户编号,身份证号,姓名,与户主关系,出生日期
            H1,\(maJianguo),马建国,户主,1980-01-01
            H1,\(liMei),李梅,配偶,1982-02-02
            H1,\(maXiaojun.lowercased()),马小军,子女,2012-03-05
            H2,\(liXiulan),李秀兰,户主,1960-03-03
            H2,\(wangQiang),王强,配偶,1958-04-04
            H2,\(wangXiaohong),王小红,子女,2010-05-05
            H3,\(wangFang),王芳,户主,1970-06-06
            H4,\(tianXiaoming),田小明,户主,1965-07-07
            H5,\(zhangWei),张伟,户主,1963-08-08
            H5,\(zhangLi),张丽,配偶,1964-09-09
            H5,\(zhangXiao),张晓,子女,2006-01-10
            H6,\(yangFan),杨帆,户主,1975-10-10
            H6,\(yangLao),杨老汉,父母,1940-11-11
            """,
            // H2 had a one-off 教育救助 in September 2026: its student is assisted.
            "enrolments.csv": """
            户编号,救助项目,类别,保障人数,金额,发放方式,申请日期,审批日期,起始月份,停发月份,终止原因,事由
            H1,dibao,一类,3,1635.00,按月,2026-02-01,2026-02-20,2026-03,,,
            H2,dibao,二类,3,1200.00,按月,2025-12-01,2025-12-20,2026-01,,,
            H2,education,,1,2000.00,一次性,2026-09-01,2026-09-10,2026-09,,,
            H3,tekun,分散供养,1,980.00,按月,2025-01-01,2025-01-20,2025-02,,,
            H4,tekun,分散供养,1,980.00,按月,2025-01-01,2025-01-20,2025-02,,,
            H5,dibao,三类,3,900.00,按月,2026-01-01,2026-01-20,2026-02,,,
            H6,dibao,三类,2,600.00,按月,2025-06-01,2025-06-20,2025-07,2026-07,收入增加,
            H7,dibao,三类,1,300.00,按月,2026-01-01,2026-01-20,2026-02,,,
            """,
            "payments.csv": """
            户编号,救助项目,所属月份,金额,发放日期
            H1,dibao,2026-10,1635.00,2026-10-15
            H2,dibao,2026-10,1200.00,2026-10-15
            H3,tekun,2026-10,980.00,2026-10-15
            H4,tekun,2026-10,980.00,2026-10-15
            H5,dibao,2026-10,900.00,2026-10-15
            H7,dibao,2026-10,300.00,2026-10-15
            """,
        ]
    }

    /// The departments' lists of batch 2026-10-1, named in Chinese and English alike.
    public static var lists: [String: String] {
        [
            // 李梅 (H1) died 2026-09-20, before October: fires death-before-month, her number in full-width digits.
            // 王强 (H2) died 2026-10-05, inside October: no finding. 杨老汉 (H6) died in August, but H6 is
            // not paid in October: no finding. A stranger: no finding.
            "死亡.csv": """
            身份证号,姓名,死亡日期
            \(fullWidth(liMei)),李梅,2026-09-20
            \(wangQiang),王强,2026-10-05
            \(yangLao),杨老汉,2026-08-15
            \(stranger),赵某,2026-09-01
            """,
            // 李秀兰 (H2, 低保): 城镇职工 2,500.00 a month, above 2,000.00: fires dibao-pension-above.
            // 张伟 (H5, 低保): 城镇职工 1,800.00, below: none. 张丽 (H5): 城乡居民 3,000.00, another 险种: none.
            "pensions.csv": """
            id_number,insurance,monthly_benefit,contribution_base,start_month,end_month
            \(liXiulan),城镇职工基本养老保险,2500.00,,2020-04,
            \(zhangWei),城镇职工基本养老保险,1800.00,,2023-09,
            \(zhangLi),城乡居民基本养老保险,3000.00,,2024-01,
            """,
            // 王芳 (H3, 特困): a 小型轿车, her number with a lower-case x: fires tekun-vehicle.
            // 田小明 (H4, 特困): a 三轮摩托车, excepted: none.
            "车辆.csv": """
            身份证号,车辆类型,登记日期
            \(wangFang.lowercased()),小型轿车,2025-05-01
            \(tianXiaoming),三轮摩托车,2024-03-01
            """,
            // 马小军 (H1, 低保, aged 14, no 教育救助): fires student-without-education-aid (full-width digits,
            // upper-case X; members.csv wrote lower-case). 王小红 (H2, aged 16) had 教育救助 in September: none.
            // 张晓 (H5) is 20 on 2026-10-01, outside ages 6–18: none.
            "在校生.csv": """
            身份证号,学校,学段,学年
            \(fullWidth(maXiaojun)),三营中学,初中,2026-2027
            \(wangXiaohong),固原一中,高中,2026-2027
            \(zhangXiao),宁夏大学,本科,2026-2027
            """,
            // 杨帆 heads H6, which receives nothing in October: fires monitoring-unassisted. 何平 heads H7,
            // paid 低保: none. A head the store does not know: no finding, counted as unknown (1).
            "monitoring.csv": """
            户主身份证号,监测类型,纳入日期
            \(yangFan),脱贫不稳定户,2026-03-01
            \(hePing),边缘易致贫户,2026-02-01
            \(strangerHead),突发严重困难户,2026-05-01
            """,
        ]
    }

    /// The findings the shipped rules must raise, exactly: (household, rule, finding).
    public static let expected: [(household: String, rule: String, finding: String)] = [
        ("H1", "death-before-month", "配偶李梅已于2026-09-20死亡，本月仍在发放"),
        ("H1", "student-without-education-aid", "子女马小军为初中在校生，近 12 个月未享受教育救助"),
        ("H2", "dibao-pension-above", "户主李秀兰领取城镇职工基本养老保险，月待遇 2500.00 元"),
        ("H3", "tekun-vehicle", "户主王芳名下有小型轿车（2025-05-01登记）"),
        ("H6", "monitoring-unassisted", "脱贫不稳定户，2026-03-01纳入防返贫监测，本月未享受任何救助"),
    ]

    /// Rows in the lists above: 4 deaths, 3 pensions, 2 vehicles, 3 students, 3 monitoring.
    public static let listRows = 15
}
