#!/usr/bin/env python3
"""Writes a monthly 低保 notice as Document JSON (docs/document-format.md) with N body rows in the
7-column notice table. Used by bench/30-render.sh; deterministic (fixed seed), no personal data."""
import json, random, sys

TOWNS = {
    "南关街道": ["南城社区", "西关社区", "中山社区"], "古雁街道": ["古雁社区", "东塬社区"],
    "三营镇": ["三营村", "金轮村", "新三营村"], "官厅镇": ["官厅村", "后川村"], "开城镇": ["开城村", "青石村"],
    "张易镇": ["张易村", "黄堡村"], "彭堡镇": ["彭堡村", "姚磨村"], "头营镇": ["头营村", "杨郎村"],
    "中河乡": ["中河村", "上店村"], "河川乡": ["河川村", "寨洼村"], "炭山乡": ["炭山村"], "寨科乡": ["寨科村"],
}
SURNAMES = "马李王张杨刘田海虎何苏冯罗周赵"
GIVEN = "建国丽华秀英玉兰志强海燕明德文梅小军春花晓东永福淑珍兴旺凤霞"
CATEGORIES = ["城市A档", "城市B档", "农村A档", "农村B档", "农村C档"]

def notice(rows, seed=7):
    rng = random.Random(seed)
    towns = list(TOWNS.items())
    per_town = max(1, rows // len(towns))
    body, n, total_people, total_money = [], 0, 0, 0
    for t, (town, villages) in enumerate(towns):
        count = per_town if t < len(towns) - 1 else rows - n
        if count <= 0:
            continue
        body.append({"group": town})
        people_sum, money_sum = 0, 0
        for i in range(count):
            n += 1
            name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice([1, 2])))
            people = rng.randint(1, 6)
            money = people * rng.choice([350, 420, 480, 530]) * 100
            people_sum += people; money_sum += money
            body.append([str(n), town, rng.choice(villages), name, str(people),
                         f"{money // 100}.{money % 100:02d}", rng.choice(CATEGORIES)])
        body.append({"subtotal": ["", f"{town}小计", "", "", str(people_sum),
                                  f"{money_sum // 100}.{money_sum % 100:02d}", ""]})
        total_people += people_sum; total_money += money_sum
    body.append({"total": ["", "合计", "", f"{n}户", str(total_people),
                           f"{total_money // 100}.{total_money % 100:02d}", ""]})
    return body

def document(rows):
    return {
        "metadata": {"title": "原州区城乡最低生活保障对象公布（2026年1月）", "office": "固原市原州区民政局",
                     "subject": "城乡低保对象月度公布", "keywords": ["低保", "公布", "原州区"],
                     "publicationDate": "2026-01-05", "language": "zh-CN"},
        "blocks": [
            {"type": "table", "name": "notice", "caption": "城乡最低生活保障对象名单",
             "columns": [{"title": "序号", "align": "right", "width": 0.8},
                         {"title": "乡镇（街道）", "width": 1.5}, {"title": "村（社区）", "width": 1.5},
                         {"title": "户主姓名", "width": 1.8, "names": True},
                         {"title": "保障人数", "align": "right", "width": 1},
                         {"title": "月保障金额（元）", "align": "right", "width": 1.6},
                         {"title": "类别", "align": "center", "width": 1.2}],
             "rows": notice(rows)},
            {"type": "signature", "office": "固原市原州区民政局", "date": "2026-01-05"},
        ],
    }

if __name__ == "__main__":
    json.dump(document(int(sys.argv[1])), sys.stdout, ensure_ascii=False, separators=(",", ":"))
