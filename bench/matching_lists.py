#!/usr/bin/env python3
"""Data for bench/90-matching.sh: household members for a demo store, and a month's department lists.

  matching_lists.py members STORE OUT   members.csv: each household's head and household_size − 1 others
  matching_lists.py lists STORE OUT     1,000,000 rows of department lists (deaths, pensions, vehicles,
                                        students, monitoring, employment), about a third of them naming a
                                        member of the store, the rest people the store does not know

Deterministic (fixed seed); standard library only. ID numbers are valid (GB 11643 check digit); the
strangers' are registered in 640403, so they never collide with the store's 640402 members.
"""
import csv
import datetime
import os
import random
import sqlite3
import sys

WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
CHECK = "10X98765432"
RELATIONS = ["配偶", "子女", "子女", "父母", "孙子女", "兄弟姐妹"]


def id_number(region, birth, seq):
    body = f"{region}{birth:%Y%m%d}{seq:03d}"
    return body + CHECK[sum(int(d) * w for d, w in zip(body, WEIGHTS)) % 11]


def birth_of(ident):
    return datetime.date(int(ident[6:10]), int(ident[10:12]), int(ident[12:14]))


def members(store, out):
    rng = random.Random(640402)
    db = sqlite3.connect(store)
    taken = {row[0] for row in db.execute("SELECT head_id_number FROM household")}
    os.makedirs(out, exist_ok=True)
    day0 = datetime.date(1940, 1, 1)
    with open(os.path.join(out, "members.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["户编号", "身份证号", "姓名", "与户主关系", "出生日期"])
        for household, head, size in db.execute("SELECT household_id, head_id_number, household_size FROM household ORDER BY household_id"):
            w.writerow([household, head, "户主" + household[-4:], "户主", birth_of(head).isoformat()])
            for k in range(size - 1):
                while True:
                    ident = id_number("640402", day0 + datetime.timedelta(days=rng.randrange(30000)), rng.randrange(1, 1000))
                    if ident not in taken:
                        break
                taken.add(ident)
                w.writerow([household, ident, f"成员{household[-4:]}{k}", rng.choice(RELATIONS), birth_of(ident).isoformat()])


def lists(store, out):
    rng = random.Random(29)
    db = sqlite3.connect(store)
    persons = [row[0] for row in db.execute("SELECT id_number FROM household_member")]
    heads = [row[0] for row in db.execute("SELECT head_id_number FROM household")]
    day0 = datetime.date(1950, 1, 1)
    os.makedirs(out, exist_ok=True)

    def someone(pool):
        if rng.random() < 0.33:
            return rng.choice(pool)
        return id_number("640403", day0 + datetime.timedelta(days=rng.randrange(25000)), rng.randrange(1, 1000))

    def write(name, header, rows, make, pool=persons):
        with open(os.path.join(out, name), "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            w.writerow(header)
            for _ in range(rows):
                w.writerow(make(someone(pool)))

    def day(first, last):
        return (first + datetime.timedelta(days=rng.randrange((last - first).days + 1))).isoformat()

    write("deaths.csv", ["身份证号", "姓名", "死亡日期"], 100_000,
          lambda i: [i, "某某", day(datetime.date(2026, 8, 1), datetime.date(2026, 10, 31))])
    write("pensions.csv", ["身份证号", "险种", "月待遇", "起始月份", "终止月份"], 300_000,
          lambda i: [i, rng.choice(["城镇职工基本养老保险", "城乡居民基本养老保险"]), f"{rng.randrange(300, 4000)}.00",
                     f"20{rng.randrange(10, 26)}-{rng.randrange(1, 13):02d}", ""])
    write("vehicles.csv", ["身份证号", "车辆类型", "登记日期"], 200_000,
          lambda i: [i, rng.choice(["小型轿车", "三轮摩托车", "轻型货车", "正三轮摩托车"]), day(datetime.date(2015, 1, 1), datetime.date(2026, 10, 31))])
    write("students.csv", ["身份证号", "学校", "学段", "学年"], 200_000,
          lambda i: [i, "某校", rng.choice(["小学", "初中", "高中"]), "2026-2027"])
    write("monitoring.csv", ["户主身份证号", "监测类型", "纳入日期"], 100_000,
          lambda i: [i, rng.choice(["脱贫不稳定户", "边缘易致贫户", "突发严重困难户"]), day(datetime.date(2024, 1, 1), datetime.date(2026, 10, 31))],
          pool=heads)
    write("employment.csv", ["身份证号", "单位", "起始月份"], 100_000,
          lambda i: [i, "某公司", f"20{rng.randrange(20, 27)}-{rng.randrange(1, 11):02d}"])


if __name__ == "__main__":
    if len(sys.argv) != 4 or sys.argv[1] not in ("members", "lists"):
        sys.exit(__doc__)
    {"members": members, "lists": lists}[sys.argv[1]](sys.argv[2], sys.argv[3])
